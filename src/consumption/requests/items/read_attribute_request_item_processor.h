#pragma once
// ReadAttributeRequestItemProcessor (consumption itemProcessors/readAttribute): the sender asks for
// an attribute matching a query (IdentityAttributeQuery, IQLQuery, RelationshipAttributeQuery,
// ThirdPartyRelationshipAttributeQuery); the recipient answers with an existing attribute
// ({existingAttributeId, tags?}) or a new one ({newAttribute}), recording forwarding details or
// creating the relationship attribute; the sender stores its copy under the recipient's id.
#include "consumption/requests/items/attribute_request_item_processor_base.h"

namespace nmshd::consumption {

class ReadAttributeRequestItemProcessor : public AttributeRequestItemProcessorBase {
 public:
  using AttributeRequestItemProcessorBase::AttributeRequestItemProcessorBase;

  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
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
