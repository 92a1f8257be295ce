#pragma once
// What a database's state watermark stands for, in numbers an operator recognises: the watermark
// itself (state_watermark.h), when it last grew, how many messages, relationships, templates,
// tokens and files the database holds, and the newest external event it processed that the
// Backbone then acknowledged. The connector publishes it to the Backbone (state_marker.h) and at
// start compares the Backbone's copy with its database (stale_state_check.h); the difference in
// these numbers is how a refusal names what a restored database is missing.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace nmshd::transport {

struct StateSummary {
  std::int64_t watermark = 0;
  std::string changed_at;  // when the watermark last grew (ISO), "" when it never did
  std::uint64_t messages = 0;
  std::uint64_t relationships = 0;
  std::uint64_t templates = 0;
  std::uint64_t tokens = 0;
  std::uint64_t files = 0;
  std::optional<std::int64_t> acknowledged_event_index;

  // {"watermark":…,"changedAt":…,"messages":…,"relationships":…,"relationshipTemplates":…,
  //  "tokens":…,"files":…,"acknowledgedEventIndex":…|null}
  boost::json::object ToJson() const;
  // Throws CodedError error.transport.state.invalidSummary when a member is missing or of the wrong kind.
  static StateSummary FromJson(const boost::json::value& json);

  // "state #57 of 2026-11-21T15:00:00.000Z: 12 messages, 2 relationships, 3 relationship templates,
  //  1 token, 0 files, external events processed up to index 40"
  std::string Describe() const;
};

// What `newer` has that `older` lacks, by the numbers ("3 messages, 1 relationship, the external
// events after index 34 up to 40, which the Backbone will not deliver again"); "" when no number
// is higher (the watermark still says changes happened, e.g. deletions).
std::string DescribeMissing(const StateSummary& older, const StateSummary& newer);

}  // namespace nmshd::transport
