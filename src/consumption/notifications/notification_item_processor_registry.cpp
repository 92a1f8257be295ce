// NotificationItemProcessorRegistry of @nmshd/consumption 7.0.0 with its four default processors.
#include "consumption/notifications/notification_item_processor.h"
#include "consumption/notifications/processor_helpers.h"

namespace nmshd::consumption {

NotificationItemProcessorRegistry::NotificationItemProcessorRegistry(const AttributesController& attributes)
    : peer_attribute_succeeded_(attributes),
      own_attribute_deleted_by_owner_(attributes),
      peer_relationship_attribute_deleted_by_peer_(attributes),
      forwarded_attribute_deleted_by_peer_(attributes) {}

const NotificationItemProcessor& NotificationItemProcessorRegistry::ProcessorFor(const boost::json::object& item) const {
  const auto type = notification_processing::StringAt(item, "@type");
  if (type == "PeerAttributeSucceededNotificationItem") return peer_attribute_succeeded_;
  if (type == "OwnAttributeDeletedByOwnerNotificationItem") return own_attribute_deleted_by_owner_;
  if (type == "PeerRelationshipAttributeDeletedByPeerNotificationItem") return peer_relationship_attribute_deleted_by_peer_;
  if (type == "ForwardedAttributeDeletedByPeerNotificationItem") return forwarded_attribute_deleted_by_peer_;
  throw CodedError("error.consumption.general", "There was no processor registered for '" + type + "'.");
}

}  // namespace nmshd::consumption
