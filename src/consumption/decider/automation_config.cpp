#include "consumption/decider/automation_config.h"

#include "base/coded_error.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::string_view kItemPrefix = "content.item.";

bool IsRejectResponseConfig(const js::object& response) {
  const auto* accept = response.if_contains("accept");
  return accept != nullptr && accept->is_bool() && !accept->get_bool();
}

bool IsSimpleAcceptResponseConfig(const js::object& response) {
  return IsAcceptResponseConfig(response) && response.size() == 1;
}

// DeciderModule.validateAutomationConfig. The item type switch compares the configured value as is:
// an array of types is none of the three cases and so needs a plain accept.
bool Fits(const js::object& request, const js::object& response) {
  if (IsRejectResponseConfig(response)) return true;
  if (IsGeneralRequestConfig(request)) return IsSimpleAcceptResponseConfig(response);
  const auto* type = request.if_contains("content.item.@type");
  if (type != nullptr && type->is_string()) {
    if (type->get_string() == "DeleteAttributeRequestItem") return response.contains("deletionDate");
    if (type->get_string() == "ProposeAttributeRequestItem") return response.contains("attribute");
    if (type->get_string() == "ReadAttributeRequestItem") return response.contains("newAttribute");
  }
  return IsSimpleAcceptResponseConfig(response);
}

[[noreturn]] void Invalid(const std::string& what) {
  throw CodedError("error.runtime.decide.invalidAutomationConfig", "modules.decider.automationConfig" + what);
}

}  // namespace

bool IsGeneralRequestConfig(const js::object& request_config) {
  for (const auto& entry : request_config) {
    if (std::string_view(entry.key()).starts_with(kItemPrefix)) return false;
  }
  return true;
}

bool IsAcceptResponseConfig(const js::object& response_config) {
  const auto* accept = response_config.if_contains("accept");
  return accept != nullptr && accept->is_bool() && accept->get_bool();
}

std::vector<AutomationConfigElement> ParseAutomationConfig(const js::value& automation_config) {
  std::vector<AutomationConfigElement> out;
  if (automation_config.is_null()) return out;
  if (!automation_config.is_array()) Invalid(" must be a list of {requestConfig, responseConfig}");
  const auto& list = automation_config.get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) Invalid(where + " must be an object");
    const auto& element = list[i].get_object();
    const auto* request = element.if_contains("requestConfig");
    const auto* response = element.if_contains("responseConfig");
    if (request == nullptr || !request->is_object()) Invalid(where + ".requestConfig must be an object");
    if (response == nullptr || !response->is_object()) Invalid(where + ".responseConfig must be an object");
    if (!Fits(request->get_object(), response->get_object())) {
      throw CodedError("error.runtime.decide.requestConfigDoesNotMatchResponseConfig",
                       "The RequestConfig does not match the ResponseConfig.");
    }
    out.push_back({request->get_object(), response->get_object()});
  }
  return out;
}

}  // namespace nmshd::consumption
