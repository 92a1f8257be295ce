// The verdict on a database against the Backbone's newest state marker, and the words a refusal
// uses to name what is missing.
#include <gtest/gtest.h>

#include "transport/modules/state/stale_state_check.h"

namespace nmshd::transport {
namespace {

StateSummary Summary(std::int64_t watermark, std::uint64_t messages, std::uint64_t relationships,
                     std::optional<std::int64_t> events) {
  StateSummary s;
  s.watermark = watermark;
  s.changed_at = "2026-11-21T1" + std::to_string(watermark % 10) + ":00:00.000Z";
  s.messages = messages;
  s.relationships = relationships;
  s.acknowledged_event_index = events;
  return s;
}

StateMarkerRecord Marker(std::optional<StateSummary> summary) {
  StateMarkerRecord r;
  r.index = 12;
  r.created_at = "2026-11-21T16:00:00.000Z";
  r.summary = std::move(summary);
  return r;
}

TEST(StaleStateCheck, NoMarkerIsNotStale) {
  const auto verdict = JudgeDatabaseState(Summary(0, 0, 0, std::nullopt), std::nullopt);
  EXPECT_FALSE(verdict.stale);
  EXPECT_EQ(verdict.backbone_watermark, 0);
}

TEST(StaleStateCheck, AMarkerAtOrBelowTheDatabaseIsNotStale) {
  EXPECT_FALSE(JudgeDatabaseState(Summary(51, 9, 2, 30), Marker(Summary(51, 9, 2, 30))).stale);
  const auto behind = JudgeDatabaseState(Summary(53, 10, 2, 31), Marker(Summary(51, 9, 2, 30)));
  EXPECT_FALSE(behind.stale);
  EXPECT_EQ(behind.backbone_watermark, 51);
}

TEST(StaleStateCheck, AHigherMarkerIsStaleAndTheFactsNameWhatIsMissing) {
  const auto verdict = JudgeDatabaseState(Summary(51, 9, 2, 34), Marker(Summary(57, 12, 3, 40)));
  ASSERT_TRUE(verdict.stale);
  EXPECT_EQ(verdict.backbone_watermark, 57);
  const auto& f = verdict.facts;
  EXPECT_NE(f.find("state #57 of 2026-11-21T17:00:00.000Z: 12 messages, 3 relationships"), std::string::npos) << f;
  EXPECT_NE(f.find("this database is at state #51"), std::string::npos) << f;
  EXPECT_NE(f.find("Missing: 6 changes, among them 3 messages, 1 relationship, the external events after index 34 "
                   "up to index 40, which the Backbone will not deliver again"),
            std::string::npos)
      << f;
}

TEST(StaleStateCheck, ChangesTheCountsDoNotShowAreStillNamed) {
  const auto verdict = JudgeDatabaseState(Summary(51, 9, 2, 34), Marker(Summary(52, 8, 2, 34)));
  ASSERT_TRUE(verdict.stale);
  EXPECT_NE(verdict.facts.find("Missing: 1 change that the counts do not show"), std::string::npos) << verdict.facts;
}

TEST(StaleStateCheck, AnUnreadableMarkerIsStale) {
  const auto verdict = JudgeDatabaseState(Summary(51, 9, 2, 34), Marker(std::nullopt));
  ASSERT_TRUE(verdict.stale);
  EXPECT_NE(verdict.facts.find("cannot be read"), std::string::npos) << verdict.facts;
  EXPECT_NE(verdict.facts.find("datawallet index 12"), std::string::npos) << verdict.facts;
}

TEST(StateSummaryJson, RoundTripsAndRejectsMissingMembers) {
  const auto s = Summary(57, 12, 3, std::nullopt);
  const auto back = StateSummary::FromJson(s.ToJson());
  EXPECT_EQ(back.watermark, 57);
  EXPECT_EQ(back.messages, 12u);
  EXPECT_FALSE(back.acknowledged_event_index.has_value());
  auto json = s.ToJson();
  json.erase("messages");
  try {
    StateSummary::FromJson(json);
    ADD_FAILURE() << "accepted a summary without messages";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.transport.state.invalidSummary");
  }
}

}  // namespace
}  // namespace nmshd::transport
