// The faster read paths of the attribute store must give the results of the plain ones:
//   - IQL over only the value types a query can match (iql_value_types.h) = IQL over all attributes;
//   - numberOfForwards counted in batches (AttributesController::Dtos) = counted one by one;
//   - the indexed duplicate check and identity attribute query still find what they must.
#include <gtest/gtest.h>

#include <set>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "consumption/attributes/attribute_value_key.h"
#include "consumption/iql/iql.h"
#include "consumption/iql/iql_parser.h"
#include "consumption/iql/iql_use_cases.h"
#include "consumption/iql/iql_value_types.h"
#include "storage/document_store.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;
using Types = std::optional<std::set<std::string>>;

Types TypesOf(std::string_view query) {
  auto parsed = iql::ParseIql(query);
  return iql::MatchableValueTypes(*std::get<std::unique_ptr<iql::IqlNode>>(parsed));
}

TEST(IqlValueTypes, ConfinesTermsConjunctionsAndDisjunctionsOfTypedTerms) {
  using S = std::set<std::string>;
  EXPECT_EQ(TypesOf("GivenName"), Types(S{"GivenName"}));
  EXPECT_EQ(TypesOf("StreetAddress.country=DE"), Types(S{"StreetAddress"}));
  EXPECT_EQ(TypesOf("Surname=x || JobTitle?"), Types(S{"JobTitle", "Surname"}));
  EXPECT_EQ(TypesOf("( StreetAddress.country=DE && #x:tag3 ) || JobTitle=Job7"), Types(S{"JobTitle", "StreetAddress"}));
  EXPECT_EQ(TypesOf("!#x:tag1 && EMailAddress"), Types(S{"EMailAddress"}));
  EXPECT_EQ(TypesOf("GivenName && Surname"), Types(S{}));  // nothing can match
  EXPECT_EQ(TypesOf("( GivenName || Surname ) && ( Surname || JobTitle )"), Types(S{"Surname"}));
  EXPECT_EQ(TypesOf("#x:tag1"), Types());
  EXPECT_EQ(TypesOf("owner=o"), Types());
  EXPECT_EQ(TypesOf("!GivenName"), Types());
  EXPECT_EQ(TypesOf("GivenName || #x"), Types());
  EXPECT_EQ(TypesOf("#x && owner=o"), Types());
}

TEST(AttributeValueKey, EqualExactlyWhenTheValuesAreDeepEqual) {
  const auto key = [](const char* text) { return AttributeValueKey(json::Parse(text)); };
  EXPECT_EQ(key(R"({"@type":"BirthDate","day":1,"month":2,"year":1990})"),
            key(R"({"year":1990.0,"month":2,"@type":"BirthDate","day":1})"));  // member order, 1990 == 1990.0
  EXPECT_NE(key(R"({"@type":"BirthDate","day":1,"month":2,"year":1990})"),
            key(R"({"@type":"BirthDate","day":2,"month":1,"year":1990})"));
  EXPECT_NE(key(R"({"@type":"GivenName","value":"1"})"), key(R"({"@type":"GivenName","value":1})"));
  EXPECT_NE(key(R"({"@type":"GivenName","value":"Anna"})"), key(R"({"@type":"Surname","value":"Anna"})"));
  EXPECT_NE(key(R"({"a":["x","y"]})"), key(R"({"a":["y","x"]})"));
  EXPECT_EQ(key(R"({"a":0})"), key(R"({"a":-0.0})"));
}

class AttributeStorePerformancePathsTest : public AttributeStoreTest {
 protected:
  IqlUseCases iql_{*controller_};

  std::vector<std::string> RunIql(const std::string& query) {
    std::vector<std::string> out;
    for (const auto& d : iql_.ExecuteIQLQuery(js::object{{"query", js::object{{"queryString", query}}}})) {
      out.push_back(Id(d.as_object()));
    }
    return out;
  }
  // The reference: the IQL library over every OwnIdentityAttribute in creation order.
  std::vector<std::string> IqlOverAll(const std::string& query) {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    const auto all = controller_->Find(
        *tx, storage::Filter{}.Where(storage::Condition::Equals("@type", js::string("OwnIdentityAttribute"))));
    std::vector<const js::object*> contents;
    for (const auto& a : all) contents.push_back(&a.content);
    std::vector<std::string> out;
    for (auto i : iql::ExecuteIql(query, contents)) out.push_back(all[i].id);
    return out;
  }
};

