#include "crypto/json_fields.h"

#include <cmath>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/error_codes.h"

namespace nmshd::crypto::detail {
namespace {

std::string Name(std::string_view what, std::string_view key) {
  return std::string(what) + "." + std::string(key);
}

}  // namespace

const boost::json::object& ExpectObject(const boost::json::value& json, std::string_view type) {
  if (!json.is_object()) {
    throw CodedError(errc::kWrongObject, std::string(type) + " must be a JSON object");
  }
  const auto& o = json.get_object();
  if (const auto* t = o.if_contains("@type")) {
    if (!t->is_string() || t->get_string() != type) {
      throw CodedError(errc::kWrongObject, std::string(type) + ".@type must be \"" +
                                               std::string(type) + "\", got " +
                                               boost::json::serialize(*t));
    }
  }
  return o;
}

const boost::json::value& RequireObjectField(const boost::json::object& o, std::string_view key,
                                             std::string_view what) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) {
    throw CodedError(errc::kWrongObject, "Property " + Name(what, key) + " must be an object" +
                                             (v == nullptr ? " (missing)" : ""));
  }
  return *v;
}

Bytes RequireBytes(const boost::json::object& o, std::string_view key, std::string_view what,
                   std::size_t min, std::size_t max, const char* length_code) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    throw CodedError(errc::kWrongSerializedBuffer, "Property " + Name(what, key) +
                                                       " must be a string" +
                                                       (v == nullptr ? " (missing)" : ""));
  }
  Bytes bytes;
  try {
    bytes = base64::DecodeUrlNoPad(std::string_view(v->get_string()));
  } catch (const CodedError&) {
    throw CodedError(errc::kWrongSerializedBuffer,
                     "Property " + Name(what, key) + " is not valid base64url without padding");
  }
  if (bytes.size() < min || bytes.size() > max) {
    std::string expected = min == max ? std::to_string(min)
                                      : std::to_string(min) + ".." + std::to_string(max);
    throw CodedError(length_code, "Property " + Name(what, key) + " must be " + expected +
                                      " bytes, got " + std::to_string(bytes.size()));
  }
  return bytes;
}

std::int64_t RequireInteger(const boost::json::object& o, std::string_view key,
                            std::string_view what, const char* code) {
  const auto* v = o.if_contains(key);
  if (v != nullptr) {
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
        std::abs(v->get_double()) < 9.007199254740992e15) {
      return static_cast<std::int64_t>(v->get_double());
    }
  }
  throw CodedError(code, "Property " + Name(what, key) + " must be an integer" +
                             (v == nullptr ? " (missing)" : ", got " + boost::json::serialize(*v)));
}

std::optional<std::string> OptionalString(const boost::json::object& o, std::string_view key,
                                          std::string_view what) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    throw CodedError(errc::kWrongId, "Property " + Name(what, key) + " must be a string");
  }
  return std::string(v->get_string());
}

boost::json::value ParseText(std::string_view text, std::string_view what) {
  return json::Parse(text, what);
}

boost::json::value ParseBase64Json(std::string_view text, std::string_view what) {
  Bytes bytes;
  try {
    bytes = base64::DecodeUrlNoPad(text);
  } catch (const CodedError&) {
    throw CodedError(errc::kWrongSerializedBuffer,
                     std::string(what) + " base64 form is not valid base64url without padding");
  }
  return json::Parse(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                     what);
}

std::string JsonToBase64(const boost::json::object& o) {
  return base64::EncodeUrlNoPad(json::Stringify(o));
}

}  // namespace nmshd::crypto::detail
