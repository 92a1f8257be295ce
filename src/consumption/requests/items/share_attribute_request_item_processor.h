#pragma once
// ShareAttributeRequestItemProcessor (consumption itemProcessors/shareAttribute): the sender offers
// one of its attributes (OwnIdentity, or an Own/PeerRelationship attribute of another relationship
// named by thirdPartyAddress); the recipient stores a copy under the sender's attribute id — a
// PeerIdentityAttribute or a ThirdPartyRelationshipAttribute — or answers
// AttributeAlreadyShared when it holds a copy with the same value; the sender records forwarding
// details once the acceptance arrives.
#include "consumption/requests/items/attribute_request_item_processor_base.h"

namespace nmshd::consumption {

class ShareAttributeRequestItemProcessor : public AttributeRequestItemProcessorBase {
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
