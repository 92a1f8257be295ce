// createOwnIdentityAttribute / canCreateOwnIdentityAttribute: trimming, duplicates, characters,
// tags, the DTO and the consumption.attributeCreated event.
#include "attribute_store_fixture.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

bool LooksLikeIsoDate(std::string_view s) { return s.size() == 24 && s[10] == 'T' && s.back() == 'Z'; }

TEST_F(AttributeStoreTest, CreateStoresTheTrimmedValueAndAnnouncesIt) {
  const auto dto = Create(R"({"value":"  Anna \t","@type":"GivenName"})", R"(["x:fav"])");
  EXPECT_EQ(dto.at("@type"), "OwnIdentityAttribute");
  EXPECT_EQ(Id(dto).rfind("ATT", 0), 0u);
  EXPECT_EQ(Id(dto).size(), 20u);
  EXPECT_EQ(json::Stringify(dto.at("content")),
            std::string(R"({"@type":"IdentityAttribute","owner":")") + kSelf +
                R"(","tags":["x:fav"],"value":{"@type":"GivenName","value":"Anna"}})");
  EXPECT_TRUE(LooksLikeIsoDate(dto.at("createdAt").as_string()));
  EXPECT_EQ(dto.at("numberOfForwards"), 0);
  // DTO key order of the runtime's AttributeMapper.
  std::vector<std::string> keys;
  for (const auto& [k, v] : dto) keys.emplace_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"@type", "id", "content", "createdAt", "numberOfForwards"}));

  EXPECT_EQ(json::Stringify(use_cases_->GetAttribute(Id(dto))), json::Stringify(dto));
  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "consumption.attributeCreated");
  EXPECT_EQ(json::Stringify(events[0].data), json::Stringify(dto));
}

TEST_F(AttributeStoreTest, AnEqualLatestVersionIsADuplicate) {
  const auto first = Create(R"({"@type":"StreetAddress","recipient":"A","street":"S","houseNo":"1","zipCode":"1","city":"C","country":"DE"})");
  const std::string duplicate = "error.runtime.attributes.cannotCreateDuplicateOwnIdentityAttribute The OwnIdentityAttribute "
                                "cannot be created because it has the same content.value as the already existing "
                                "OwnIdentityAttribute with id '" + Id(first) + "'.";
  // Same value in another key order and with blanks the trimming removes.
  const std::string again = R"({"country":"DE","city":" C","zipCode":"1","houseNo":"1","street":"S ","recipient":"A","@type":"StreetAddress"})";
  EXPECT_EQ(ErrorOf([&] { Create(again); }), duplicate);
  const auto can = use_cases_->CanCreateOwnIdentityAttribute(Body(again));
  EXPECT_EQ(json::Stringify(can), json::Stringify(js::object{
                                      {"isSuccess", false},
                                      {"code", "error.runtime.attributes.cannotCreateDuplicateOwnIdentityAttribute"},
                                      {"message", duplicate.substr(duplicate.find(' ') + 1)}}));
  // Another value of the same type is no duplicate; once succeeded the old value may be created again.
  EXPECT_NO_THROW(Create(R"({"@type":"StreetAddress","recipient":"B","street":"S","houseNo":"1","zipCode":"1","city":"C","country":"DE"})"));
  use_cases_->SucceedOwnIdentityAttribute(json::Parse(
      R"({"predecessorId":")" + Id(first) +
      R"(","successorContent":{"value":{"@type":"StreetAddress","recipient":"A","street":"S","houseNo":"2","zipCode":"1","city":"C","country":"DE"}}})"));
  EXPECT_NO_THROW(Create(again));
}

