#pragma once
// The readers of the content classes the registry (content_registry.cpp) dispatches to: each is
// `Class.from(value).toJSON()` of @nmshd/content 7.0.0 for its class, whatever "@type" the value
// carries. Internal to the content layer; the public entry points are in request_content.h.
#include <boost/json.hpp>

#include "content/requests/serval_reader.h"

namespace nmshd::content::serval {

// Request envelope (request.cpp).
js::value ReadRequest(const js::value& v);
js::value ReadRequestItemGroup(const js::value& v);
js::value ReadResponse(const js::value& v);
js::value ReadResponseItemGroup(const js::value& v);
js::value ReadResponseWrapper(const js::value& v);

// The properties every RequestItem has after its own: description, mustBeAccepted, metadata.
void ReadRequestItemBase(Reader& r);
// The property every ResponseItem has after its own: result.
void ReadResponseItemBase(Reader& r);

// Request items (request_items.cpp).
js::value ReadReadAttributeRequestItem(const js::value& v);
js::value ReadShareAttributeRequestItem(const js::value& v);
js::value ReadCreateAttributeRequestItem(const js::value& v);
js::value ReadProposeAttributeRequestItem(const js::value& v);
js::value ReadDeleteAttributeRequestItem(const js::value& v);
js::value ReadConsentRequestItem(const js::value& v);
js::value ReadAuthenticationRequestItem(const js::value& v);
js::value ReadFormFieldRequestItem(const js::value& v);
js::value ReadTransferFileOwnershipRequestItem(const js::value& v);

// FormField settings (form_field_settings.cpp).
js::value ReadBooleanFormFieldSettings(const js::value& v);
js::value ReadDateFormFieldSettings(const js::value& v);
js::value ReadDoubleFormFieldSettings(const js::value& v);
js::value ReadIntegerFormFieldSettings(const js::value& v);
js::value ReadRatingFormFieldSettings(const js::value& v);
js::value ReadSelectionFormFieldSettings(const js::value& v);
js::value ReadStringFormFieldSettings(const js::value& v);

// Response items (response_items.cpp).
js::value ReadAcceptResponseItem(const js::value& v);
js::value ReadRejectResponseItem(const js::value& v);
js::value ReadErrorResponseItem(const js::value& v);
js::value ReadAttributeAlreadySharedAcceptResponseItem(const js::value& v);
js::value ReadAttributeSuccessionAcceptResponseItem(const js::value& v);
js::value ReadCreateAttributeAcceptResponseItem(const js::value& v);
js::value ReadDeleteAttributeAcceptResponseItem(const js::value& v);
js::value ReadFormFieldAcceptResponseItem(const js::value& v);
js::value ReadProposeAttributeAcceptResponseItem(const js::value& v);
js::value ReadReadAttributeAcceptResponseItem(const js::value& v);
js::value ReadTransferFileOwnershipAcceptResponseItem(const js::value& v);

// Attributes and queries (attribute_classes.cpp; IdentityAttribute, RelationshipAttribute and
// IdentityAttributeQuery wrap the existing content classes).
js::value ReadIdentityAttribute(const js::value& v);
js::value ReadRelationshipAttribute(const js::value& v);
js::value ReadIdentityAttributeQuery(const js::value& v);
js::value ReadRelationshipAttributeQuery(const js::value& v);
js::value ReadRelationshipAttributeCreationHints(const js::value& v);
js::value ReadThirdPartyRelationshipAttributeQuery(const js::value& v);
js::value ReadIQLQuery(const js::value& v);
js::value ReadIQLQueryCreationHints(const js::value& v);
js::value ReadValueHints(const js::value& v);

// @nmshd/core-types values (core_values.cpp): toJSON() is a string.
js::value ReadCoreId(const js::value& v);
js::value ReadCoreAddress(const js::value& v);
js::value ReadCoreDate(const js::value& v);

// Notifications (notifications/notification.cpp).
js::value ReadNotification(const js::value& v);
js::value ReadPeerAttributeSucceededNotificationItem(const js::value& v);
js::value ReadOwnAttributeDeletedByOwnerNotificationItem(const js::value& v);
js::value ReadPeerRelationshipAttributeDeletedByPeerNotificationItem(const js::value& v);
js::value ReadForwardedAttributeDeletedByPeerNotificationItem(const js::value& v);

// Relationship contents (relationships/relationship_contents.cpp).
js::value ReadRelationshipTemplateContent(const js::value& v);
js::value ReadRelationshipCreationContent(const js::value& v);
js::value ReadArbitraryRelationshipTemplateContent(const js::value& v);
js::value ReadArbitraryRelationshipCreationContent(const js::value& v);

}  // namespace nmshd::content::serval
