#include "transport/transmission/serval_json.h"

#include <gtest/gtest.h>

#include "base/coded_error.h"

namespace nmshd::transport {
namespace {

TEST(ServalJson, SortsTopLevelKeysWithTypeFirstAndLeavesNestedObjectsAlone) {
  const boost::json::object o{{"templateKey", 1},
                              {"content", boost::json::object{{"z", 1}, {"a", 2}}},
                              {"@type", "X"},
                              {"Identity", true}};
  EXPECT_EQ(SerializeServal(o),
            R"({"@type":"X","Identity":true,"content":{"z":1,"a":2},"templateKey":1})");
}

TEST(ServalJson, OrdersKeysByUtf16CodeUnitsLikeJavaScriptSort) {
  // U+1D7D8 is a surrogate pair (0xD835 ...) and sorts before U+FFFF in JS, though its UTF-8
  // bytes (F0 ...) sort after those of U+FFFF (EF ...).
  const boost::json::object o{{"\xEF\xBF\xBF", 1}, {"\xF0\x9D\x9F\x98", 2}, {"b", 3}};
  const auto sorted = ServalSorted(o);
  std::vector<std::string> keys;
  for (const auto& kv : sorted) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "\xF0\x9D\x9F\x98", "\xEF\xBF\xBF"}));
}

TEST(ServalJson, ParseServalObjectAndReportAsUseTheGivenCode) {
  try {
    ParseServalObject("[1]", "error.transport.test.bad", "thing");
    FAIL() << "no error";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.transport.test.bad");
  }
  try {
    ParseServalObject("{", "error.transport.test.bad", "thing");
    FAIL() << "no error";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.transport.test.bad");
  }
  EXPECT_EQ(ParseServalObject(R"({"a":1})", "x", "thing").at("a").as_int64(), 1);
}

}  // namespace
}  // namespace nmshd::transport
