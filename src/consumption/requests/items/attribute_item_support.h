#pragma once
// What the attribute request item processors (Read/Share/Create/Propose) share: the errors of
// ConsumptionCoreErrors.requests they answer, the attribute checks they run on item JSON
// (validateAttributeCharacters, validateTagsOfAttribute), the "non-pending relationship" lookup
// and the official utility createAppropriateResponseItem.
//
// Attributes here are canonical content JSON ({"@type":"IdentityAttribute"|"RelationshipAttribute",
// owner, value, …}); everything runs in the caller's transaction.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/local_request.h"
#include "consumption/requests/request_errors.h"
#include "core/core_date.h"
#include "storage/document_store.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption::attribute_items {

// ---- errors (ConsumptionCoreErrors.requests / TransportCoreErrors) -------------------------------
inline ConsumptionCoreError AttributeQueryMismatch(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.attributeQueryMismatch", message);
}
inline ConsumptionCoreError ViolatedKeyUniqueness(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.violatedKeyUniquenessOfRelationshipAttributes", message);
}
inline ConsumptionCoreError CannotShareRelationshipAttributeOfPendingRelationship() {
  return ConsumptionCoreError("error.consumption.requests.cannotShareRelationshipAttributeOfPendingRelationship",
                              "The provided RelationshipAttribute exists in the context of a pending Relationship and "
                              "therefore cannot be shared.");
}
inline ConsumptionCoreError UnexpectedErrorDuringRequestItemProcessing(const std::string& message) {
  return ConsumptionCoreError("error.consumption.requests.unexpectedErrorDuringRequestItemProcessing", message);
}
// TransportCoreErrors.general.recordNotFound(LocalAttribute, id): CoreError appends its data (the
// CoreId, as a JSON string) to the message, "…not found.' at <time> with data \"ATT…\"", which
// reaches the caller's RequestValidationResult as is.
inline CodedError LocalAttributeNotFound(std::string_view id) {
  constexpr std::string_view kCode = "error.transport.recordNotFound";
  return CodedError(std::string(kCode), std::string(kCode) + ": ''LocalAttribute' not found.' at " +
                                            core::CoreDate::Now().ToString() + " with data " +
                                            boost::json::serialize(boost::json::value(boost::json::string(id))));
}

// ---- item JSON ------------------------------------------------------------------------------------
std::string StringAt(const boost::json::object& o, std::string_view key);
bool IsIdentityAttribute(const boost::json::object& attribute);
bool IsRelationshipAttribute(const boost::json::object& attribute);
// attribute.value["@type"].
std::string ValueTypeOf(const boost::json::object& attribute);
// mustBeAccepted of a request item.
bool MustBeAccepted(const boost::json::object& item);

// validateAttributeCharacters: identity values in full, relationship values without title and
// description.
bool HasValidCharacters(const boost::json::object& attribute);
// validateTagsOfAttribute: the invalidTags error message for an IdentityAttribute with invalid
// tags, nullopt when fine (RelationshipAttributes have no tags to check). A "bkb:" tag asks the
// Backbone, here inside the caller's transaction (the official runtime caches the tag collection).
std::optional<std::string> TagError(const ConsumptionContext& ctx, const boost::json::object& attribute);
// validateAttributeQueryTags: the same for the tags of an IdentityAttributeQuery.
std::optional<std::string> QueryTagError(const ConsumptionContext& ctx, const boost::json::object& query);

// getRelationships({"peer.address": peer, status in Active/Terminated/DeletionProposed}) non-empty:
// a RelationshipAttribute of that relationship may be shared with third parties.
bool HasNonPendingRelationshipTo(storage::Transaction& tx, std::string_view peer);

// setForwardedDeletionInfoOfAttribute(attribute, undefined, peer, true) and
// setPeerDeletionInfoOfReceivedAttribute(attribute, undefined, true): the peer holds the attribute
// again (or I do), so the deletion info goes away. The attribute store only sets infos, never
// clears them, hence these helpers.
void ClearForwardedDeletionInfo(storage::Transaction& tx, const AttributesController& attributes,
                                const LocalAttribute& attribute, std::string_view peer);
void ClearReceivedDeletionInfo(storage::Transaction& tx, LocalAttribute attribute);

// createAppropriateResponseItem: the own identity attribute with the value (created, or its tags
// merged in by a succession), then — depending on what the peer already has — a
// Create/Read/ProposeAttributeAcceptResponseItem with new forwarding details, an
// AttributeAlreadySharedAcceptResponseItem, or an AttributeSuccessionAcceptResponseItem.
enum class ResponseKind { kCreate, kRead, kPropose };
boost::json::object CreateAppropriateResponseItem(storage::Transaction& tx, const AttributesController& attributes,
                                                  const boost::json::object& identity_attribute,
                                                  const LocalRequest& request, ResponseKind kind,
                                                  transport::PendingEvents& events);

// The records a sender stores for what the peer answered with a new attribute (Read/Propose
// applyIncomingResponseItem): a PeerIdentityAttribute, a ThirdPartyRelationshipAttribute (when
// `third_party_address` is set), or an Own/PeerRelationshipAttribute by owner — under the id the
// peer chose.
void StorePeerAnsweredAttribute(storage::Transaction& tx, const AttributesController& attributes,
                                const std::string& attribute_id, const boost::json::object& attribute,
                                const std::optional<std::string>& third_party_address, const LocalRequest& request,
                                transport::PendingEvents& events);

// The AttributeAlreadyShared / AttributeSuccession answers as the sender applies them for Read and
// Propose: a copy the sender was to delete is kept (deletion info cleared); a succession is stored
// as the successor of the sender's copy.
void ApplyAlreadyShared(storage::Transaction& tx, const AttributesController& attributes,
                        const boost::json::object& response_item);
void ApplySuccession(storage::Transaction& tx, const AttributesController& attributes,
                     const boost::json::object& response_item, const LocalRequest& request,
                     transport::PendingEvents& events);

}  // namespace nmshd::consumption::attribute_items
