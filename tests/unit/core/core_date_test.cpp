#include "core/core_date.h"

#include <gtest/gtest.h>

#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

using nmshd::testing::CodeOf;

// Expected outputs are what CoreDate.from(<input>).toString() printed with @nmshd/core-types 7.0.0.
TEST(CoreDate, PrintsEveryParsedInputInUtcWithMilliseconds) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"2025-01-02T05:04:05.678+02:00", "2025-01-02T03:04:05.678Z"},
      {"2025-01-02T03:04:05.678-0130", "2025-01-02T04:34:05.678Z"},
      {"2025-01-02T03:04:05Z", "2025-01-02T03:04:05.000Z"},
      {"2025-01-02", "2025-01-02T00:00:00.000Z"},
      {"2025-01-02T03:04", "2025-01-02T03:04:00.000Z"},
      {"2025-01-02T03:04:05", "2025-01-02T03:04:05.000Z"},
      {"2025-01-02T03:04:05.6789Z", "2025-01-02T03:04:05.678Z"},
      {"2024-12-31T23:30:00.000-01:00", "2025-01-01T00:30:00.000Z"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(CoreDate::Parse(in).ToString(), out) << in;
}

TEST(CoreDate, MillisAndOrdering) {
  auto d = CoreDate::Parse("2025-01-02T03:04:05.678Z");
  EXPECT_EQ(d.millis(), 1735787045678);
  EXPECT_EQ(CoreDate::FromMillis(1735787045678), d);
  EXPECT_LT(CoreDate::FromMillis(0), d);
  EXPECT_EQ(CoreDate::FromMillis(0).ToString(), "1970-01-01T00:00:00.000Z");
  auto now = CoreDate::Now();
  EXPECT_EQ(CoreDate::Parse(now.ToString()), now);
}

TEST(CoreDate, InvalidInputsThrowTheDateCode) {
  for (std::string_view bad : {"", "bogus", "2025-13-01", "2025-02-30", "2025-01-02T25:00:00Z",
                               "2025-01-02X03:04:05Z", "2025-01-02T03:04:05Zjunk", "2025-1-2"}) {
    EXPECT_EQ(CodeOf([&] { CoreDate::Parse(bad); }), "error.core.date.invalid") << bad;
  }
}

}  // namespace
}  // namespace nmshd::core
