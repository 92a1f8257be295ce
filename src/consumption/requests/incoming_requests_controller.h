#pragma once
// IncomingRequestsController of runtime 7.x (consumption requests/incoming): requests a peer sent
// by message or put into a template we loaded.
//
//   Open --CheckPrerequisites--> DecisionRequired --RequireManualDecision--> ManualDecisionRequired
//   DecisionRequired|ManualDecisionRequired --Accept/Reject--> Decided --Complete--> Completed
//   any but Completed --(expiresAt passed, on read)--> Expired
//
// Every method works in the caller's transaction and adds its consumption.* events to `events`;
// the caller commits, then publishes. Item work is delegated to the registry's processors.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "consumption/consumption_context.h"
#include "consumption/requests/local_request.h"
#include "consumption/requests/request_item_processor_registry.h"
#include "consumption/requests/validation_result.h"
#include "storage/query.h"

namespace nmshd::consumption {

class IncomingRequestsController {
 public:
  IncomingRequestsController(ConsumptionContext& ctx, const RequestItemProcessorRegistry& processors)
      : ctx_(ctx), processors_(processors) {}

  // received: `request_content` is canonical Request JSON (its id, if any, becomes the record's
  // id). `source` is {Message, MSG…} or {RelationshipTemplate, RLT…}; for a template without a
  // relationship to its creator, `template_expires_at` caps content.expiresAt.
  // consumption.incomingRequestReceived.
  LocalRequest Received(storage::Transaction& tx, const boost::json::object& request_content,
                        const LocalRequestSource& source, const std::string& peer,
                        const std::string& template_expires_at, transport::PendingEvents& events) const;
  // Open → DecisionRequired when every item's prerequisites hold (else it stays Open).
  LocalRequest CheckPrerequisites(storage::Transaction& tx, const std::string& id,
                                  transport::PendingEvents& events) const;
  // DecisionRequired → ManualDecisionRequired.
  LocalRequest RequireManualDecision(storage::Transaction& tx, const std::string& id,
                                     transport::PendingEvents& events) const;

  // canAccept / canReject: `items` are the decide parameters ({accept, …} or {items:[…]}).
  ValidationResult CanAccept(storage::Transaction& tx, const std::string& id, const boost::json::array& items,
                             transport::PendingEvents& events) const;
  ValidationResult CanReject(storage::Transaction& tx, const std::string& id, const boost::json::array& items,
                             transport::PendingEvents& events) const;
  // accept / reject → Decided with the response; consumption.incomingRequestStatusChanged.
  // A decision canAccept/canReject refuses throws error.runtime.unknown ("Cannot accept the Request …").
  LocalRequest Accept(storage::Transaction& tx, const std::string& id, const boost::json::array& items,
                      transport::PendingEvents& events, bool decided_by_automation = false) const;
  LocalRequest Reject(storage::Transaction& tx, const std::string& id, const boost::json::array& items,
                      transport::PendingEvents& events, bool decided_by_automation = false) const;
  // Decided → Completed; `response_source` is the message or relationship that carried the
  // response (none only for a rejected template request).
  LocalRequest Complete(storage::Transaction& tx, const std::string& id,
                        const std::optional<LocalRequestSource>& response_source,
                        transport::PendingEvents& events) const;

  std::optional<LocalRequest> Get(storage::Transaction& tx, const std::string& id,
                                  transport::PendingEvents& events) const;
  LocalRequest GetOrThrow(storage::Transaction& tx, const std::string& id, transport::PendingEvents& events) const;
  std::vector<LocalRequest> Find(storage::Transaction& tx, storage::Filter filter,
                                 transport::PendingEvents& events) const;
  // delete: only Expired requests.
  void Delete(storage::Transaction& tx, const std::string& id, transport::PendingEvents& events) const;

 private:
  ValidationResult CanDecide(storage::Transaction& tx, const std::string& id, const boost::json::array& items,
                             bool accept, transport::PendingEvents& events) const;
  ValidationResult CanDecideItems(storage::Transaction& tx, const boost::json::array& params,
                                  const boost::json::array& items, const LocalRequest& request) const;
  LocalRequest Decide(storage::Transaction& tx, const std::string& id, const boost::json::array& items, bool accept,
                      bool decided_by_automation, transport::PendingEvents& events) const;
  boost::json::array DecideItems(storage::Transaction& tx, const boost::json::array& params,
                                 const boost::json::array& items, const LocalRequest& request,
                                 transport::PendingEvents& events) const;

  ConsumptionContext& ctx_;
  const RequestItemProcessorRegistry& processors_;
};

}  // namespace nmshd::consumption
