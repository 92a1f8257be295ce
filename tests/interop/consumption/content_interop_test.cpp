// The content model against the official @nmshd/content / consumption / runtime 7.0.0: every case
// of attribute_cases.js is judged by content_oracle.js (official classes) and by our content and
// consumption code, and the verdicts must agree — the value schema check, IdentityAttribute.from /
// RelationshipAttribute.from (error code and message, or the byte-identical JSON), the trimming and
// the character whitelist.
//
// Known differences, asserted as such: the four identity types newer than 7.0.0 (BankAccount,
// MaritalStatus, SchematizedJSON, VerifiableCredential) are unknown to the 7.0.0 peer; for them our
// decision must be the case's `expect` (runtime 7.5 rules). Messages listing the identity value
// types name those four too, so only their code and form are compared.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "base/js_json.h"
#include "consumption/attributes/attribute_trimming.h"
#include "content/character_whitelist.h"
#include "content/identity_attribute.h"
#include "content/identity_value_schema.h"
#include "content/relationship_attribute.h"
#include "content/serval_error.h"
#include "content/value_types.h"
#include "interop/transport/node_runner.h"

namespace nmshd::content {
namespace {

namespace js = boost::json;

// {ok, json} or {ok:false, code, message} like content_oracle.js writes it.
template <class Fn>
js::object Attempt(Fn&& fn) {
  try {
    return js::object{{"ok", true}, {"json", fn()}};
  } catch (const ServalError& e) {
    return js::object{{"ok", false}, {"code", e.code()}, {"message", e.what()}};
  }
}

const js::value& Oracle() {
  static const js::value oracle = [] {
    const auto run = transport::testing::RunNode("../consumption/content_oracle.js", {}, "", std::chrono::seconds(120));
    if (run.exit_code != 0) throw std::runtime_error("content_oracle.js failed: " + run.err);
    return json::Parse(run.out, "content_oracle.js output");
  }();
  return oracle;
}

bool ListsIdentityTypes(const js::value& result) {
  const auto* message = result.as_object().if_contains("message");
  return message != nullptr && std::string_view(message->as_string()).find("(Affiliation|") != std::string_view::npos;
}

// Official and ours agree: same ok; same JSON bytes, or same code and message.
void ExpectSameResult(const std::string& what, const js::value& official, const js::object& ours) {
  ASSERT_EQ(official.at("ok").as_bool(), ours.at("ok").as_bool())
      << what << "\nofficial: " << json::Stringify(official) << "\nours:     " << json::Stringify(ours);
  if (ours.at("ok").as_bool()) {
    EXPECT_EQ(json::Stringify(official.at("json")), json::Stringify(ours.at("json"))) << what;
    return;
  }
  EXPECT_EQ(official.at("code").as_string(), ours.at("code").as_string()) << what << " " << ours.at("message");
  if (ListsIdentityTypes(official)) {
    EXPECT_NE(std::string_view(ours.at("message").as_string()).find("not an instance of any allowed types (Affiliation|"),
              std::string_view::npos)
        << what << ": " << ours.at("message");
  } else {
    EXPECT_EQ(official.at("message").as_string(), ours.at("message").as_string()) << what;
  }
}

bool AllValid(const js::object& results) {
  for (const auto& [k, v] : results) {
    if (v.is_object() && v.as_object().contains("ok") && !v.at("ok").as_bool()) return false;
    if (v.is_bool() && !v.as_bool()) return false;
    if (k == "schema" && !v.is_null()) return false;
  }
  return true;
}

struct IdentityVerdict {
  js::object results;  // schema, parsed, trimmed?, characters?
};

IdentityVerdict JudgeIdentity(const js::object& c) {
  IdentityVerdict v;
  const auto schema = CheckIdentityValueSchema(c.at("value"));
  v.results["schema"] = schema ? js::value(*schema) : js::value(nullptr);
  js::object input{{"owner", ""}, {"value", c.at("value")}};
  if (const auto* tags = c.if_contains("tags")) input["tags"] = *tags;
  v.results["parsed"] = Attempt([&] { return IdentityAttribute::FromJson(input).ToJson(); });
  if (v.results.at("parsed").at("ok").as_bool()) {
    const auto attribute = IdentityAttribute::FromJson(input);
    v.results["trimmed"] = Attempt([&] { return consumption::TrimIdentityAttribute(attribute).ToJson(); });
    if (v.results.at("trimmed").at("ok").as_bool()) {
      const auto trimmed = consumption::TrimIdentityAttribute(attribute);
      v.results["characters"] = HasOnlyWhitelistedStrings(trimmed.value.json(), false);
    }
  }
  return v;
}

TEST(ContentInterop, IdentityValuesAreJudgedLikeTheOfficialContentModel) {
  std::size_t compared = 0;
  for (const auto& item : Oracle().at("identity").as_array()) {
    const auto& c = item.as_object();
    const std::string name(c.at("name").as_string());
    const auto ours = JudgeIdentity(c);
    const bool newer = c.contains("newerThan700") && c.at("newerThan700").as_bool();
    const std::string expect(c.at("expect").as_string());
    if (newer) {
      // The 7.0.0 peer does not know the type; ours follows runtime 7.5's rules.
      EXPECT_EQ(std::string(c.at("parsed").at("code").as_string()), "error.runtime.unknownType") << name;
      EXPECT_EQ(AllValid(ours.results) ? "valid" : "invalid", expect) << name << " " << json::Stringify(ours.results);
      continue;
    }
    const js::object official{{"schema", c.at("schema")}, {"parsed", c.at("parsed")}};
    EXPECT_EQ(AllValid(c) ? "valid" : "invalid", expect) << name << ": the case no longer tests what it says";
    EXPECT_EQ(c.at("schema"), ours.results.at("schema")) << name;
    ExpectSameResult(name + " (IdentityAttribute.from)", c.at("parsed"), ours.results.at("parsed").as_object());
    if (c.contains("trimmed") && ours.results.contains("trimmed")) {
      ExpectSameResult(name + " (trimAttribute)", c.at("trimmed"), ours.results.at("trimmed").as_object());
    }
    EXPECT_EQ(c.contains("characters"), ours.results.contains("characters")) << name;
    if (c.contains("characters") && ours.results.contains("characters")) {
      EXPECT_EQ(c.at("characters").as_bool(), ours.results.at("characters").as_bool()) << name << " (characters)";
    }
    ++compared;
  }
  EXPECT_GE(compared, 100u);
}

TEST(ContentInterop, RelationshipValuesAreJudgedLikeTheOfficialContentModel) {
  const std::string owner(Oracle().at("owner").as_string());
  std::size_t compared = 0;
  for (const auto& item : Oracle().at("relationship").as_array()) {
    const auto& c = item.as_object();
    const std::string name(c.at("name").as_string());
    js::object input = c.at("attribute").as_object();
    input["owner"] = owner;
    const auto parsed = Attempt([&] { return RelationshipAttribute::FromJson(input).ToJson(); });
    ExpectSameResult(name, c.at("parsed"), parsed);
    std::optional<bool> characters;
    if (parsed.at("ok").as_bool()) {
      characters = HasOnlyWhitelistedStrings(RelationshipAttribute::FromJson(input).value.json(), true);
    }
    EXPECT_EQ(c.contains("characters"), characters.has_value()) << name;
    if (characters && c.contains("characters")) {
      EXPECT_EQ(c.at("characters").as_bool(), *characters) << name;
    }
    const bool official_valid = c.at("parsed").at("ok").as_bool() && c.contains("characters") && c.at("characters").as_bool();
    EXPECT_EQ(official_valid ? "valid" : "invalid", std::string(c.at("expect").as_string()))
        << name << ": the case no longer tests what it says";
    ++compared;
  }
  EXPECT_GE(compared, 50u);
}

// The case list covers what issue #5 asks: at least 3 valid and 3 invalid values for each core
// type, and every one of the 43 value types at least once.
TEST(ContentInterop, CaseListCoversEveryValueType) {
  std::map<std::string, std::pair<int, int>> counts;  // type -> (valid, invalid)
  auto count = [&counts](const js::object& c, const js::value& value) {
    if (!value.is_object() || !value.as_object().contains("@type")) return;
    auto& entry = counts[std::string(value.at("@type").as_string())];
    (c.at("expect").as_string() == "valid" ? entry.first : entry.second)++;
  };
  for (const auto& item : Oracle().at("identity").as_array()) count(item.as_object(), item.at("value"));
  for (const auto& item : Oracle().at("relationship").as_array()) count(item.as_object(), item.at("attribute").at("value"));
  for (const char* core : {"GivenName", "Surname", "DisplayName", "EMailAddress", "PhoneNumber", "StreetAddress",
                           "BirthDate", "CommunicationLanguage", "Sex", "Nationality", "Citizenship", "BankAccount",
                           "ProprietaryString", "ProprietaryBoolean", "ProprietaryInteger", "ProprietaryFloat",
                           "ProprietaryJSON", "Consent"}) {
    EXPECT_GE(counts[core].first, 3) << core << " valid cases";
    EXPECT_GE(counts[core].second, 3) << core << " invalid cases";
  }
  for (const auto* type : AllValueTypes()) {
    EXPECT_GE(counts[std::string(type->name)].first + counts[std::string(type->name)].second, 1) << type->name;
  }
  EXPECT_EQ(AllValueTypes().size(), 43u);
}

}  // namespace
}  // namespace nmshd::content
