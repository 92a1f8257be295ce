#include "content/content_common.h"

#include <strings.h>

#include <algorithm>
#include <array>

#include "api/api_errors.h"
#include "core/backbone_ids.h"
#include "core/core_date.h"
#include "core/identity_address.h"

namespace nmshd::backbone::content {

CodedError RecordNotFound(std::string_view record) {
  return CodedError("error.platform.recordNotFound",
                    std::string(record) +
                        " not found. Make sure the ID exists and the record is not expired. If a "
                        "password is required to fetch the record, make sure you passed the "
                        "correct one.");
}

CodedError InvalidPropertyValue(const std::string& message) {
  return CodedError("error.platform.validation.invalidPropertyValue", message);
}

CodedError CannotBeParsed(std::string_view property, const std::string& reason) {
  return InputCannotBeParsed("'" + std::string(property) + "': " + reason);
}

CodedError WrongNumberOfBytes(std::string_view display_name, std::size_t min, std::size_t max,
                              std::size_t actual) {
  std::string name(display_name);
  if (min == max) {
    return InvalidPropertyValue("'" + name + "' must be " + std::to_string(min) +
                                " bytes long. You entered " + std::to_string(actual) + " bytes.");
  }
  return InvalidPropertyValue("'" + name + "' must be between " + std::to_string(min) + " and " +
                              std::to_string(max) + " bytes long. You entered " +
                              std::to_string(actual) + " bytes.");
}

CodedError InvalidId(std::string_view display_name) {
  return InvalidPropertyValue("'" + std::string(display_name) +
                              "': The ID or Address is not valid. Check length, prefix and the "
                              "used characters.");
}

const json::value* Member(const json::object& body, std::string_view name) {
  for (const auto& kv : body) {
    auto key = kv.key();
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return &kv.value();
    }
  }
  return nullptr;
}

bool IsAbsent(const json::object& body, std::string_view name) {
  const auto* v = Member(body, name);
  return v == nullptr || v->is_null();
}

namespace {

CodedError Required(std::string_view name) {
  return CannotBeParsed(name, "The " + std::string(name) + " field is required.");
}

const json::string& AsString(const json::value& v, std::string_view name) {
  if (!v.is_string()) {
    throw CannotBeParsed(name, "The JSON value could not be converted to a string.");
  }
  return v.get_string();
}

}  // namespace

