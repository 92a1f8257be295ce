#pragma once
// What the content modules (relationship templates, tokens, relationships, messages, files) share:
// reading request bodies the way ASP.NET binds them, the official validation errors, byte fields
// and dates in their wire form, and in-memory paging of id lists.
//
// Binding rules of the official Backbone (Applications/ConsumerApi, System.Text.Json + MVC):
// * property names are matched case-insensitively;
// * a JSON value of the wrong type, a malformed date or malformed base64, and a missing or null
//   required member are model-binding errors: 400 error.platform.inputCannotBeParsed with the
//   message "'<property>': <reason>";
// * everything the FluentValidation validators reject is 400
//   error.platform.validation.invalidPropertyValue (FluentValidation's message texts);
// * byte[] members accept base64url and standard base64 (padded or not) and are written as
//   base64url without padding. Stored documents keep byte fields in that output form, so a DTO is
//   the stored value unchanged.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_routes.h"
#include "backbone_context.h"
#include "base/base64.h"
#include "base/coded_error.h"
#include "base/iso_date.h"

namespace nmshd::backbone::content {

namespace json = boost::json;

// ---- errors -------------------------------------------------------------------------------

// "<Record> not found. Make sure the ID exists …" (GenericApplicationErrors.NotFound).
CodedError RecordNotFound(std::string_view record);
// error.platform.validation.invalidPropertyValue with FluentValidation's message.
CodedError InvalidPropertyValue(const std::string& message);
// error.platform.inputCannotBeParsed "'<property>': <reason>".
CodedError CannotBeParsed(std::string_view property, const std::string& reason);
// The message FluentValidation's NumberOfBytes validator writes.
CodedError WrongNumberOfBytes(std::string_view display_name, std::size_t min, std::size_t max,
                              std::size_t actual);
// "'<Display Name>': The ID or Address is not valid. Check length, prefix and the used characters."
CodedError InvalidId(std::string_view display_name);

// ---- request body members (case-insensitive names) -----------------------------------------

// The member named `name` compared case-insensitively, or nullptr.
const json::value* Member(const json::object& body, std::string_view name);
// True when the member is missing or JSON null.
bool IsAbsent(const json::object& body, std::string_view name);

std::optional<std::string> OptionalString(const json::object& body, std::string_view name);
std::string RequiredString(const json::object& body, std::string_view name);
std::optional<std::int64_t> OptionalInt(const json::object& body, std::string_view name);
std::optional<TimePoint> OptionalDate(const json::object& body, std::string_view name);
TimePoint RequiredDate(const json::object& body, std::string_view name);

// A byte[] member: the decoded bytes and the wire (base64url, no padding) form.
struct WireBytes {
  std::string b64u;
  std::size_t size = 0;
};
std::optional<WireBytes> OptionalBytes(const json::object& body, std::string_view name);
WireBytes RequiredBytes(const json::object& body, std::string_view name);
// Decodes base64 in any variant; throws CannotBeParsed(property, …) on malformed text.
WireBytes DecodeBytes(std::string_view text, std::string_view property);
// A query-string byte[] value (standard base64 as the client sends it; '+' may arrive as ' ').
WireBytes DecodeQueryBytes(std::string text, std::string_view property);

// Number of bytes a base64url-no-padding string encodes.
std::size_t Base64UrlByteLength(std::string_view b64u);

// ---- dates ----------------------------------------------------------------------------------

inline std::string Iso(TimePoint t) { return FormatIsoUtc(t); }
// Parses a stored ISO date (our own output format).
TimePoint StoredDate(const json::value& value);

// ---- ids and addresses ----------------------------------------------------------------------

// `id` must be a Backbone id with `prefix`; else InvalidId(display_name).
void RequireId(std::string_view id, std::string_view prefix, std::string_view display_name);
// The Backbone's IdentityAddress.IsValid; else InvalidId(display_name).
void RequireAddress(std::string_view address, std::string_view display_name);
// IdentityAddress.GetAnonymized(didDomainName): the address of the 32 UTF-16LE bytes of
// "deleted identity".
std::string AnonymizedAddress(std::string_view did_domain_name);

// ---- query strings --------------------------------------------------------------------------

// The repeated parameter `name` (ids=a&ids=b).
std::vector<std::string> QueryList(const http::Request& request, std::string_view name);
// GenericArrayModelBinder: prefix.0.id, prefix.0.password, prefix.1.id, … until an index has none
// of the properties. Missing properties are nullopt.
struct QueryItem {
  std::optional<std::string> id;
  std::optional<std::string> password;
};
std::vector<QueryItem> QueryItems(const http::Request& request, std::string_view prefix);

// ---- json helpers ---------------------------------------------------------------------------

std::string Str(const json::object& doc, std::string_view key);
std::optional<std::string> OptStr(const json::object& doc, std::string_view key);
json::value NullableString(const std::optional<std::string>& s);

// ---- paging ---------------------------------------------------------------------------------

// Sorts by createdAt ascending (then id, for stable pages) and answers the requested page as the
// official OrderAndPaginate does.
// createdAt ascending, then id: the order of the official OrderAndPaginate, made stable.
void SortByCreatedAt(std::vector<json::object>& items);
// [first, last) of the requested page within `total` items.
std::pair<std::size_t, std::size_t> PageBounds(std::size_t total, const PageRequest& page);
http::Response PagedByCreatedAt(std::vector<json::object> items, const http::Request& request,
                                const BackboneContext& ctx);
PageRequest ReadPage(const http::Request& request, const BackboneContext& ctx);

}  // namespace nmshd::backbone::content
