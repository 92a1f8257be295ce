// Notification and its four item types of @nmshd/content 7.0.0 (notifications/Notification.ts,
// notifications/items/*.ts), read by the registry (requests/content_registry.cpp).
#include <array>

#include "content/requests/content_classes.h"

namespace nmshd::content::serval {
namespace {

constexpr std::array<std::string_view, 2> kAttributes = {"IdentityAttribute", "RelationshipAttribute"};

js::value ReadAttributeIdItem(std::string_view cls, const js::value& v) {
  Reader r(cls, v);
  r.Id("attributeId");
  return r.Finish();
}

}  // namespace

// Items are declared as NotificationItem: another class fails, an item without "@type" becomes
// an empty NotificationItem ({}).
js::value ReadNotification(const js::value& v) {
  Reader r("Notification", v);
  r.Id("id");
  r.TypedArray("items", "NotificationItem", NotEmpty);
  return r.Finish();
}

js::value ReadPeerAttributeSucceededNotificationItem(const js::value& v) {
  Reader r("PeerAttributeSucceededNotificationItem", v);
  r.Id("predecessorId");
  r.Id("successorId");
  r.Union("successorContent", kAttributes);
  return r.Finish();
}

js::value ReadOwnAttributeDeletedByOwnerNotificationItem(const js::value& v) {
  return ReadAttributeIdItem("OwnAttributeDeletedByOwnerNotificationItem", v);
}

js::value ReadPeerRelationshipAttributeDeletedByPeerNotificationItem(const js::value& v) {
  return ReadAttributeIdItem("PeerRelationshipAttributeDeletedByPeerNotificationItem", v);
}

js::value ReadForwardedAttributeDeletedByPeerNotificationItem(const js::value& v) {
  return ReadAttributeIdItem("ForwardedAttributeDeletedByPeerNotificationItem", v);
}

}  // namespace nmshd::content::serval
