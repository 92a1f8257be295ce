#include "config/json_tree.h"

#include <gtest/gtest.h>

#include "base/js_json.h"

namespace nmshd::config {
namespace {

boost::json::object Obj(const char* text) { return boost::json::parse(text).get_object(); }

TEST(JsonTree, DeepMergeMergesObjectsAndReplacesEverythingElse) {
  auto base = Obj(R"({"a":{"x":1,"y":[1,2]},"b":"keep","c":{"d":1}})");
  DeepMerge(base, Obj(R"({"a":{"y":[3],"z":true},"c":5})"));
  EXPECT_EQ(json::Stringify(base), R"({"a":{"x":1,"y":[3],"z":true},"b":"keep","c":5})");
}

TEST(JsonTree, SplitKeyPathAcceptsColonAndDoubleUnderscore) {
  EXPECT_EQ(SplitKeyPath("a:b:c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(SplitKeyPath("a__b__c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(SplitKeyPath("a__b:c"), (std::vector<std::string>{"a", "b", "c"}));
  // A single underscore belongs to the name.
  EXPECT_EQ(SplitKeyPath("my_key__x"), (std::vector<std::string>{"my_key", "x"}));
  EXPECT_EQ(SplitKeyPath("a::b:"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitKeyPath("").empty());
}

TEST(JsonTree, SetAtPathCreatesAndReplacesIntermediates) {
  boost::json::object root = Obj(R"({"a":"scalar"})");
  SetAtPath(root, {"a", "b", "c"}, 1);
  SetAtPath(root, {"x"}, "y");
  EXPECT_EQ(json::Stringify(root), R"({"a":{"b":{"c":1}},"x":"y"})");
  ASSERT_NE(FindAtPath(root, {"a", "b", "c"}), nullptr);
  EXPECT_EQ(FindAtPath(root, {"a", "b", "c"})->as_int64(), 1);
  EXPECT_EQ(FindAtPath(root, {"a", "nope"}), nullptr);
  EXPECT_EQ(FindAtPath(root, {"x", "deeper"}), nullptr);
}

TEST(JsonTree, ValuesAreJsonWhenTheyParseElseStrings) {
  EXPECT_TRUE(ParseValueLikeNconf("true").as_bool());
  EXPECT_EQ(ParseValueLikeNconf("8080").as_int64(), 8080);
  EXPECT_EQ(json::Stringify(ParseValueLikeNconf(R"({"k":["a"]})")), R"({"k":["a"]})");
  EXPECT_TRUE(ParseValueLikeNconf("null").is_null());
  EXPECT_EQ(ParseValueLikeNconf("http://host:8090").as_string(), "http://host:8090");
  EXPECT_EQ(ParseValueLikeNconf("").as_string(), "");
  EXPECT_EQ(ParseValueLikeNconf("{broken").as_string(), "{broken");
  EXPECT_EQ(ParseValueLikeNconf(R"("123")").as_string(), "123");
}

}  // namespace
}  // namespace nmshd::config
