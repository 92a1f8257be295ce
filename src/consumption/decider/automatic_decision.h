#pragma once
// The DeciderModule's decision for an incoming request that entered DecisionRequired:
//   - a request with an AuthenticationRequestItem or ConsentRequestItem anywhere always needs a person;
//   - otherwise the automationConfig elements are tried in order: the element's general part must fit
//     the LocalRequestDTO, then every still undecided item that fits the element's item part gets the
//     element's responseConfig as its decide parameters; a general-only element with accept:true
//     decides only CreateAttributeRequestItem and ShareAttributeRequestItem;
//   - as soon as every item has parameters the request is decided: rejected when no item is
//     accepted, accepted otherwise.
// The caller then runs canAccept/canReject and accept/reject with decidedByAutomation, and falls
// back to requireManualDecision when that check fails or nothing was decided.
#include <boost/json.hpp>
#include <functional>
#include <optional>

#include "consumption/decider/automation_config.h"

namespace nmshd::consumption {

struct AutomaticDecision {
  bool accept = false;
  boost::json::array items;  // the decide parameters, shaped like the request's items (groups: {items})
};

// Whether the request content (Request JSON) holds an Authentication or Consent item at any depth.
bool NeedsManualDecision(const boost::json::object& request_content);

// automaticallyDecideRequest over `request_dto` (the LocalRequestDTO). nullopt: not every item could
// be decided. `relationship_exists` answers requestConfig.relationshipAlreadyExists. A config that
// cannot be compared (error.runtime.decide.invalidRequestConfig) ends the attempt with nullopt, as the
// official module stops at such an error; the reason is passed to `on_config_error` when given.
std::optional<AutomaticDecision> DecideAutomatically(const std::vector<AutomationConfigElement>& rules,
                                                     const boost::json::object& request_dto,
                                                     const std::function<bool()>& relationship_exists,
                                                     const std::function<void(const std::string&)>& on_config_error = {});

}  // namespace nmshd::consumption
