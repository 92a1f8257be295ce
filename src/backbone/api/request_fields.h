#pragma once
// Reading request bodies the way ASP.NET binds them: property names case-insensitive, `null` the
// same as absent for optional members, byte[] members as base64url or standard base64.
//
// Errors (CodedError, answered 400 by ApiRoutes):
//   error.platform.inputCannotBeParsed        a required member is missing or has the wrong JSON
//                                             type (System.Text.Json fails, InvalidModelStateResponseFactory)
//   error.platform.validation.invalidPropertyValue   the member is there but its value is invalid
//                                             (FluentValidation rules: empty, out of range, ...)
// Every message names the member.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/coded_error.h"
#include "http/request.h"

namespace nmshd::backbone {

CodedError InvalidPropertyValue(std::string_view member, std::string_view why);
CodedError CannotBeParsed(std::string_view member, std::string_view why);

// The member named `name` compared case-insensitively (first match), or nullptr.
const boost::json::value* Member(const boost::json::object& object, std::string_view name);
// nullptr for absent or null.
const boost::json::value* NonNullMember(const boost::json::object& object, std::string_view name);

std::string RequiredString(const boost::json::object& object, std::string_view name);
// Required and not empty (FluentValidation DetailedNotEmpty).
std::string RequiredNonEmptyString(const boost::json::object& object, std::string_view name);
std::optional<std::string> OptionalString(const boost::json::object& object, std::string_view name);
std::optional<std::int64_t> OptionalInteger(const boost::json::object& object, std::string_view name,
                                            std::int64_t min, std::int64_t max);
std::int64_t RequiredInteger(const boost::json::object& object, std::string_view name,
                             std::int64_t min, std::int64_t max);
std::optional<double> OptionalNumber(const boost::json::object& object, std::string_view name);
std::optional<bool> OptionalBool(const boost::json::object& object, std::string_view name);
const boost::json::object& RequiredObject(const boost::json::object& object, std::string_view name);
// Absent or null -> empty array.
const boost::json::array& ArrayOrEmpty(const boost::json::object& object, std::string_view name);
// byte[]: base64url or standard base64 (padded or not); not empty.
std::vector<std::uint8_t> RequiredBytes(const boost::json::object& object, std::string_view name);
std::optional<std::vector<std::uint8_t>> OptionalBytes(const boost::json::object& object,
                                                       std::string_view name);

// The `X-Supported-Datawallet-Version` header (ushort). Missing or 0 -> invalidPropertyValue
// "'SupportedDatawalletVersion' must be greater than 0." as the official validators answer.
std::uint16_t SupportedDatawalletVersion(const http::Request& request);

}  // namespace nmshd::backbone
