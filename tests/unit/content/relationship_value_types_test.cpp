// The RelationshipAttribute value types: Proprietary* (title, description, valueHintsOverride,
// value) and Consent.
#include <gtest/gtest.h>

#include "content/value_types.h"
#include "content_test_support.h"

namespace nmshd::content {
namespace {

using testing::kDeserialization;
using testing::Relationship;

TEST(RelationshipValueTypes, FourteenAreRegistered) {
  std::size_t relationship = 0;
  for (const auto* t : AllValueTypes()) relationship += t->kind == AttributeKind::kRelationship ? 1 : 0;
  EXPECT_EQ(relationship, 14u);
  EXPECT_EQ(AllValueTypes().size(), 43u);
}

TEST(RelationshipValueTypes, ProprietaryScalars) {
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","value":"K-1","title":"Customer number","description":"d"})"),
            R"(ok {"@type":"ProprietaryString","description":"d","title":"Customer number","value":"K-1"})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","value":"v"})"),
            std::string(kDeserialization) + "ProprietaryString.title :: Value is not defined");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","title":"t","description":")" + std::string(1001, 'd') + R"(","value":"v"})"),
            std::string(kDeserialization) + "ProprietaryString.description :: Value is longer than 1000 characters");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryBoolean","title":"t","value":false})"),
            R"(ok {"@type":"ProprietaryBoolean","title":"t","value":false})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryBoolean","title":"t","value":"true"})"),
            std::string(kDeserialization) + "ProprietaryBoolean.value :: Value is not a boolean");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryInteger","title":"t","value":-3})"),
            R"(ok {"@type":"ProprietaryInteger","title":"t","value":-3})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryInteger","title":"t","value":2.0})"),
            R"(ok {"@type":"ProprietaryInteger","title":"t","value":2})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryInteger","title":"t","value":1.5})"),
            std::string(kDeserialization) + "ProprietaryInteger.value:Number :: must be an integer");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryFloat","title":"t","value":-2.25e21})"),
            R"(ok {"@type":"ProprietaryFloat","title":"t","value":-2.25e+21})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryFloat","title":"t","value":"1.5"})"),
            std::string(kDeserialization) + "ProprietaryFloat.value :: Value is not a number.");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryHEXColor","title":"t","value":"#12345"})"),
            std::string(kDeserialization) + "ProprietaryHEXColor.value :: Value does not match regular expression /^#([0-9A-F]{3}){1,2}$/i");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryCountry","title":"t","value":"AT"})").substr(0, 2), "ok");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryLanguage","title":"t","value":"fr"})").substr(0, 2), "ok");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryURL","title":"t","value":"https://portal"})").find("ProprietaryURL.value :: Value does not match"),
            std::string(kDeserialization).size());
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryXML","title":"t","value":"<x/>","schemaURL":"no"})"),
            std::string(kDeserialization) + "ProprietaryXML.schemaURL :: Value is shorter than 3 characters");
}

TEST(RelationshipValueTypes, ProprietaryJsonKeepsItsValueAsGiven) {
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryJSON","title":"t","value":{"z":1,"a":[true,null]}})"),
            R"(ok {"@type":"ProprietaryJSON","title":"t","value":{"z":1,"a":[true,null]}})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryJSON","title":"t","value":null})"),
            std::string(kDeserialization) + "ProprietaryJSON.value :: Value is not defined");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryJSON","title":"t","value":")" + std::string(4095, 'x') + "\"}"),
            std::string(kDeserialization) + "ProprietaryJSON.value:Object :: stringified value must not be longer than 4096 characters");
}

TEST(RelationshipValueTypes, ValueHintsOverride) {
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":{"values":[{"key":2,"displayName":"B"}],"min":1}})"),
            R"(ok {"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":{"@type":"ValueHintsOverride","min":1,"values":[{"displayName":"B","key":2}],"propertyHints":{}}})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":{"propertyHints":{"x":{"max":3}},"pattern":"p"}})"),
            R"(ok {"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":{"@type":"ValueHintsOverride","pattern":"p","propertyHints":{"x":{"@type":"ValueHints","max":3,"propertyHints":{}}}}})");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":"x"})"),
            std::string(kDeserialization) + "ValueHintsOverride.from() :: Parameter must be an object - is 'x'");
  EXPECT_EQ(Relationship(R"({"@type":"ProprietaryString","title":"t","value":"a","valueHintsOverride":{"values":[{"key":{},"displayName":"A"}]}})"),
            std::string(kDeserialization) +
                "ValueHintsOverride.values :: Item with index 0 could not be deserialized to a ValueHintsValue "
                "(ValueHintsValue.key :: Value is not an allowed type.)");
}

TEST(RelationshipValueTypes, Consent) {
  EXPECT_EQ(Relationship(R"({"@type":"Consent","consent":"I agree.","link":"https://example.com/terms","linkDisplayText":"AGB"})"),
            R"(ok {"@type":"Consent","consent":"I agree.","link":"https://example.com/terms","linkDisplayText":"AGB"})");
  EXPECT_EQ(Relationship(R"({"@type":"Consent","consent":"I agree.","linkDisplayText":"AGB"})"),
            std::string(kDeserialization) + "Consent.linkDisplayText :: A linkDisplayText can only be defined if a link is defined too.");
  EXPECT_EQ(Relationship(R"({"@type":"Consent","consent":"c","link":"https://x.de","linkDisplayText":"ab"})"),
            std::string(kDeserialization) + "Consent.linkDisplayText :: Value is shorter than 3 characters");
  EXPECT_EQ(Relationship(R"({"@type":"Consent","consent":")" + std::string(10001, 'c') + "\"}"),
            std::string(kDeserialization) + "Consent.consent :: Value is longer than 10000 characters");
}

TEST(RelationshipValueTypes, IdentityValuesAreRefused) {
  EXPECT_EQ(Relationship(R"({"@type":"GivenName","value":"Anna"})"),
            std::string(kDeserialization) +
                "RelationshipAttribute.value :: Parsed object is not an instance of any allowed types "
                "(ProprietaryBoolean|ProprietaryCountry|ProprietaryEMailAddress|ProprietaryFileReference|ProprietaryFloat|"
                "ProprietaryHEXColor|ProprietaryInteger|ProprietaryLanguage|ProprietaryPhoneNumber|ProprietaryString|"
                "ProprietaryURL|ProprietaryJSON|ProprietaryXML|Consent).");
}

}  // namespace
}  // namespace nmshd::content
