#include "transport/modules/sync/external_event.h"

#include "base/coded_error.h"

namespace nmshd::transport {
namespace {

CodedError Invalid(std::string_view what) {
  return CodedError("error.transport.sync.invalidExternalEvent",
                    "the external event has no valid '" + std::string(what) + "'");
}

}  // namespace

ExternalEvent ExternalEvent::FromJson(const boost::json::value& json) {
  if (!json.is_object()) throw Invalid("object");
  const auto& o = json.get_object();
  auto str = [&](std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) throw Invalid(key);
    return std::string(v->get_string());
  };
  auto integer = [&](std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_number()) throw Invalid(key);
    return v->to_number<std::int64_t>();
  };
  ExternalEvent event;
  event.id = str("id");
  event.type = str("type");
  event.index = integer("index");
  event.created_at = str("createdAt");
  event.sync_error_count = integer("syncErrorCount");
  const auto* payload = o.if_contains("payload");
  if (payload == nullptr || !payload->is_object()) throw Invalid("payload");
  event.payload = payload->get_object();
  return event;
}

std::string ExternalEvent::PayloadString(std::string_view name) const {
  const auto* v = payload.if_contains(name);
  if (v == nullptr || !v->is_string()) throw Invalid("payload." + std::string(name));
  return std::string(v->get_string());
}

}  // namespace nmshd::transport
