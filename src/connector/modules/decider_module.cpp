#include "connector/modules/decider_module.h"

#include "consumption/decider/automatic_decision.h"
#include "consumption/requests/local_requests.h"
#include "logging/log_system.h"

namespace nmshd::connector {

namespace js = boost::json;

DeciderModule::DeciderModule(consumption::IncomingRequestsController& incoming,
                             std::vector<consumption::AutomationConfigElement> automation_config)
    : incoming_(incoming), automation_config_(std::move(automation_config)) {}

DeciderModule DeciderModule::FromConfig(consumption::IncomingRequestsController& incoming,
                                        const js::object& module_config) {
  const auto* config = module_config.if_contains("automationConfig");
  return DeciderModule(incoming, config == nullptr ? std::vector<consumption::AutomationConfigElement>{}
                                                   : consumption::ParseAutomationConfig(*config));
}

bool DeciderModule::DecideAutomatically(storage::Transaction& tx, const consumption::LocalRequest& request,
                                        transport::PendingEvents& events) const {
  auto log = logging::GetLogger("modules.decider");
  const auto decision = consumption::DecideAutomatically(
      automation_config_, request.ToDto(),
      [&] {
        // getRelationshipByAddress: a relationship to the peer that is not Rejected or Revoked.
        const auto relationship = consumption::LocalRequests::RelationshipToPeer(tx, request.peer);
        return relationship && relationship->at("status") != "Rejected" && relationship->at("status") != "Revoked";
      },
      [&](const std::string& reason) { log.Error("automationConfig: {}", reason); });
  if (!decision) {
    log.Info("The Request couldn't be decided automatically, since it contains RequestItems for which no suitable "
             "automationConfig was provided.");
    return false;
  }
  try {
    if (decision->accept) {
      const auto can = incoming_.CanAccept(tx, request.id, decision->items, events);
      if (can.IsError()) {
        log.Warn("Can not accept Request {}. {}", request.id, can.message);
        return false;
      }
      incoming_.Accept(tx, request.id, decision->items, events, true);
    } else {
      const auto can = incoming_.CanReject(tx, request.id, decision->items, events);
      if (can.IsError()) {
        log.Warn("Can not reject Request {} {} {}", request.id, can.code, can.message);
        return false;
      }
      incoming_.Reject(tx, request.id, decision->items, events, true);
    }
  } catch (const std::exception& e) {
    log.Error("An error occured trying to decide Request {}: {}", request.id, e.what());
    return false;
  }
  return true;
}

std::string DeciderModule::Decide(storage::Transaction& tx, const consumption::LocalRequest& request,
                                  transport::PendingEvents& events) const {
  if (!consumption::NeedsManualDecision(request.content) && DecideAutomatically(tx, request, events)) {
    return "RequestAutomaticallyDecided";
  }
  try {
    incoming_.RequireManualDecision(tx, request.id, events);
  } catch (const std::exception& e) {
    logging::GetLogger("modules.decider")
        .Error("Could not require manual decision for Request {}: {}", request.id, e.what());
    return "Error";
  }
  return "ManualRequestDecisionRequired";
}

}  // namespace nmshd::connector
