#pragma once
// CreateAttributeRequestItemProcessor (consumption itemProcessors/createAttribute): the sender asks
// the recipient to store an attribute — an IdentityAttribute of the recipient (which becomes, or
// reuses, an OwnIdentityAttribute there) or a RelationshipAttribute owned by either side. Owner ""
// means the recipient. The sender stores its copy under the id the recipient answers with.
#include "consumption/requests/items/attribute_request_item_processor_base.h"

namespace nmshd::consumption {

class CreateAttributeRequestItemProcessor : public AttributeRequestItemProcessorBase {
 public:
  using AttributeRequestItemProcessorBase::AttributeRequestItemProcessorBase;

  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  // Throws forbiddenCharactersInAttribute, and violatedKeyUniquenessOfRelationshipAttributes for a
  // mustBeAccepted item (as officially: the request cannot be decided at all then).
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
