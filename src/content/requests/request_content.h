#pragma once
// The @nmshd/content 7.0.0 formats that travel between identities inside messages, relationship
// templates and relationships: requests, responses, notifications and the relationship contents.
// Each function is `Class.from(json).toJSON()` of the official class, byte-stable (the runtime
// compares request and response contents exactly): ts-serval's key order (sorted), "@type" on the
// top object and on every nested object whose declared type is a base class or a union, omitted
// undefined optionals, kept nulls, ids/addresses as plain strings, dates as CoreDate writes them.
// Invalid input throws ServalError with ts-serval's exact message (see content/serval_error.h).
#include <boost/json.hpp>
#include <string>

namespace nmshd::content {

// Request {id?, expiresAt?, title? (≤200), description? (≤500), metadata?, items: (RequestItem |
// RequestItemGroup)[] (≥1)}.
boost::json::object NormalizeRequest(const boost::json::value& json);
// Any of the nine 7.0.0 request item types, chosen by "@type" (Serializable.fromUnknown).
boost::json::object NormalizeRequestItem(const boost::json::value& json);
// Response {result, requestId, items: (ResponseItem | ResponseItemGroup)[] (≥1)}.
boost::json::object NormalizeResponse(const boost::json::value& json);
// AcceptResponseItem, RejectResponseItem, ErrorResponseItem and the specialised accept items,
// chosen by "@type".
boost::json::object NormalizeResponseItem(const boost::json::value& json);
// ResponseWrapper {requestId, requestSourceReference, requestSourceType, response}.
boost::json::object NormalizeResponseWrapper(const boost::json::value& json);
// RelationshipTemplateContent {title?, metadata?, onNewRelationship, onExistingRelationship?}.
boost::json::object NormalizeRelationshipTemplateContent(const boost::json::value& json);
// RelationshipCreationContent {response}.
boost::json::object NormalizeRelationshipCreationContent(const boost::json::value& json);
// Notification {id, items: NotificationItem[] (≥1)} with its four item types.
boost::json::object NormalizeNotification(const boost::json::value& json);

// The "@type" of a message/template content object, "" when absent or not a string (for dispatch:
// "Request", "ResponseWrapper", "Notification", "Mail", "RelationshipTemplateContent", …).
std::string ContentType(const boost::json::value& json);

}  // namespace nmshd::content