TEST_F(AttributeStorePerformancePathsTest, IqlOverTheMatchableTypesEqualsIqlOverAllAttributes) {
  for (int i = 0; i < 42; ++i) {
    const int k = i / 6;
    const std::string tags = i % 3 == 0 ? R"(["x:tag)" + std::to_string(i % 10) + R"("])" : "";
    switch (i % 6) {
      case 0: Create(R"({"@type":"GivenName","value":"Given)" + std::to_string(k) + R"("})", tags); break;
      case 1: Create(R"({"@type":"Surname","value":"Surname)" + std::to_string(k) + R"("})", tags); break;
      case 2: Create(R"({"@type":"EMailAddress","value":"u)" + std::to_string(k) + R"(@example.com"})", tags); break;
      case 3:
        Create(R"({"@type":"StreetAddress","recipient":"P","street":"S","houseNo":")" + std::to_string(k) +
                   R"(","zipCode":"1","city":"C","country":")" + (k % 2 ? "DE" : "AT") + R"("})",
               tags);
        break;
      case 4: Create(R"({"@type":"JobTitle","value":"Job)" + std::to_string(k) + R"("})", tags); break;
      default: Create(R"({"@type":"BirthDate","day":1,"month":2,"year":)" + std::to_string(1950 + k) + "}", tags);
    }
  }
  for (const std::string query :
       {"GivenName", "( StreetAddress.country=DE && #x:tag3 ) || JobTitle=Job4", "!#x:tag0 && EMailAddress",
        "!( GivenName || Surname ) && ( JobTitle || BirthDate.year>1953 )", "GivenName && Surname", "#x:tag6",
        "!GivenName", "owner?", "( Surname || JobTitle ) && !#x:tag3"}) {
    const auto expected = IqlOverAll(query);
    EXPECT_EQ(RunIql(query), expected) << query;
  }
  EXPECT_EQ(RunIql("GivenName").size(), 7u);
  EXPECT_TRUE(RunIql("GivenName && Surname").empty());
}

TEST_F(AttributeStorePerformancePathsTest, NumberOfForwardsIsCountedPerAttributeAcrossBatches) {
  // More attributes than one batch (128) holds, forwards on the first, the last and one in between.
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) {
    ids.push_back(Id(Create(R"({"@type":"GivenName","value":"G)" + std::to_string(i) + R"("})")));
  }
  const std::string peer_a = "did:e:localhost:dids:00000000000000000000aa";
  const std::string peer_b = "did:e:localhost:dids:00000000000000000000bb";
  db_->WithTransaction([&](storage::Transaction& tx) {
    transport::PendingEvents events;
    for (const auto& [index, peer] : std::vector<std::pair<int, std::string>>{{0, peer_a}, {0, peer_b}, {150, peer_a}, {299, peer_b}}) {
      controller_->AddForwardingDetails(tx, *controller_->Get(tx, ids[index]), peer, "REQ00000000000000001", events);
    }
  });
  const auto dtos = use_cases_->GetAttributes({{"content.value.@type", "GivenName"}});
  ASSERT_EQ(dtos.size(), 300u);
  for (std::size_t i = 0; i < dtos.size(); ++i) {
    const auto& dto = dtos[i].as_object();
    ASSERT_EQ(Id(dto), ids[i]);
    const std::int64_t expected = i == 0 ? 2 : (i == 150 || i == 299) ? 1 : 0;
    EXPECT_EQ(dto.at("numberOfForwards").to_number<std::int64_t>(), expected) << i;
    // The single-attribute path agrees.
    EXPECT_EQ(use_cases_->GetAttribute(ids[i]).at("numberOfForwards").to_number<std::int64_t>(), expected) << i;
  }
}

