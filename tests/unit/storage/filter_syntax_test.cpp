// The Connector REST filter syntax parser and the query model's validation (no database needed).
#include "storage/filter_syntax.h"

#include <gtest/gtest.h>

#include "base/coded_error.h"
#include "storage/query.h"

namespace nmshd::storage {
namespace {

namespace json = boost::json;

std::string CodeOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "no error";
}

Filter Parse(std::string_view query, const FilterSyntaxOptions& options = {}) {
  return ParseRestFilter(ParseQueryString(query), options);
}

void ExpectCondition(const Condition& c, std::string_view path, Operator op, std::vector<json::value> operands,
                     bool ci = false) {
  EXPECT_EQ(c.field().dotted(), path);
  EXPECT_EQ(OperatorName(c.op()), OperatorName(op));
  EXPECT_EQ(c.operands(), operands) << path;
  EXPECT_EQ(c.case_insensitive(), ci) << path;
}

TEST(FilterValue, ConvertsLikeTheOfficialTranslator) {
  EXPECT_EQ(ParseFilterValue("true"), json::value(true));
  EXPECT_EQ(ParseFilterValue("FaLsE"), json::value(false));
  EXPECT_EQ(ParseFilterValue("10"), json::value(10));
  EXPECT_EQ(ParseFilterValue("-1.5"), json::value(-1.5));
  EXPECT_EQ(ParseFilterValue("1e3"), json::value(1000));
  EXPECT_EQ(ParseFilterValue(" 12 "), json::value(12));
  EXPECT_EQ(ParseFilterValue("0x1A"), json::value(0));  // parseFloat stops after "0"
  EXPECT_EQ(ParseFilterValue("2025-01-01"), json::value("2025-01-01"));
  EXPECT_EQ(ParseFilterValue("12abc"), json::value("12abc"));
  EXPECT_EQ(ParseFilterValue(".5"), json::value(".5"));  // parseInt(".5") is NaN
  EXPECT_EQ(ParseFilterValue("Infinity"), json::value("Infinity"));
  EXPECT_EQ(ParseFilterValue("1e400"), json::value("1e400"));  // not finite
  EXPECT_EQ(ParseFilterValue(""), json::value(""));
}

TEST(FilterSyntax, EveryOperatorOfSection14) {
  const auto f = Parse(
      "a=bar&b=!bar&c=&d=!&e=^Al&f=$son&g=~b.r&h=>10&i=>=2025-01-01&j=<5&k=<=5&content.value.@type=GivenName&t=true");
  ASSERT_EQ(f.conditions.size(), 13u);
  ExpectCondition(f.conditions[0], "a", Operator::kEquals, {"bar"});
  ExpectCondition(f.conditions[1], "b", Operator::kNotEquals, {"bar"});
  ExpectCondition(f.conditions[2], "c", Operator::kExists, {});
  ExpectCondition(f.conditions[3], "d", Operator::kNotExists, {});
  ExpectCondition(f.conditions[4], "e", Operator::kRegex, {"^Al"}, true);
  ExpectCondition(f.conditions[5], "f", Operator::kRegex, {"son$"}, true);
  ExpectCondition(f.conditions[6], "g", Operator::kRegex, {"b.r"}, true);
  ExpectCondition(f.conditions[7], "h", Operator::kGreater, {10});
  ExpectCondition(f.conditions[8], "i", Operator::kGreaterOrEqual, {"2025-01-01"});
  ExpectCondition(f.conditions[9], "j", Operator::kLess, {5});
  ExpectCondition(f.conditions[10], "k", Operator::kLessOrEqual, {5});
  ExpectCondition(f.conditions[11], "content.value.@type", Operator::kEquals, {"GivenName"});
  ExpectCondition(f.conditions[12], "t", Operator::kEquals, {true});
}

TEST(FilterSyntax, RepeatedKeysBecomeInAndNotIn) {
  auto f = Parse("status=Pending&status=Active");
  ASSERT_EQ(f.conditions.size(), 1u);
  ExpectCondition(f.conditions[0], "status", Operator::kIn, {"Pending", "Active"});

  f = Parse("status=!Pending&status=!Active");
  ASSERT_EQ(f.conditions.size(), 1u);
  ExpectCondition(f.conditions[0], "status", Operator::kNotIn, {"Pending", "Active"});

  f = Parse("n[]=1&n[]=2");
  ASSERT_EQ(f.conditions.size(), 1u);
  ExpectCondition(f.conditions[0], "n", Operator::kIn, {1, 2});

  // Mixed items: plain -> In, "!" -> NotIn, the last comparison of each kind is kept.
  f = Parse("x=a&x=!b&x=>1&x=>3&x=<=9");
  ASSERT_EQ(f.conditions.size(), 4u);
  ExpectCondition(f.conditions[0], "x", Operator::kIn, {"a"});
  ExpectCondition(f.conditions[1], "x", Operator::kNotIn, {"b"});
  ExpectCondition(f.conditions[2], "x", Operator::kGreater, {3});
  ExpectCondition(f.conditions[3], "x", Operator::kLessOrEqual, {9});
}

TEST(FilterSyntax, QuirksOfTheOfficialTranslator) {
  auto f = Parse("a=!%3Dx&b=~%3Dy&c=!%3D");  // "!=x", "~=y", "!="
  ASSERT_EQ(f.conditions.size(), 3u);
  ExpectCondition(f.conditions[0], "a", Operator::kNotEquals, {"x"});
  ExpectCondition(f.conditions[1], "b", Operator::kRegex, {"y"}, true);
  ExpectCondition(f.conditions[2], "c", Operator::kNotExists, {});
  // "^1.50": the value goes through number parsing and String() before becoming the pattern.
  f = Parse("a=^1.50");
  ExpectCondition(f.conditions.at(0), "a", Operator::kRegex, {"^1.5"}, true);
  // Keys that do not match the official key pattern are ignored, as is __proto__.
  f = Parse("a..b=1&1a=2&__proto__=3&ok=4&x[]=5");
  ASSERT_EQ(f.conditions.size(), 1u);
  ExpectCondition(f.conditions[0], "ok", Operator::kEquals, {4});
}

TEST(FilterSyntax, WhitelistAndAliases) {
  FilterSyntaxOptions options;
  options.allowed_keys = {"status", "type"};
  options.aliases = {{"type", "content.value.@type"}};
  const auto f = Parse("status=Pending&type=GivenName&secret=1", options);
  ASSERT_EQ(f.conditions.size(), 2u);
  ExpectCondition(f.conditions[0], "status", Operator::kEquals, {"Pending"});
  ExpectCondition(f.conditions[1], "content.value.@type", Operator::kEquals, {"GivenName"});
}

TEST(FilterSyntax, ScalarFieldsCompareTheFieldItselfAfterAliasing) {
  FilterSyntaxOptions options;
  options.aliases = {{"from", "createdBy"}};
  options.scalar_fields = {"createdBy", "createdAt"};
  const auto f = Parse("from=a&from=b&createdAt=>2020-01-01&createdAt=<2030-01-01&subject=x&createdBy=!c", options);
  ASSERT_EQ(f.conditions.size(), 5u);
  ExpectCondition(f.conditions[0], "createdBy", Operator::kIn, {"a", "b"});
  EXPECT_FALSE(f.conditions[0].matches_array_elements());
  ExpectCondition(f.conditions[1], "createdAt", Operator::kGreater, {"2020-01-01"});
  EXPECT_FALSE(f.conditions[1].matches_array_elements());
  EXPECT_FALSE(f.conditions[2].matches_array_elements());
  ExpectCondition(f.conditions[3], "subject", Operator::kEquals, {"x"});
  EXPECT_TRUE(f.conditions[3].matches_array_elements());  // not listed: MongoDB's array rule
  EXPECT_FALSE(f.conditions[4].matches_array_elements());
  // Without the option every field keeps the array rule.
  EXPECT_TRUE(Parse("createdBy=a").conditions.at(0).matches_array_elements());
}

TEST(FilterSyntax, BadInputIsCodedError) {
  EXPECT_EQ(CodeOf([] { Parse("a=~(unclosed"); }), "error.storage.invalidRegex");
  EXPECT_EQ(CodeOf([] { Parse("a=^[z-a]"); }), "error.storage.invalidRegex");
  EXPECT_EQ(CodeOf([] { Parse("a..b=1&a..b=2"); }), "error.storage.invalidPath");  // passes arrRegex upstream
}

TEST(QueryString, DecodesLikeNodeQuerystring) {
  const auto p = ParseQueryString("a=1&b=%21x&c=a+b&d&e=%C3%BC&&f=%zz&g=^[x]<y>&h=a=b&i=%4");
  ASSERT_EQ(p.size(), 9u);
  EXPECT_EQ(p[5].second, "%zz");  // malformed escapes stay literal, as in Node
  EXPECT_EQ(p[6].second, "^[x]<y>");
  EXPECT_EQ(p[7].second, "a=b");
  EXPECT_EQ(p[8].second, "%4");
  EXPECT_EQ(p[1], (std::pair<std::string, std::string>("b", "!x")));
  EXPECT_EQ(p[2].second, "a b");
  EXPECT_EQ(p[3], (std::pair<std::string, std::string>("d", "")));
  EXPECT_EQ(p[4].second, "\xC3\xBC");
}

TEST(QueryModel, FieldPathValidation) {
  EXPECT_EQ(FieldPath::Parse("content.value.@type").segments(),
            (std::vector<std::string>{"content", "value", "@type"}));
  for (const char* bad : {"", ".a", "a.", "a..b", "a b", "a\"b", "a'b", "a[0]", "a\\b"}) {
    EXPECT_EQ(CodeOf([&] { FieldPath::Parse(bad); }), "error.storage.invalidPath") << bad;
  }
  EXPECT_EQ(CodeOf([] { FieldPath::Parse(std::string(200, 'a')); }), "error.storage.invalidPath");
}

TEST(QueryModel, OperandValidation) {
  EXPECT_EQ(CodeOf([] { Condition::Greater("a", true); }), "error.storage.invalidQuery");
  EXPECT_EQ(CodeOf([] { Condition::Equals("a", json::object{{"x", 1}}); }), "error.storage.invalidQuery");
  EXPECT_EQ(CodeOf([] { Condition::In("a", {json::array{1}}); }), "error.storage.invalidQuery");
  EXPECT_EQ(CodeOf([] { Condition::Less("a", std::nan("")); }), "error.storage.invalidQuery");
  EXPECT_EQ(CodeOf([] { Condition::Regex("a", "(?<"); }), "error.storage.invalidRegex");
  EXPECT_EQ(CodeOf([] { Condition::Equals("a b", 1); }), "error.storage.invalidPath");
  EXPECT_EQ(CodeOf([] { Query().OrderBy("x..y"); }), "error.storage.invalidPath");
  EXPECT_EQ(Condition::Regex("a", "^x", true).case_insensitive(), true);
}

}  // namespace
}  // namespace nmshd::storage
