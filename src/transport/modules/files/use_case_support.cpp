#include "transport/modules/files/use_case_support.h"

#include <set>

#include "storage/regex_matcher.h"

namespace nmshd::transport::use_case {
namespace {

// The runtime's schema patterns (useCases/common/Schemas.js); in the date pattern the JavaScript
// back reference \17 is written \g{17}, which Boost.Regex would read as \1 followed by '7'.
constexpr std::string_view kFileIdPattern = "FIL[A-Za-z0-9]{17}";
constexpr std::string_view kMessageIdPattern = "MSG[A-Za-z0-9]{17}";
constexpr std::string_view kAddressPattern =
    "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}";
constexpr std::string_view kIso8601Pattern =
    "^([+-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d|0[1-9]|3[01]))?|W([0-4]\\d|5[0-2])(-?[1-7])?|"
    "(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))([T\\s]((([01]\\d|2[0-3])((:?)[0-5]\\d)?|24:?00)([.,]\\d+(?!:))?"
    ")?"
    "(\\g{17}[0-5]\\d([.,]\\d+)?)?([zZ]|([+-])([01]\\d|2[0-3]):?([0-5]\\d)?)?)?)?$";

bool Search(std::string_view pattern, std::string_view text) {
  // Compiled once per pattern; RegexMatcher::Search is const and thread-safe.
  static const storage::RegexMatcher file_id(kFileIdPattern, false);
  static const storage::RegexMatcher message_id(kMessageIdPattern, false);
  static const storage::RegexMatcher address(kAddressPattern, false);
  static const storage::RegexMatcher iso(kIso8601Pattern, false);
  if (pattern == kFileIdPattern) return file_id.Search(text);
  if (pattern == kMessageIdPattern) return message_id.Search(text);
  if (pattern == kAddressPattern) return address.Search(text);
  return iso.Search(text);
}

}  // namespace

CodedError RecordNotFound(std::string_view entity) {
  return CodedError(kRecordNotFound,
                    std::string(entity) + " not found. Make sure the ID exists and the record is not expired.");
}

CodedError InvalidPropertyValue(const std::string& message) { return CodedError(kInvalidPropertyValue, message); }

bool IsFileIdString(std::string_view text) { return Search(kFileIdPattern, text); }
bool IsMessageIdString(std::string_view text) { return Search(kMessageIdPattern, text); }
bool IsAddressString(std::string_view text) { return Search(kAddressPattern, text); }
bool IsIso8601DateTimeString(std::string_view text) { return Search(kIso8601Pattern, text); }

void RethrowTranslated() {
  try {
    throw;
  } catch (const BackboneError& e) {
    if (e.code() == "error.platform.recordNotFound") throw CodedError(kRecordNotFound, e.reason());
    throw;
  }
}

void ValidateQueryKeys(const storage::QueryParameters& query, std::initializer_list<QueryKey> keys) {
  std::set<std::string> seen;
  for (const auto& [key, value] : query) {
    const QueryKey* known = nullptr;
    for (const auto& k : keys) {
      if (k.name == key) known = &k;
    }
    if (known == nullptr) throw InvalidPropertyValue("query must NOT have additional properties");
    if (!seen.insert(key).second && !known->allow_array) {
      throw InvalidPropertyValue("query/" + key + " must be string");
    }
  }
}

void RequireObjectWithOnly(const boost::json::value& body, std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  for (const auto& member : body.as_object()) {
    bool ok = false;
    for (auto name : allowed) ok = ok || member.key() == name;
    if (!ok) throw InvalidPropertyValue("must NOT have additional properties");
  }
}

}  // namespace nmshd::transport::use_case
