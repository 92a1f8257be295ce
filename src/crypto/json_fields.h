#pragma once
// Field readers shared by the parsers of this layer. They turn a missing, mistyped or malformed field
// into a CodedError whose message names "<Class>.<field>", with the CryptoErrorCode the official
// validator would use for that field.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace nmshd::crypto::detail {

// `json` must be an object; if it carries "@type" it must equal `type`. error.crypto.wrongObject.
const boost::json::object& ExpectObject(const boost::json::value& json, std::string_view type);
// A nested object field. error.crypto.wrongObject when missing or not an object.
const boost::json::value& RequireObjectField(const boost::json::object& o, std::string_view key,
                                             std::string_view what);
// A base64url-no-pad string field decoding to `min`..`max` bytes; a wrong length throws
// `length_code`, a non-string or undecodable value error.crypto.wrongSerializedBuffer.
Bytes RequireBytes(const boost::json::object& o, std::string_view key, std::string_view what,
                   std::size_t min, std::size_t max, const char* length_code);
// An integer field (JS number without fraction); missing or non-integer throws `code`.
std::int64_t RequireInteger(const boost::json::object& o, std::string_view key,
                            std::string_view what, const char* code);
std::optional<std::string> OptionalString(const boost::json::object& o, std::string_view key,
                                          std::string_view what);
// Parses JSON text (e.g. from fromBase64) into a value; bad text throws error.base.invalidJson.
boost::json::value ParseText(std::string_view text, std::string_view what);
// base64url(JSON) -> JSON value, the inverse of CryptoSerializable.toBase64().
boost::json::value ParseBase64Json(std::string_view text, std::string_view what);
// CryptoSerializable.toBase64(): base64url-no-pad of the UTF-8 JSON text.
std::string JsonToBase64(const boost::json::object& o);

}  // namespace nmshd::crypto::detail
