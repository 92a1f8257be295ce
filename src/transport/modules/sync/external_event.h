#pragma once
// One external event of a sync run (transport modules/sync/data/ExternalEvent): the official client
// requires all six members, so do we.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace nmshd::transport {

struct ExternalEvent {
  std::string id;    // SYI…
  std::string type;  // MessageReceived, RelationshipStatusChanged, …
  std::int64_t index = 0;
  std::string created_at;
  std::int64_t sync_error_count = 0;
  boost::json::object payload;

  // Throws CodedError error.transport.sync.invalidExternalEvent naming the missing member.
  static ExternalEvent FromJson(const boost::json::value& json);
  // payload[name] as a string; throws error.transport.sync.invalidExternalEvent.
  std::string PayloadString(std::string_view name) const;
};

}  // namespace nmshd::transport