TEST_F(AttributeStoreTest, CanCreateReportsInsteadOfThrowing) {
  auto can = [&](const std::string& value, const std::string& tags = "") {
    return json::Stringify(use_cases_->CanCreateOwnIdentityAttribute(Body(value, tags)));
  };
  EXPECT_EQ(can(R"({"@type":"GivenName","value":"Anna"})"), R"({"isSuccess":true})");
  EXPECT_EQ(can(R"({"@type":"GivenName"})"),
            R"({"isSuccess":false,"code":"error.runtime.validation.invalidPropertyValue","message":"GivenName :: must have required property 'value'"})");
  EXPECT_EQ(can(R"({"@type":"Sex","value":"x"})"),
            R"({"isSuccess":false,"code":"error.runtime.validation.invalidPropertyValue","message":"Sex.value:String :: must be one of: intersex,female,male"})");
  EXPECT_EQ(can(R"({"@type":"GivenName","value":"Anna"})", R"(["nope","x:ok","language:xx"])"),
            R"({"isSuccess":false,"code":"error.consumption.attributes.invalidTags","message":"Detected invalidity of the following tags: 'nope', 'language:xx'."})");
  // Like the official: neither the character whitelist nor the trimmed value is checked here.
  EXPECT_EQ(can(R"({"@type":"GivenName","value":"漢字"})"), R"({"isSuccess":true})");
  EXPECT_EQ(can(R"({"@type":"PhoneNumber","value":"  12  "})"), R"({"isSuccess":true})");
}

TEST_F(AttributeStoreTest, CreateRefusesWhatCanCreateLetsThrough) {
  const auto forbidden = ErrorOf([&] { Create(R"({"@type":"GivenName","value":"漢字"})"); });
  EXPECT_EQ(forbidden.rfind("error.consumption.attributes.forbiddenCharactersInAttribute error.consumption.attributes."
                            "forbiddenCharactersInAttribute: 'The Attribute contains forbidden characters.' at ",
                            0),
            0u)
      << forbidden;
  EXPECT_EQ(ErrorOf([&] { Create(R"({"@type":"PhoneNumber","value":"  12  "})"); }),
            "error.runtime.requestDeserialization PhoneNumber.value :: Value is shorter than 3 characters");
  EXPECT_EQ(ErrorOf([&] { Create(R"({"@type":"GivenName","value":"x"})", R"(["bkb:private"])"); }),
            "error.consumption.attributes.invalidTags Detected invalidity of the following tags: 'bkb:private'.");
  EXPECT_EQ(ErrorOf([&] { Create(R"({"@type":"GivenName","value":")" + std::string(101, 'x') + "\"}"); }),
            "error.runtime.requestDeserialization GivenName.value :: Value is longer than 100 characters");
  EXPECT_EQ(ErrorOf([&] { Create(R"({"@type":"BankAccount","accountHolder":"A","iban":"DE89370400440532013001"})"); }),
            "error.runtime.requestDeserialization BankAccount.iban:String :: invalid IBAN");
  EXPECT_TRUE(sink_.Events().empty());
  EXPECT_EQ(use_cases_->GetAttributes({}).size(), 0u);
}

TEST_F(AttributeStoreTest, RequestShapesAreCheckedFirst) {
  auto create = [&](const std::string& body) { return ErrorOf([&] { use_cases_->CreateOwnIdentityAttribute(json::Parse(body)); }); };
  const std::string invalid = "error.runtime.validation.invalidPropertyValue ";
  EXPECT_EQ(create("{}"), invalid + "must have required property 'content'");
  EXPECT_EQ(create(R"({"x":1})"), invalid + "must have required property 'content'");
  EXPECT_EQ(create(R"({"content":{"value":1},"x":1})"), invalid + "must NOT have additional properties");
  EXPECT_EQ(create(R"({"content":5})"), invalid + "content must be object");
  EXPECT_EQ(create(R"({"content":{}})"), invalid + "content must have required property 'value'");
  EXPECT_EQ(create(R"({"content":{"value":1,"tags":"a"}})"), invalid + "content/tags must be array");
  EXPECT_EQ(create(R"({"content":{"value":1,"tags":["a",2]}})"), invalid + "content/tags/1 must be string");
  EXPECT_EQ(create("[]"), invalid + "must be object");
  EXPECT_EQ(create(R"({"content":{"value":"GivenName"}})"),
            invalid + "content.value.@type must match one of the allowed Attribute value types for IdentityAttributes");
  EXPECT_EQ(ErrorOf([&] { use_cases_->CanCreateOwnIdentityAttribute(json::Parse(R"({"content":{"value":null}})")); }),
            "error.runtime.unknown An error was thrown in a UseCase: Cannot read properties of null (reading '@type')");
}

}  // namespace
}  // namespace nmshd::consumption::testing
