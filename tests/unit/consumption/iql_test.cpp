// The IQL library (src/consumption/iql): validate() messages and locations and execute() results
// for the official examples and error cases, the expected values as @nmshd/iql 1.0.4 computes them
// (tests/interop/consumption/iql_interop_test.cpp compares many more inputs live); and the
// runtime's IQL use cases over the attribute store (which attributes, which request errors).
#include <gtest/gtest.h>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "consumption/iql/iql.h"
#include "consumption/iql/iql_use_cases.h"
#include "consumption/iql/js_values.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;
using Indices = std::vector<std::size_t>;

// Six attribute contents as the runtime stores them.
const std::vector<js::object>& Contents() {
  static const std::vector<js::object> contents = [] {
    std::vector<js::object> out;
    for (const char* text : {
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"GivenName","value":"Anna"},"tags":["x:language:de","delivery"]})",
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"Surname","value":"Muster Mann"}})",
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"StreetAddress","recipient":"Anna","street":"Main","houseNo":"1","zipCode":"12345","city":"Town","country":"DE"},"tags":["delivery"]})",
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"Nationality","value":"DE"}})",
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"BirthDate","day":2,"month":3,"year":1990}})",
             R"({"@type":"IdentityAttribute","owner":"o","value":{"@type":"StreetAddress","recipient":"Ben","street":"Side","houseNo":"2","zipCode":"54321","city":"City","country":"AT"}})"}) {
      out.push_back(json::Parse(text).as_object());
    }
    return out;
  }();
  return contents;
}

Indices Execute(std::string_view query) {
  std::vector<const js::object*> pointers;
  for (const auto& c : Contents()) pointers.push_back(&c);
  return iql::ExecuteIql(query, pointers);
}

TEST(Iql, OfficialExamplesSelectTheMatchingAttributes) {
  EXPECT_EQ(Execute("GivenName"), (Indices{0}));
  EXPECT_EQ(Execute("StreetAddress && #delivery"), (Indices{2}));
  EXPECT_EQ(Execute("Nationality=DE"), (Indices{3}));
  EXPECT_EQ(Execute("GivenName || Surname"), (Indices{0, 1}));
  EXPECT_EQ(Execute("#x:language:de"), (Indices{0}));
}

TEST(Iql, NegationParenthesesPathsAndPredicates) {
  EXPECT_EQ(Execute("!GivenName"), (Indices{1, 2, 3, 4, 5}));
  EXPECT_EQ(Execute("!!GivenName"), (Indices{0}));
  EXPECT_EQ(Execute("!( GivenName || Surname )"), (Indices{2, 3, 4, 5}));
  EXPECT_EQ(Execute("( GivenName && #delivery ) || Nationality=DE"), (Indices{0, 3}));
  EXPECT_EQ(Execute("StreetAddress.country=AT"), (Indices{5}));
  EXPECT_EQ(Execute("StreetAddress.city?"), (Indices{2, 5}));
  EXPECT_EQ(Execute("Surname='Muster Mann'"), (Indices{1}));
  EXPECT_EQ(Execute("owner=o && !#delivery"), (Indices{1, 3, 4, 5}));
  EXPECT_EQ(Execute("tags~delivery"), (Indices{0, 2}));
  EXPECT_EQ(Execute("tags?"), (Indices{0, 2}));
  // String(1990) === "1990"; new Date(1990) (ms) is before new Date("1989") (a year): no match.
  EXPECT_EQ(Execute("BirthDate.year=1990"), (Indices{4}));
  EXPECT_EQ(Execute("BirthDate.year>1989"), (Indices{}));
  EXPECT_EQ(Execute("GivenName=a\"b\\\\c\tfoo"), (Indices{}));
}

