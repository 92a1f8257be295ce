#pragma once
// GenericRequestItemProcessor: items without side effects (AuthenticationRequestItem,
// ConsentRequestItem). Everything may be created, accepted and rejected; accepting answers an
// AcceptResponseItem, rejecting a RejectResponseItem with the decision's code and message; a
// response changes nothing locally.
#include "consumption/requests/request_item_processor.h"

namespace nmshd::consumption {

class GenericRequestItemProcessor : public RequestItemProcessor {
 public:
  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  bool CheckPrerequisitesOfIncomingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                               const LocalRequest& request) override;
  ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  ValidationResult CanReject(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;
  boost::json::object Reject(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;
  ValidationResult CanApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                                const boost::json::object& item, const LocalRequest& request) override;
  void ApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                 const boost::json::object& item, const LocalRequest& request,
                                 transport::PendingEvents& events) override;
};

}  // namespace nmshd::consumption
