// The JSON form of IdentityAttribute, RelationshipAttribute and IdentityAttributeQuery (ts-serval's
// sorted keys) and the runtime's JSON-schema check of identity values.
#include <gtest/gtest.h>

#include "base/js_json.h"
#include "content/identity_attribute.h"
#include "content/identity_attribute_query.h"
#include "content/identity_value_schema.h"
#include "content/relationship_attribute.h"
#include "content/serval_error.h"

namespace nmshd::content {
namespace {

namespace js = boost::json;

TEST(AttributeJson, IdentityAttributeKeysAreSorted) {
  auto attribute = IdentityAttribute::FromJson(
      json::Parse(R"({"value":{"value":"Anna","@type":"GivenName"},"tags":["x:b","x:a"],"owner":"did:e:a:dids:1"})"));
  EXPECT_EQ(json::Stringify(attribute.ToJson()),
            R"({"@type":"IdentityAttribute","owner":"did:e:a:dids:1","tags":["x:b","x:a"],"value":{"@type":"GivenName","value":"Anna"}})");
  auto without_tags = IdentityAttribute::FromJson(json::Parse(R"({"owner":"","value":{"@type":"Sex","value":"male"}})"));
  EXPECT_EQ(json::Stringify(without_tags.ToJson()),
            R"({"@type":"IdentityAttribute","owner":"","value":{"@type":"Sex","value":"male"}})");
}

TEST(AttributeJson, IdentityAttributeTags) {
  auto parse = [](const std::string& tags) {
    try {
      IdentityAttribute::FromJson(json::Parse(R"({"owner":"","value":{"@type":"GivenName","value":"A"},"tags":)" + tags + "}"));
      return std::string("ok");
    } catch (const ServalError& e) {
      return e.code() + " " + e.what();
    }
  };
  EXPECT_EQ(parse(R"(["x:a","x:a"])"), "error.runtime.requestDeserialization IdentityAttribute.tags:Array :: The tags are not unique.");
  EXPECT_EQ(parse("\"x:a\""), "error.runtime.servalError Value is not an Array.");
  EXPECT_EQ(parse("[1]"),
            "error.runtime.requestDeserialization IdentityAttribute.tags :: Item with index 0 could not be deserialized to "
            "a String (IdentityAttribute.tags[] :: Value is not a string)");
  EXPECT_EQ(parse("[\"" + std::string(251, 't') + "\"]"),
            "error.runtime.requestDeserialization IdentityAttribute.tags:Array :: The maximum length of a tag is 250 characters.");
  std::string many = "[";
  for (int i = 0; i < 21; ++i) many += (i ? ",\"x:" : "\"x:") + std::to_string(i) + "\"";
  EXPECT_EQ(parse(many + "]"), "error.runtime.requestDeserialization IdentityAttribute.tags:Array :: The maximum number of tags is 20.");
}

TEST(AttributeJson, RelationshipAttribute) {
  auto attribute = RelationshipAttribute::FromJson(json::Parse(
      R"({"value":{"@type":"ProprietaryString","title":"t","value":"v"},"key":"k","confidentiality":"private","owner":"o"})"));
  EXPECT_EQ(json::Stringify(attribute.ToJson()),
            R"({"@type":"RelationshipAttribute","confidentiality":"private","isTechnical":false,"key":"k","owner":"o","value":{"@type":"ProprietaryString","title":"t","value":"v"}})");
  try {
    RelationshipAttribute::FromJson(json::Parse(
        R"({"value":{"@type":"ProprietaryString","title":"t","value":"v"},"key":"k","confidentiality":"secret","owner":"o"})"));
    FAIL();
  } catch (const ServalError& e) {
    EXPECT_EQ(std::string(e.what()), "RelationshipAttribute.confidentiality:String :: must be one of: public,private,protected");
    EXPECT_EQ(json::Stringify(e.data()),
              R"({"name":"ValidationError","type":"RelationshipAttribute","property":"confidentiality:String","reason":"must be one of: public,private,protected"})");
  }
}

TEST(AttributeJson, IdentityAttributeQuery) {
  auto query = IdentityAttributeQuery::FromJson(json::Parse(R"({"valueType":"GivenName","tags":["x:a"],"@type":"IdentityAttributeQuery"})"));
  EXPECT_EQ(json::Stringify(query.ToJson()), R"({"@type":"IdentityAttributeQuery","tags":["x:a"],"valueType":"GivenName"})");
  try {
    IdentityAttributeQuery::FromJson(json::Parse(R"({"valueType":"Foo"})"));
    FAIL();
  } catch (const ServalError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(R"(IdentityAttributeQuery.valueType:String :: must be one of: ["Affiliation","BankAccount",)", 0), 0u);
  }
  try {
    IdentityAttributeQuery::FromJson(js::value("x"));
    FAIL();
  } catch (const ServalError& e) {
    EXPECT_EQ(std::string(e.what()), "IdentityAttributeQuery.from() :: Parameter must be an object - is 'x'");
  }
}

TEST(AttributeJson, IdentityValueSchemaReportsAjvsFirstFailure) {
  auto check = [](const char* value) { return CheckIdentityValueSchema(json::Parse(value)).value_or("ok"); };
  EXPECT_EQ(check(R"({"@type":"GivenName","value":"A"})"), "ok");
  EXPECT_EQ(check(R"({"@type":"GivenName"})"), "GivenName :: must have required property 'value'");
  EXPECT_EQ(check(R"({"@type":"GivenName","value":1,"x":2})"), "GivenName :: must NOT have additional properties");
  EXPECT_EQ(check(R"({"@type":"GivenName","value":1,"@context":5})"), "GivenName :: @context must be string");
  EXPECT_EQ(check(R"({"@type":"StreetAddress","state":1,"street":2})"), "StreetAddress :: must have required property 'city'");
  EXPECT_EQ(check(R"({"@type":"BirthDate","day":"1","month":1,"year":1})"), "BirthDate :: day must be number");
  EXPECT_EQ(check(R"({"@type":"Foo"})"), "content.value.@type must match one of the allowed Attribute value types for IdentityAttributes");
  EXPECT_EQ(check(R"("GivenName")"), "content.value.@type must match one of the allowed Attribute value types for IdentityAttributes");
  EXPECT_EQ(CheckIdentityValueUnionSchema(json::Parse(R"({"@type":"GivenName","value":5})"), "successorContent/value").value_or("ok"),
            "successorContent/value must have required property 'organization'");
  EXPECT_EQ(CheckIdentityValueUnionSchema(json::Parse(R"({"@type":"GivenName","organization":"x"})"), "successorContent/value").value_or("ok"),
            "successorContent/value/@type must be equal to constant");
}

}  // namespace
}  // namespace nmshd::content