void ExpectInvalid(std::string_view query, const std::string& message, std::size_t start_offset,
                   std::size_t start_column, std::size_t end_offset, std::size_t end_column, std::size_t line = 1) {
  const auto result = iql::ValidateIql(query);
  ASSERT_FALSE(result.at("isValid").as_bool()) << query;
  const auto& error = result.at("error").as_object();
  EXPECT_EQ(error.at("message").as_string(), message) << query;
  const auto& start = error.at("location").at("start").as_object();
  const auto& end = error.at("location").at("end").as_object();
  EXPECT_EQ(start.at("offset").to_number<std::size_t>(), start_offset) << query;
  EXPECT_EQ(start.at("column").to_number<std::size_t>(), start_column) << query;
  EXPECT_EQ(start.at("line").to_number<std::size_t>(), line) << query;
  EXPECT_EQ(end.at("offset").to_number<std::size_t>(), end_offset) << query;
  EXPECT_EQ(end.at("column").to_number<std::size_t>(), end_column) << query;
}

TEST(Iql, ValidateReportsPeggysMessageAndLocation) {
  EXPECT_EQ(json::Stringify(iql::ValidateIql("GivenName || Surname")), R"({"isValid":true})");
  EXPECT_EQ(json::Stringify(iql::ValidateIql("GivenName &&")),
            R"({"isValid":false,"error":{"message":"Expected whitespace but end of input found.","location":{"start":{"offset":12,"line":1,"column":13},"end":{"offset":12,"line":1,"column":13}}}})");
  ExpectInvalid("Surname=Muster Mann", R"(Expected "&&", "||", or whitespace but "M" found.)", 15, 16, 16, 17);
  ExpectInvalid("GivenName &&& Surname", R"(Expected whitespace but "&" found.)", 12, 13, 13, 14);
  ExpectInvalid("(GivenName)", R"(Expected whitespace but "G" found.)", 1, 2, 2, 3);
  ExpectInvalid("( GivenName", "Expected whitespace but end of input found.", 11, 12, 11, 12);
  ExpectInvalid("", R"(Expected "!", "(", metadata field term, primary field term, or tag term but end of input found.)",
                0, 1, 0, 1);
  ExpectInvalid("x", R"(Expected "!", "(", metadata field term, primary field term, or tag term but "x" found.)", 0, 1,
                1, 2);
  ExpectInvalid("#a bb", R"(Expected "&&", "||", or whitespace but "b" found.)", 3, 4, 4, 5);
  // Lines restart after "\n"; offsets and columns count UTF-16 code units.
  ExpectInvalid("GivenName ||\n\n x",
                R"(Expected "!", "(", metadata field term, primary field term, tag term, or whitespace but "x" found.)",
                15, 2, 16, 3, 3);
  ExpectInvalid("\xF0\x9F\x98\x80", R"(Expected "!", "(", metadata field term, primary field term, or tag term but "😀" found.)",
                0, 1, 1, 2);
  // A combining mark is written as \u{…} in the message.
  ExpectInvalid("GivenName=\xCC\x81 \xCC\x81", R"(Expected "&&", "||", or whitespace but "\u{301}" found.)", 12, 13, 13,
                14);
}

TEST(Iql, JavaScriptConversionsOfThePredicates) {
  EXPECT_EQ(iql::JsString(json::Parse(R"([1,null,"a",[2,3],{}])")), "1,,a,2,3,[object Object]");
  EXPECT_EQ(iql::JsString(json::Parse("1.5")), "1.5");
  EXPECT_EQ(iql::JsString(json::Parse("true")), "true");
  EXPECT_EQ(iql::JsDateParse("1990"), 631152000000.0);
  EXPECT_EQ(iql::JsDateParse("2020-02-29T10:00:00.5Z"), 1582970400500.0);
  EXPECT_EQ(iql::JsDateParse("2020-01-01T01:00+01:00"), 1577836800000.0);
  EXPECT_TRUE(std::isnan(iql::JsDateParse("2021-02-29")));
  EXPECT_TRUE(std::isnan(iql::JsDateParse("x")));
}

class IqlUseCasesTest : public AttributeStoreTest {
 protected:
  IqlUseCases iql_{*controller_};
  std::vector<std::string> Ids(const js::array& dtos) {
    std::vector<std::string> out;
    for (const auto& d : dtos) out.push_back(Id(d.as_object()));
    return out;
  }
  js::array Run(const std::string& query) {
    return iql_.ExecuteIQLQuery(js::object{{"query", js::object{{"queryString", query}}}});
  }
};

TEST_F(IqlUseCasesTest, ExecutesOverEveryVersionOfTheOwnIdentityAttributes) {
  const auto anna = Id(Create(R"({"@type":"GivenName","value":"Anna"})", R"(["x:a"])"));
  const auto surname = Id(Create(R"({"@type":"Surname","value":"Muster"})"));
  const auto succeeded = use_cases_->SucceedOwnIdentityAttribute(
      json::Parse(R"({"predecessorId":")" + anna + R"(","successorContent":{"value":{"@type":"GivenName","value":"Anne"}}})"));
  const auto anne = Id(succeeded.at("successor").as_object());
  EXPECT_EQ(Ids(Run("GivenName")), (std::vector<std::string>{anna, anne}));
  EXPECT_EQ(Ids(Run("GivenName=Anne || Surname")), (std::vector<std::string>{surname, anne}));
  EXPECT_EQ(Ids(Run("#x:a")), (std::vector<std::string>{anna}));
  const auto dtos = Run("Surname");
  ASSERT_EQ(dtos.size(), 1u);
  EXPECT_EQ(dtos[0].at("@type"), "OwnIdentityAttribute");
  EXPECT_EQ(dtos[0].at("numberOfForwards"), 0);
}

TEST_F(IqlUseCasesTest, RequestsAreCheckedLikeTheRuntimeDoes) {
  EXPECT_EQ(ErrorOf([&] { iql_.ExecuteIQLQuery(js::object{}); }),
            "error.runtime.validation.invalidPropertyValue must have required property 'query'");
  EXPECT_EQ(ErrorOf([&] { iql_.ExecuteIQLQuery(json::Parse(R"({"query":{"queryString":1}})")); }),
            "error.runtime.validation.invalidPropertyValue query/queryString must be string");
  EXPECT_EQ(ErrorOf([&] { iql_.ExecuteIQLQuery(json::Parse(R"({"query":{"queryString":"x","y":1}})")); }),
            "error.runtime.validation.invalidPropertyValue query must NOT have additional properties");
  EXPECT_EQ(
      ErrorOf([&] {
        iql_.ExecuteIQLQuery(json::Parse(R"({"query":{"queryString":"x","attributeCreationHints":{"valueType":"Foo"}}})"));
      }),
      "error.runtime.validation.invalidPropertyValue query/attributeCreationHints/valueType must be equal to one of "
      "the allowed values");
  EXPECT_EQ(ErrorOf([&] { iql_.ExecuteIQLQuery(json::Parse(R"({"query":{"queryString":"GivenName &&"}})")); }),
            "error.runtime.requestDeserialization IQLQuery.queryString:String :: invalid IQL query at character offset 13");
  // ValidateIQLQuery requires "@type" and refuses an unparsable query in IQLQuery.from already.
  EXPECT_EQ(ErrorOf([&] { iql_.ValidateIQLQuery(json::Parse(R"({"query":{"queryString":"GivenName"}})")); }),
            "error.runtime.validation.invalidPropertyValue query must have required property '@type'");
  EXPECT_EQ(json::Stringify(iql_.ValidateIQLQuery(json::Parse(R"({"query":{"@type":"IQLQuery","queryString":"GivenName"}})"))),
            R"({"isValid":true})");
  EXPECT_EQ(ErrorOf([&] { iql_.ValidateIQLQuery(json::Parse(R"({"query":{"@type":"IQLQuery","queryString":"("}})")); }),
            "error.runtime.requestDeserialization IQLQuery.queryString:String :: invalid IQL query at character offset 2");
}

}  // namespace
}  // namespace nmshd::consumption::testing
