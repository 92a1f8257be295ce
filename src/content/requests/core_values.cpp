// CoreId, CoreAddress and CoreDate of @nmshd/core-types 7.0.0 as content properties: what their
// fromAny accepts and the string their toJSON() writes.
#include "base/coded_error.h"
#include "core/core_date.h"
#include "content/requests/content_classes.h"
#include "content/serval_error.h"

namespace nmshd::content::serval {
namespace {

// CoreId and CoreAddress: preFrom turns a string into {<key>: string}; then one required string.
js::value ReadWrapped(std::string_view cls, std::string_view key, const js::value& v) {
  if (v.is_string()) return v;
  Reader r(cls, v);
  r.String(key);
  return *r.Read(key);
}

}  // namespace

js::value ReadCoreId(const js::value& v) { return ReadWrapped("CoreId", "id", v); }

js::value ReadCoreAddress(const js::value& v) { return ReadWrapped("CoreAddress", "address", v); }

// CoreDate.preFrom + toJSON(): luxon DateTime.fromISO(string, {zone: "utc"}).toUTC().toISO().
// A string luxon cannot read still parses, but toJSON() then throws "The date is invalid.".
js::value ReadCoreDate(const js::value& v) {
  const bool falsy = v.is_null() || (v.is_bool() && !v.get_bool()) || (v.is_string() && v.get_string().empty()) ||
                     (v.is_number() && v.to_number<double>() == 0);
  if (falsy) ThrowPlainError("The provided object is undefined and cannot be deserialized.");
  std::string text;
  if (v.is_object() || v.is_array()) {
    const js::value* date = v.is_object() ? v.get_object().if_contains("date") : nullptr;
    if (date == nullptr || !date->is_string() || date->get_string().empty()) {
      ThrowPlainError("The provided object doesn't have an 'toISOString' string method.");
    }
    text = std::string(date->get_string());
  } else if (v.is_number()) {
    // DateTime.fromMillis keeps the process time zone; the connector runs in UTC, where luxon
    // prints the offset as "+00:00".
    std::string iso = core::CoreDate::FromMillis(static_cast<std::int64_t>(v.to_number<double>())).ToString();
    if (!iso.empty() && iso.back() == 'Z') iso = iso.substr(0, iso.size() - 1) + "+00:00";
    return js::string(iso);
  } else if (v.is_string()) {
    text = std::string(v.get_string());
  } else {
    ThrowPlainError("The provided object is invalid and cannot be deserialized.");
  }
  try {
    return js::string(core::CoreDate::Parse(text).ToString());
  } catch (const CodedError&) {
    ThrowPlainError("The date is invalid.");
  }
}

}  // namespace nmshd::content::serval
