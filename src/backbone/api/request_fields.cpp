#include "api/request_fields.h"

#include <strings.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "base/base64.h"

namespace nmshd::backbone {

namespace json = boost::json;

CodedError InvalidPropertyValue(std::string_view member, std::string_view why) {
  return CodedError("error.platform.validation.invalidPropertyValue",
                    "The value of the property '" + std::string(member) + "' is invalid: " + std::string(why));
}

CodedError CannotBeParsed(std::string_view member, std::string_view why) {
  return CodedError("error.platform.inputCannotBeParsed",
                    "The property '" + std::string(member) + "' " + std::string(why));
}

const json::value* Member(const json::object& object, std::string_view name) {
  if (const auto* exact = object.if_contains(name)) return exact;
  for (const auto& kv : object) {
    const auto key = kv.key();
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return &kv.value();
    }
  }
  return nullptr;
}

const json::value* NonNullMember(const json::object& object, std::string_view name) {
  const auto* v = Member(object, name);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::string RequiredString(const json::object& object, std::string_view name) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) throw CannotBeParsed(name, "is required.");
  if (!v->is_string()) throw CannotBeParsed(name, "must be a string.");
  return std::string(v->get_string());
}

std::string RequiredNonEmptyString(const json::object& object, std::string_view name) {
  auto s = RequiredString(object, name);
  if (s.empty()) throw InvalidPropertyValue(name, "must not be empty.");
  return s;
}

std::optional<std::string> OptionalString(const json::object& object, std::string_view name) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) throw CannotBeParsed(name, "must be a string.");
  return std::string(v->get_string());
}

std::optional<std::int64_t> OptionalInteger(const json::object& object, std::string_view name,
                                            std::int64_t min, std::int64_t max) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    if (v->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      throw CannotBeParsed(name, "is out of range.");
    }
    n = static_cast<std::int64_t>(v->get_uint64());
  } else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
             std::fabs(v->get_double()) < 9.0e15) {
    n = static_cast<std::int64_t>(v->get_double());
  } else {
    throw CannotBeParsed(name, "must be an integer.");
  }
  if (n < min || n > max) {
    throw CannotBeParsed(name, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  }
  return n;
}

std::int64_t RequiredInteger(const json::object& object, std::string_view name, std::int64_t min,
                             std::int64_t max) {
  auto v = OptionalInteger(object, name, min, max);
  if (!v) throw CannotBeParsed(name, "is required.");
  return *v;
}

std::optional<double> OptionalNumber(const json::object& object, std::string_view name) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  throw CannotBeParsed(name, "must be a number.");
}

std::optional<bool> OptionalBool(const json::object& object, std::string_view name) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) throw CannotBeParsed(name, "must be a boolean.");
  return v->get_bool();
}

const json::object& RequiredObject(const json::object& object, std::string_view name) {
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) throw CannotBeParsed(name, "is required.");
  if (!v->is_object()) throw CannotBeParsed(name, "must be an object.");
  return v->get_object();
}

const json::array& ArrayOrEmpty(const json::object& object, std::string_view name) {
  static const json::array kEmpty;
  const auto* v = NonNullMember(object, name);
  if (v == nullptr) return kEmpty;
  if (!v->is_array()) throw CannotBeParsed(name, "must be an array.");
  return v->get_array();
}

std::optional<std::vector<std::uint8_t>> OptionalBytes(const json::object& object,
                                                       std::string_view name) {
  auto text = OptionalString(object, name);
  if (!text) return std::nullopt;
  try {
    return base64::DecodeAny(*text);
  } catch (const CodedError&) {
    throw CannotBeParsed(name, "is not valid base64.");
  }
}

std::vector<std::uint8_t> RequiredBytes(const json::object& object, std::string_view name) {
  auto bytes = OptionalBytes(object, name);
  if (!bytes) throw CannotBeParsed(name, "is required.");
  if (bytes->empty()) throw InvalidPropertyValue(name, "must not be empty.");
  return std::move(*bytes);
}

std::uint16_t SupportedDatawalletVersion(const http::Request& request) {
  unsigned value = 0;
  if (auto header = request.Header("X-Supported-Datawallet-Version")) {
    const auto& h = *header;
    auto [ptr, ec] = std::from_chars(h.data(), h.data() + h.size(), value);
    if (ec != std::errc() || ptr != h.data() + h.size() || value > 65535) {
      throw CodedError("error.platform.inputCannotBeParsed",
                       "The header 'X-Supported-Datawallet-Version' must be a number between 0 and 65535.");
    }
  }
  if (value == 0) {
    throw CodedError("error.platform.validation.invalidPropertyValue",
                     "'SupportedDatawalletVersion' must be greater than 0.");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace nmshd::backbone
