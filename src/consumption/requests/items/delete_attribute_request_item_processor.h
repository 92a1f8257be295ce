#pragma once
// DeleteAttributeRequestItemProcessor (consumption itemProcessors/deleteAttribute 7.0.0): the
// sender asks a peer to delete its copy of an attribute the sender emitted (an OwnIdentity or
// OwnRelationship attribute, or a PeerRelationship attribute it forwarded to a third party).
//   recipient accepts {deletionDate}: its copy (and the copy's predecessors) get the
//     ReceivedAttributeDeletionInfo ToBeDeleted at that date; DeleteAttributeAcceptResponseItem.
//   sender applies the acceptance: EmittedAttributeDeletionInfo ToBeDeletedByRecipient at the
//     peer's date, a rejection: DeletionRequestRejected now — on the OwnRelationshipAttribute
//     itself when the peer is its relationship peer, otherwise on the forwarding details for the
//     peer; always including the predecessors.
// When the request is sent (OutgoingRequestsController.sent) the same places get
// DeletionRequestSent: MarkDeletionRequestsSent.
#include <string>

#include "consumption/requests/items/attribute_request_item_processor_base.h"

namespace nmshd::consumption {

class DeleteAttributeRequestItemProcessor : public AttributeRequestItemProcessorBase {
 public:
  using AttributeRequestItemProcessorBase::AttributeRequestItemProcessorBase;

  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  // Throws the ServalError of AcceptDeleteAttributeRequestItemParameters for a missing deletionDate
  // (reported as servalErrorDuringRequestItemProcessing) and a plain error for an unparsable one,
  // as CoreDate does.
  ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;
  void ApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                 const boost::json::object& item, const LocalRequest& request,
                                 transport::PendingEvents& events) override;
};

// OutgoingRequestsController._setDeletionRequestSent: for every DeleteAttributeRequestItem of the
// request content (groups included), the attribute's deletion info for `peer` becomes
// DeletionRequestSent (now). Throws error.runtime.unknown when an attribute is missing or of a kind
// that cannot be asked for deletion.
void MarkDeletionRequestsSent(storage::Transaction& tx, const AttributesController& attributes,
                              const boost::json::object& request_content, const std::string& peer);

}  // namespace nmshd::consumption
