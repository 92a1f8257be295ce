#pragma once
// ProposeAttributeRequestItemProcessor (consumption itemProcessors/proposeAttribute 7.0.0): the
// sender proposes an attribute of the recipient (owner "") together with a query it must answer
// (IdentityAttributeQuery, IQLQuery or RelationshipAttributeQuery). The recipient accepts with the
// proposed or an edited attribute ({attribute}) or with one of its OwnIdentityAttributes
// ({attributeId, tags?}); it ends up with an own attribute forwarded to the sender, and answers
// ProposeAttributeAccept / AttributeAlreadyShared / AttributeSuccession. The sender stores its
// PeerIdentity/PeerRelationship copy under the recipient's id.
#include "consumption/requests/items/attribute_request_item_processor_base.h"

namespace nmshd::consumption {

class ProposeAttributeRequestItemProcessor : public AttributeRequestItemProcessorBase {
 public:
  using AttributeRequestItemProcessorBase::AttributeRequestItemProcessorBase;

  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  // Throws the ServalError of AcceptProposeAttributeRequestItemParameters (both or neither of
  // attribute/attributeId, attribute with tags) and violatedKeyUniquenessOfRelationshipAttributes
  // for a mustBeAccepted item, as officially.
  ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;
  void ApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                 const boost::json::object& item, const LocalRequest& request,
                                 transport::PendingEvents& events) override;
};

}  // namespace nmshd::consumption