std::optional<std::string> OptionalString(const json::object& body, std::string_view name) {
  const auto* v = Member(body, name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return std::string(AsString(*v, name));
}

std::string RequiredString(const json::object& body, std::string_view name) {
  auto s = OptionalString(body, name);
  if (!s) throw Required(name);
  return *s;
}

std::optional<std::int64_t> OptionalInt(const json::object& body, std::string_view name) {
  const auto* v = Member(body, name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  // The official members are C# int: 32 bits, no fractions, no strings.
  if (v->is_int64() && v->get_int64() >= INT32_MIN && v->get_int64() <= INT32_MAX) {
    return v->get_int64();
  }
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT32_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  throw CannotBeParsed(name, "The JSON value could not be converted to System.Int32.");
}

std::optional<TimePoint> OptionalDate(const json::object& body, std::string_view name) {
  const auto* v = Member(body, name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  const auto& text = AsString(*v, name);
  try {
    return core::CoreDate::Parse(std::string_view(text.data(), text.size())).time();
  } catch (const CodedError&) {
    throw CannotBeParsed(name, "The JSON value could not be converted to a date.");
  }
}

TimePoint RequiredDate(const json::object& body, std::string_view name) {
  auto d = OptionalDate(body, name);
  if (!d) throw Required(name);
  return *d;
}

WireBytes DecodeBytes(std::string_view text, std::string_view property) {
  try {
    std::size_t size = 0;
    auto canonical = base64::NormalizeToUrlNoPad(text, size);
    return WireBytes{std::move(canonical), size};
  } catch (const CodedError&) {
    throw CannotBeParsed(property, "The value is not valid base64.");
  }
}

WireBytes DecodeQueryBytes(std::string text, std::string_view property) {
  std::replace(text.begin(), text.end(), ' ', '+');
  return DecodeBytes(text, property);
}

std::optional<WireBytes> OptionalBytes(const json::object& body, std::string_view name) {
  const auto* v = Member(body, name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  const auto& text = AsString(*v, name);
  return DecodeBytes(std::string_view(text.data(), text.size()), name);
}

WireBytes RequiredBytes(const json::object& body, std::string_view name) {
  auto b = OptionalBytes(body, name);
  if (!b) throw Required(name);
  return std::move(*b);
}

std::size_t Base64UrlByteLength(std::string_view b64u) { return b64u.size() * 3 / 4; }

TimePoint StoredDate(const json::value& value) {
  const auto& s = value.as_string();
  return ParseIso(std::string_view(s.data(), s.size()));
}

void RequireId(std::string_view id, std::string_view prefix, std::string_view display_name) {
  if (!core::IsBackboneId(id, prefix)) throw InvalidId(display_name);
}

void RequireAddress(std::string_view address, std::string_view display_name) {
  if (!core::IdentityAddress::IsValidForBackbone(address)) throw InvalidId(display_name);
}

std::string AnonymizedAddress(std::string_view did_domain_name) {
  // Encoding.Unicode.GetBytes("deleted identity"): UTF-16LE, 32 bytes.
  constexpr std::string_view kText = "deleted identity";
  std::array<std::uint8_t, kText.size() * 2> bytes{};
  for (std::size_t i = 0; i < kText.size(); ++i) {
    bytes[2 * i] = static_cast<std::uint8_t>(kText[i]);
    bytes[2 * i + 1] = 0;
  }
  return core::IdentityAddress::Derive(bytes, did_domain_name).str();
}

std::vector<std::string> QueryList(const http::Request& request, std::string_view name) {
  return request.QueryValues(std::string(name));
}

std::vector<QueryItem> QueryItems(const http::Request& request, std::string_view prefix) {
  std::vector<QueryItem> items;
  for (std::size_t i = 0;; ++i) {
    std::string base = std::string(prefix) + "." + std::to_string(i) + ".";
    QueryItem item;
    item.id = request.QueryValue(base + "id");
    item.password = request.QueryValue(base + "password");
    if (!item.id && !item.password) break;
    items.push_back(std::move(item));
  }
  return items;
}

std::string Str(const json::object& doc, std::string_view key) {
  const auto* v = doc.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return std::string(v->get_string());
}

std::optional<std::string> OptStr(const json::object& doc, std::string_view key) {
  const auto* v = doc.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

json::value NullableString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::string(*s);
}

PageRequest ReadPage(const http::Request& request, const BackboneContext& ctx) {
  return ReadPageRequest(request, ctx.config.limits.defaultPageSize, ctx.config.limits.maxPageSize);
}

void SortByCreatedAt(std::vector<json::object>& items) {
  std::stable_sort(items.begin(), items.end(), [](const json::object& a, const json::object& b) {
    auto ca = Str(a, "createdAt");
    auto cb = Str(b, "createdAt");
    if (ca != cb) return ca < cb;
    return Str(a, "id") < Str(b, "id");
  });
}

std::pair<std::size_t, std::size_t> PageBounds(std::size_t total, const PageRequest& page) {
  auto size = static_cast<std::size_t>(page.size);
  auto skipped_pages = static_cast<std::uint64_t>(page.number - 1);
  if (skipped_pages >= (total + size - 1) / size) return {total, total};
  auto first = static_cast<std::size_t>(skipped_pages) * size;
  return {first, std::min(total, first + size)};
}

http::Response PagedByCreatedAt(std::vector<json::object> items, const http::Request& request,
                                const BackboneContext& ctx) {
  auto page = ReadPage(request, ctx);
  SortByCreatedAt(items);
  auto [first, last] = PageBounds(items.size(), page);
  json::array out;
  for (auto i = first; i < last; ++i) out.push_back(std::move(items[i]));
  return PagedResult(out, page, items.size());
}

}  // namespace nmshd::backbone::content
