#pragma once
// The runtime's DeciderModule (packages/runtime/src/modules/DeciderModule.ts, runtime-business §4):
// what happens to an incoming request that entered DecisionRequired.
//   - an AuthenticationRequestItem or ConsentRequestItem anywhere: ManualDecisionRequired;
//   - otherwise `modules.decider.automationConfig` (consumption/decider): when its rules decide
//     every item, canAccept/canReject and accept/reject with decidedByAutomation
//     (wasAutomaticallyDecided); when they do not, or the check fails: ManualDecisionRequired.
//
// Unlike the official module, which reacts to the published status-changed event, Decide runs in
// the transaction that moved the request to DecisionRequired (the RequestModule's receipt of a
// message or template), so a crash can never leave a request stuck in DecisionRequired. The
// result names what the official module reports in consumption.messageProcessed /
// consumption.relationshipTemplateProcessed; the caller publishes those.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "consumption/decider/automation_config.h"
#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/local_request.h"
#include "storage/document_store.h"
#include "transport/modules/transport_events.h"

namespace nmshd::connector {

class DeciderModule {
 public:
  DeciderModule(consumption::IncomingRequestsController& incoming,
                std::vector<consumption::AutomationConfigElement> automation_config);
  // From the module's configuration ({enabled, automationConfig?}); throws the config's CodedError
  // (error.runtime.decide.requestConfigDoesNotMatchResponseConfig, …) as the official init() does.
  static DeciderModule FromConfig(consumption::IncomingRequestsController& incoming,
                                  const boost::json::object& module_config);

  // "RequestAutomaticallyDecided", "ManualRequestDecisionRequired" or "Error" (requireManualDecision
  // failed). `request` is in DecisionRequired.
  std::string Decide(storage::Transaction& tx, const consumption::LocalRequest& request,
                     transport::PendingEvents& events) const;

 private:
  bool DecideAutomatically(storage::Transaction& tx, const consumption::LocalRequest& request,
                           transport::PendingEvents& events) const;

  consumption::IncomingRequestsController& incoming_;
  std::vector<consumption::AutomationConfigElement> automation_config_;
};

}  // namespace nmshd::connector
