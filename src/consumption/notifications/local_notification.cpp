#include "consumption/notifications/local_notification.h"

#include "core/core_id.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::string LocalNotification::GenerateId() {
  static const core::CoreIdFormat kFormat("NOT");
  return kFormat.Generate();
}

js::object LocalNotification::ToDto() const {
  js::object dto;
  dto["id"] = id;
  dto["isOwn"] = is_own;
  dto["peer"] = peer;
  dto["createdAt"] = created_at;
  if (received_by_device) dto["receivedByDevice"] = *received_by_device;
  dto["content"] = content;
  dto["status"] = status;
  dto["source"] = js::object{{"type", "Message"}, {"reference", source_reference}};
  return dto;
}

LocalNotification LocalNotification::FromDocument(const js::object& d) {
  LocalNotification n;
  n.id = StringAt(d, "id");
  const auto* own = d.if_contains("isOwn");
  n.is_own = own != nullptr && own->is_bool() && own->get_bool();
  n.peer = StringAt(d, "peer");
  n.created_at = StringAt(d, "createdAt");
  if (const auto* device = d.if_contains("receivedByDevice"); device != nullptr && device->is_string()) {
    n.received_by_device = std::string(device->get_string());
  }
  if (const auto* content = d.if_contains("content"); content != nullptr && content->is_object()) {
    n.content = content->get_object();
  }
  n.status = StringAt(d, "status");
  if (const auto* source = d.if_contains("source"); source != nullptr && source->is_object()) {
    n.source_reference = StringAt(source->get_object(), "reference");
  }
  return n;
}

}  // namespace nmshd::consumption
