#include "transport/modules/tokens/request_checks.h"

#include <algorithm>
#include <set>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "core/core_date.h"
#include "storage/regex_matcher.h"

namespace nmshd::transport::request_checks {

namespace {

// The patterns of Schemas.js (ajv patterns are unanchored searches), in Boost.Regex spelling:
// the back reference \17 is written \g{17} (Perl syntax reads \17 as \1 followed by '7') and the
// class [a-zA-Z0-9-_] as [a-zA-Z0-9_-].
constexpr std::string_view kIsoPattern =
    R"(^([+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)([.,]\d+(?!:))?)?(\g{17}[0-5]\d([.,]\d+)?)?([zZ]|([+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$)";
constexpr std::string_view kAddressPattern =
    R"(did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22})";

bool Matches(std::string_view pattern, std::string_view text) {
  // Compiled once per pattern; RegexMatcher is immutable after construction.
  static const storage::RegexMatcher iso(kIsoPattern, false);
  static const storage::RegexMatcher address(kAddressPattern, false);
  if (pattern == kIsoPattern) return iso.Search(text);
  if (pattern == kAddressPattern) return address.Search(text);
  return storage::RegexMatcher(pattern, false).Search(text);
}

// "<path> <message>" as SchemaValidator prints it (path without its leading '/').
std::string At(const std::string& path, std::string_view message) {
  std::string text = path.empty() ? std::string(message) : path + " " + std::string(message);
  text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
  return text;
}

std::string Join(const std::string& path, const std::string& name) { return path.empty() ? name : path + "/" + name; }

std::optional<std::string> CheckValue(const boost::json::value& v, const Property& p, const std::string& path) {
  switch (p.kind) {
    case Kind::kAny:
      return std::nullopt;
    case Kind::kString:
      if (!v.is_string()) return At(path, "must be string");
      return std::nullopt;
    case Kind::kNonEmptyString:
      if (!v.is_string()) return At(path, "must be string");
      // ajv counts Unicode code points; an empty string is the only one shorter than 1.
      if (v.as_string().empty()) return At(path, "must NOT have fewer than 1 characters");
      return std::nullopt;
    case Kind::kBoolean:
      if (!v.is_bool()) return At(path, "must be boolean");
      return std::nullopt;
    case Kind::kTrueConst:
      if (!v.is_bool()) return At(path, "must be boolean");
      if (!v.as_bool()) return At(path, "must be equal to constant");
      return std::nullopt;
    case Kind::kNumberMin1:
      if (!v.is_number()) return At(path, "must be number");
      if (v.to_number<double>() < 1) return At(path, "must be >= 1");
      return std::nullopt;
    case Kind::kIsoDate:
      if (!v.is_string() || !Matches(kIsoPattern, v.as_string())) return At(path, "must match ISO8601 datetime format");
      return std::nullopt;
    case Kind::kAddress:
      if (!v.is_string()) return At(path, "must be string");
      if (!Matches(kAddressPattern, v.as_string())) {
        return At(path, "must match pattern " + std::string(kAddressPattern));
      }
      return std::nullopt;
    case Kind::kObject:
      return FirstFailure(v, *p.nested, path);
    case Kind::kId: {
      if (!v.is_string()) return At(path, "must be string");
      const std::string pattern = std::string(p.id_prefix) + "[A-Za-z0-9]{17}";
      if (!Matches(pattern, v.as_string())) return At(path, "must match pattern " + pattern);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

const boost::json::value* Member(const boost::json::value& input, std::string_view key) {
  if (!input.is_object()) return nullptr;
  const auto it = input.as_object().find(key);
  return it == input.as_object().end() ? nullptr : &it->value();
}

bool IsPin(std::string_view password) {
  if (password.size() < 4 || password.size() > 16) return false;
  return std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsValidLocationIndicator(const boost::json::value& v) {
  if (v.is_number()) {
    const double n = v.to_number<double>();
    // The runtime accepts any number in range; our references carry integers only.
    return n >= 50 && n <= 99 && n == static_cast<double>(static_cast<int>(n));
  }
  if (!v.is_string()) return false;
  static const std::set<std::string, std::less<>> kOptions = {"Self", "Letter", "RegistrationLetter", "Email",
                                                              "SMS", "Website"};
  return kOptions.contains(std::string_view(v.as_string()));
}

const Schema& PasswordProtectionSchema() {
  static const Schema schema{{{"password", Kind::kNonEmptyString},
                              {"passwordIsPin", Kind::kTrueConst},
                              {"passwordLocationIndicator", Kind::kAny}},
                             {"password"}};
  return schema;
}

}  // namespace

std::optional<std::string> FirstFailure(const boost::json::value& input, const Schema& schema,
                                        const std::string& path) {
  if (!input.is_object()) return At(path, "must be object");
  const auto& o = input.as_object();
  for (const auto& name : schema.required) {
    if (!o.contains(name)) return At(path, "must have required property '" + name + "'");
  }
  for (const auto& member : o) {
    const bool declared = std::any_of(schema.properties.begin(), schema.properties.end(),
                                      [&](const Property& p) { return p.name == member.key(); });
    if (!declared) return At(path, "must NOT have additional properties");
  }
  for (const auto& p : schema.properties) {
    const auto it = o.find(p.name);
    if (it == o.end()) continue;
    if (auto failure = CheckValue(it->value(), p, Join(path, p.name))) return failure;
  }
  return std::nullopt;
}

void ThrowInvalid(const std::string& message) { throw CodedError(kInvalidPropertyValue, message); }

const Schema& CreateOwnTemplateSchema() {
  static const Schema schema{{{"expiresAt", Kind::kIsoDate},
                              {"content", Kind::kAny},
                              {"maxNumberOfAllocations", Kind::kNumberMin1},
                              {"forIdentity", Kind::kAddress},
                              {"passwordProtection", Kind::kObject, &PasswordProtectionSchema()}},
                             {"expiresAt", "content"}};
  return schema;
}

const Schema& CreateTokenForOwnTemplateSchema() {
  static const Schema schema{{{"templateId", Kind::kId, nullptr, "RLT"},
                              {"expiresAt", Kind::kIsoDate},
                              {"ephemeral", Kind::kBoolean},
                              {"forIdentity", Kind::kAddress},
                              {"passwordProtection", Kind::kObject, &PasswordProtectionSchema()}},
                             {"templateId"}};
  return schema;
}

const Schema& CreateOwnTokenSchema() {
  static const Schema schema{{{"content", Kind::kAny},
                              {"expiresAt", Kind::kIsoDate},
                              {"ephemeral", Kind::kBoolean},
                              {"forIdentity", Kind::kAddress},
                              {"passwordProtection", Kind::kObject, &PasswordProtectionSchema()}},
                             {"content", "expiresAt", "ephemeral"}};
  return schema;
}

void CheckCreationRequest(const boost::json::value& input, const Schema& schema) {
  if (auto failure = FirstFailure(input, schema)) ThrowInvalid(*failure);
  if (const auto* expires = Member(input, "expiresAt")) {
    bool in_future = false;
    try {
      in_future = core::CoreDate::Parse(expires->as_string()).time() > NowMs();
    } catch (const CodedError&) {
      // A form the pattern allows but no date parser reads (e.g. week dates): not a valid future.
    }
    if (!in_future) ThrowInvalid("'expiresAt' must be in the future");
  }
  if (const auto* protection = Member(input, "passwordProtection")) {
    const auto* pin = Member(*protection, "passwordIsPin");
    if (pin != nullptr && pin->is_bool() && pin->as_bool() && !IsPin(protection->at("password").as_string())) {
      ThrowInvalid(
          "'passwordProtection.passwordIsPin' is true, hence 'passwordProtection.password' must consist of 4 to 16 "
          "digits from 0 to 9.");
    }
    const auto* location = Member(*protection, "passwordLocationIndicator");
    if (location != nullptr && !IsValidLocationIndicator(*location)) {
      ThrowInvalid(
          "must be a number from 50 to 99 or one of the following strings: Self, Letter, RegistrationLetter, Email, "
          "SMS, Website");
    }
  }
}

void CheckLoadPeerRequest(const boost::json::value& input, bool allow_template) {
  const char* message = allow_template ? "token / relationship template reference invalid" : "token reference invalid";
  if (!input.is_object()) ThrowInvalid(message);
  const auto& o = input.as_object();
  if (!o.contains("reference") || (!allow_template && !o.contains("ephemeral"))) ThrowInvalid(message);
  for (const auto& member : o) {
    const auto& k = member.key();
    const bool declared = k == "reference" || k == "password" || (!allow_template && k == "ephemeral");
    if (!declared) ThrowInvalid(message);
  }
  const auto& reference = o.at("reference");
  if (!reference.is_string()) ThrowInvalid(message);
  const std::string_view text = reference.as_string();
  bool ok = Matches(R"(VE9L.{84})", text) ||
            Matches(R"(^https?:\/\/.*\/r\/TOK[a-zA-Z0-9]+(\?app=.+)?#[a-zA-Z0-9_-]+$)", text);
  if (allow_template) {
    ok = ok || Matches(R"(UkxU.{84})", text) ||
         Matches(R"(^https?:\/\/.*\/r\/RLT[a-zA-Z0-9]+(\?app=.+)?#[a-zA-Z0-9_-]+$)", text);
  }
  if (!ok) ThrowInvalid(message);
  if (const auto* password = Member(input, "password"); password != nullptr && !password->is_string()) {
    ThrowInvalid(message);
  }
  if (const auto* ephemeral = Member(input, "ephemeral"); ephemeral != nullptr && !ephemeral->is_bool()) {
    ThrowInvalid(message);
  }
}

void CheckIdParameter(std::string_view name, std::string_view id, std::string_view prefix) {
  const std::string pattern = std::string(prefix) + "[A-Za-z0-9]{17}";
  if (!Matches(pattern, id)) ThrowInvalid(std::string(name) + " must match pattern " + pattern);
}

void CheckListQuery(const std::vector<std::pair<std::string, std::string>>& query, bool templates) {
  static const std::vector<std::string> kTokenKeys = {
      "isOwn", "createdAt", "createdBy", "createdByDevice", "expiresAt", "forIdentity", "passwordProtection",
      "passwordProtection.password", "passwordProtection.passwordIsPin", "passwordProtection.passwordLocationIndicator"};
  // The template query declares its keys in another order, which decides which failure comes first.
  static const std::vector<std::string> kTemplateKeys = {"isOwn",
                                                         "createdAt",
                                                         "expiresAt",
                                                         "createdBy",
                                                         "createdByDevice",
                                                         "maxNumberOfAllocations",
                                                         "forIdentity",
                                                         "passwordProtection",
                                                         "passwordProtection.password",
                                                         "passwordProtection.passwordIsPin",
                                                         "passwordProtection.passwordLocationIndicator"};
  const auto& keys = templates ? kTemplateKeys : kTokenKeys;
  for (const auto& [key, value] : query) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) ThrowInvalid("query must NOT have additional properties");
  }
  for (const auto& key : keys) {
    std::vector<std::string> values;
    for (const auto& [k, v] : query) {
      if (k == key) values.push_back(v);
    }
    if (values.empty()) continue;
    std::vector<std::string> allowed;
    if (key == "passwordProtection") allowed = {"", "!"};
    if (key == "passwordProtection.passwordIsPin") allowed = {"true", "!"};
    if (allowed.empty()) continue;
    if (values.size() > 1) ThrowInvalid("query/" + key + " must be string");
    if (std::find(allowed.begin(), allowed.end(), values.front()) == allowed.end()) {
      ThrowInvalid("query/" + key + " must be equal to one of the allowed values");
    }
  }
}

}  // namespace nmshd::transport::request_checks
