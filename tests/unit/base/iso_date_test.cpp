#include "base/iso_date.h"

#include <gtest/gtest.h>

#include "base/coded_error.h"

namespace nmshd {
namespace {

TEST(IsoDate, FormatsLikeToIsoString) {
  // new Date(1735787045678).toISOString() === "2025-01-02T03:04:05.678Z"
  TimePoint t{std::chrono::milliseconds{1735787045678}};
  EXPECT_EQ(FormatIsoUtc(t), "2025-01-02T03:04:05.678Z");
  EXPECT_EQ(FormatIsoUtc(TimePoint{}), "1970-01-01T00:00:00.000Z");
}

TEST(IsoDate, ParsesOffsetsAndFractions) {
  EXPECT_EQ(ParseIso("2025-01-02T03:04:05.678Z").time_since_epoch().count(), 1735787045678);
  EXPECT_EQ(ParseIso("2025-01-02T04:04:05.678+01:00").time_since_epoch().count(), 1735787045678);
  EXPECT_EQ(ParseIso("2025-01-02T03:04:05.6789999Z").time_since_epoch().count(), 1735787045678);
  EXPECT_EQ(ParseIso("2025-01-02T03:04Z").time_since_epoch().count(), 1735787040000);
  auto now = NowMs();
  EXPECT_EQ(ParseIso(FormatIsoUtc(now)), now);
}

TEST(IsoDate, RejectsNonDates) {
  for (const char* bad : {"", "2025-02-30T00:00:00Z", "2025-01-02", "2025-01-02T03:04:05",
                          "2025-01-02T25:00:00Z", "2025-01-02T03:04:05Zjunk", "yesterday"}) {
    EXPECT_THROW(ParseIso(bad), CodedError) << bad;
  }
}

}  // namespace
}  // namespace nmshd
