#pragma once
// The Decider's `automationConfig` (runtime DeciderModule, modules/decide/RequestConfig.ts and
// ResponseConfig.ts): an ordered list of {requestConfig, responseConfig} pairs that say which
// incoming requests, or which of their items, are answered without a person.
//
// A requestConfig is a flat object of dotted paths into the LocalRequestDTO: keys starting with
// "content.item." are matched against each request item (the prefix removed), the other keys
// against the whole request ("general" part). A responseConfig is {accept:false, code?, message?},
// {accept:true}, {accept:true, deletionDate} (DeleteAttribute), {accept:true, attribute}
// (ProposeAttribute) or {accept:true, newAttribute} (ReadAttribute). It becomes the item's decide
// parameters as it is.
#include <boost/json.hpp>
#include <vector>

namespace nmshd::consumption {

struct AutomationConfigElement {
  boost::json::object request_config;
  boost::json::object response_config;
};

// modules.decider.automationConfig as configured (absent or null: no rules). Checks each pair as the
// module's init() does: a reject always fits; a general-only requestConfig needs a plain
// {accept:true}; "content.item.@type" DeleteAttribute/ProposeAttribute/ReadAttributeRequestItem need
// deletionDate/attribute/newAttribute; any other item config a plain {accept:true}. Throws CodedError
// error.runtime.decide.requestConfigDoesNotMatchResponseConfig ("The RequestConfig does not match the
// ResponseConfig.") for a pair that does not fit, error.runtime.decide.invalidAutomationConfig for a
// value that is not a list of {requestConfig: object, responseConfig: object}.
std::vector<AutomationConfigElement> ParseAutomationConfig(const boost::json::value& automation_config);

bool IsGeneralRequestConfig(const boost::json::object& request_config);
bool IsAcceptResponseConfig(const boost::json::object& response_config);

}  // namespace nmshd::consumption
