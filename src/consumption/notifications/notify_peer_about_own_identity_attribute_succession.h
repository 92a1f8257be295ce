#pragma once
// NotifyPeerAboutOwnIdentityAttributeSuccessionUseCase of runtime 7.0.0 (POST
// /api/core/v1/Attributes/{id}/NotifyPeer {peer}): tells a peer who holds an earlier version of an
// OwnIdentityAttribute about this later version. The attribute is recorded as forwarded to the
// peer (sourceReference = the new notification's id), then a Notification with a
// PeerAttributeSucceededNotificationItem {predecessorId: the newest version the peer holds,
// successorId, successorContent} goes to the peer as a message.
//
// The forwarding is committed before the Backbone call (as officially: addForwardingDetails, then
// sendMessage); the NotificationModule records the sent notification with the message.
#include <boost/json.hpp>
#include <string>

#include "consumption/attributes/attributes_controller.h"
#include "transport/modules/messages/messages.h"

namespace nmshd::consumption {

class NotifyPeerAboutOwnIdentityAttributeSuccession {
 public:
  NotifyPeerAboutOwnIdentityAttributeSuccession(const AttributesController& attributes, transport::Messages& messages)
      : attributes_(attributes), messages_(messages) {}

  // {attributeId, peer} -> {predecessor, successor, notificationId}. Errors as officially:
  // invalidPropertyValue (schema), recordNotFound, isNotOwnIdentityAttribute,
  // peerHasNoPreviousVersionOfAttribute, ownIdentityAttributeHasAlreadyBeenSharedWithPeer,
  // successorOfOwnIdentityAttributeHasAlreadyBeenSharedWithPeer; and what sending throws.
  boost::json::object Execute(const boost::json::object& request);

 private:
  const AttributesController& attributes_;
  transport::Messages& messages_;
};

}  // namespace nmshd::consumption