TEST_F(AttributeStorePerformancePathsTest, IndexedDuplicateCheckAndQueriesFindTheirRecords) {
  const auto given = Id(Create(R"({"@type":"GivenName","value":"Anna"})", R"(["x:a"])"));
  const auto street = Id(Create(
      R"({"@type":"StreetAddress","recipient":"A","street":"S","houseNo":"1","zipCode":"1","city":"C","country":"DE"})"));
  // Same value (also after trimming): refused, for simple and for structured values.
  EXPECT_NE(ErrorOf([&] { Create(R"({"@type":"GivenName","value":" Anna "})"); }).find("cannotCreateDuplicateOwnIdentityAttribute"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              Create(R"({"@type":"StreetAddress","recipient":"A","street":"S","houseNo":"1","zipCode":"1","city":"C","country":"DE"})");
            }).find("cannotCreateDuplicateOwnIdentityAttribute"),
            std::string::npos);
  // A different value of the same type is no duplicate.
  EXPECT_EQ(ErrorOf([&] { Create(R"({"@type":"GivenName","value":"Anne"})"); }), "no error");
  const auto query = use_cases_->ExecuteIdentityAttributeQuery(json::Parse(R"({"query":{"valueType":"StreetAddress"}})"));
  ASSERT_EQ(query.size(), 1u);
  EXPECT_EQ(Id(query[0].as_object()), street);
  const auto tagged =
      use_cases_->ExecuteIdentityAttributeQuery(json::Parse(R"({"query":{"valueType":"GivenName","tags":["x:a"]}})"));
  ASSERT_EQ(tagged.size(), 1u);
  EXPECT_EQ(Id(tagged[0].as_object()), given);
  EXPECT_EQ(use_cases_->GetAttributes({{"content.value.@type", "GivenName"}}).size(), 2u);
  EXPECT_EQ(use_cases_->GetAttributes({{"content.value.@type", "!GivenName"}}).size(), 1u);
}

TEST_F(AttributeStorePerformancePathsTest, RecordsWithoutAValueKeyGetOneAtStartAndCountAsDuplicates) {
  // A record as written before "_valueKey" existed.
  const auto created = Create(R"({"@type":"GivenName","value":"Old"})");
  auto document = *db_->Get(AttributesController::kCollection, Id(created));
  ASSERT_TRUE(document.contains(LocalAttribute::kValueKeyField));
  document.erase(LocalAttribute::kValueKeyField);
  db_->Replace(AttributesController::kCollection, Id(created), document);
  // ... in a database from before the migration, which has no marker of it.
  ASSERT_TRUE(db_->Get(AttributesController::kMigrationsCollection, AttributesController::kValueKeysMigration));
  db_->Delete(AttributesController::kMigrationsCollection, AttributesController::kValueKeysMigration);
  const auto same_value = [&] {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    return controller_->OwnIdentityAttributeWithSameValue(*tx, json::Parse(R"({"@type":"GivenName","value":"Old"})"));
  };
  EXPECT_FALSE(same_value().has_value());  // the lookup goes by key
  // The next start (the use cases ensure the indexes) gives it its key.
  AttributeUseCases restarted(*controller_);
  EXPECT_TRUE(db_->Get(AttributesController::kCollection, Id(created))->contains(LocalAttribute::kValueKeyField));
  ASSERT_TRUE(same_value().has_value());
  EXPECT_EQ(same_value()->id, Id(created));
  EXPECT_NE(ErrorOf([&] { Create(R"({"@type":"GivenName","value":"Old"})"); }).find("cannotCreateDuplicateOwnIdentityAttribute"),
            std::string::npos);

  // Once marked, later starts leave records alone (no pass over the attributes).
  EXPECT_TRUE(db_->Get(AttributesController::kMigrationsCollection, AttributesController::kValueKeysMigration));
  document = *db_->Get(AttributesController::kCollection, Id(created));
  document.erase(LocalAttribute::kValueKeyField);
  db_->Replace(AttributesController::kCollection, Id(created), document);
  AttributeUseCases restarted_again(*controller_);
  EXPECT_FALSE(db_->Get(AttributesController::kCollection, Id(created))->contains(LocalAttribute::kValueKeyField));
}

}  // namespace
}  // namespace nmshd::consumption::testing
