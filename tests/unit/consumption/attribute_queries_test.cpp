// getAttributes / getOwnIdentityAttributes filters, getAttribute ids and
// executeIdentityAttributeQuery.
#include "attribute_store_fixture.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

class AttributeQueriesTest : public AttributeStoreTest {
 protected:
  void SetUp() override {
    anna_ = Id(Create(R"({"@type":"GivenName","value":"Anna"})", R"(["x:home","x:a"])"));
    ben_ = Id(Create(R"({"@type":"GivenName","value":"Ben"})", R"(["x:work"])"));
    mail_ = Id(Create(R"({"@type":"EMailAddress","value":"anna@example.com"})"));
    sex_ = Id(Create(R"({"@type":"Sex","value":"female"})"));
  }
  std::vector<std::string> IdsOf(const js::array& dtos) {
    std::vector<std::string> ids;
    for (const auto& d : dtos) ids.push_back(Id(d.as_object()));
    return ids;
  }
  std::vector<std::string> List(const QueryParameters& query) { return IdsOf(use_cases_->GetAttributes(query)); }
  std::vector<std::string> Query(const std::string& query_json) {
    return IdsOf(use_cases_->ExecuteIdentityAttributeQuery(js::object{{"query", json::Parse(query_json)}}));
  }
  std::string anna_, ben_, mail_, sex_;
};

using Ids = std::vector<std::string>;

TEST_F(AttributeQueriesTest, ListFiltersWithTheRestSyntaxOldestFirst) {
  EXPECT_EQ(List({}), (Ids{anna_, ben_, mail_, sex_}));
  EXPECT_EQ(List({{"content.value.@type", "GivenName"}}), (Ids{anna_, ben_}));
  EXPECT_EQ(List({{"content.value.@type", "!GivenName"}}), (Ids{mail_, sex_}));
  EXPECT_EQ(List({{"content.value.@type", "Sex"}, {"content.value.@type", "EMailAddress"}}), (Ids{mail_, sex_}));
  EXPECT_EQ(List({{"content.tags", "x:work"}}), (Ids{ben_}));
  EXPECT_EQ(List({{"content.tags", "x:home"}, {"content.tags", "x:work"}}), (Ids{anna_, ben_}));
  // content.tags is taken literally: no operators.
  EXPECT_EQ(List({{"content.tags", "!x:work"}}), (Ids{}));
  EXPECT_EQ(List({{"@type", "OwnIdentityAttribute"}, {"succeededBy", "!"}}), (Ids{anna_, ben_, mail_, sex_}));
  EXPECT_EQ(List({{"content.owner", kSelf}, {"unknownKey", "x"}}), (Ids{anna_, ben_, mail_, sex_}));
  EXPECT_EQ(List({{"@type", "PeerIdentityAttribute"}}), (Ids{}));
}

TEST_F(AttributeQueriesTest, OwnIdentityAttributesCheckTheirQuery) {
  EXPECT_EQ(IdsOf(use_cases_->GetOwnIdentityAttributes(std::nullopt, {{"content.value.@type", "EMailAddress"}})), (Ids{mail_}));
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetOwnIdentityAttributes(std::nullopt, {{"peer", "x"}}); }),
            "error.runtime.validation.invalidPropertyValue query must NOT have additional properties");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetOwnIdentityAttributes(std::nullopt, {{"createdAt", "a"}, {"createdAt", "b"}}); }),
            "error.runtime.validation.invalidPropertyValue query/createdAt must be string");
}

TEST_F(AttributeQueriesTest, GetChecksTheIdPattern) {
  EXPECT_EQ(Id(use_cases_->GetAttribute(anna_)), anna_);
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttribute("foo"); }),
            "error.runtime.validation.invalidPropertyValue id must match pattern ATT[A-Za-z0-9]{17}");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttribute("ATTxxxxxxxxxxxxxxxxx"); }).rfind("error.runtime.recordNotFound", 0), 0u);
  // ajv's pattern is not anchored.
  EXPECT_TRUE(MatchesAttributeIdPattern("xxATTaaaaaaaaaaaaaaaaaaaaaa"));
  EXPECT_FALSE(MatchesAttributeIdPattern("ATTaaaa"));
}

TEST_F(AttributeQueriesTest, IdentityAttributeQuery) {
  EXPECT_EQ(Query(R"({"@type":"IdentityAttributeQuery","valueType":"GivenName"})"), (Ids{anna_, ben_}));
  EXPECT_EQ(Query(R"({"valueType":"GivenName","tags":["x:work","x:none"]})"), (Ids{ben_}));
  EXPECT_EQ(Query(R"({"valueType":"GivenName","tags":[]})"), (Ids{}));
  EXPECT_EQ(Query(R"({"valueType":"Surname"})"), (Ids{}));
  EXPECT_EQ(ErrorOf([&] { use_cases_->ExecuteIdentityAttributeQuery(js::object{}); }),
            "error.runtime.requestDeserialization IdentityAttributeQuery.from() :: Parameter must be an object - is 'undefined'");
  EXPECT_EQ(ErrorOf([&] { Query(R"({"valueType":"ProprietaryString"})"); }).rfind(
                "error.runtime.requestDeserialization IdentityAttributeQuery.valueType:String :: must be one of: [", 0),
            0u);
}

}  // namespace
}  // namespace nmshd::consumption::testing
