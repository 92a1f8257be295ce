#include "consumption/requests/decide_request_parameters_validator.h"

#include "consumption/requests/request_errors.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

bool Accepted(const js::value& params) {
  if (!params.is_object()) return false;
  const auto* a = params.get_object().if_contains("accept");
  return a != nullptr && a->is_bool() && a->get_bool();
}

bool MustBeAccepted(const js::object& item) {
  const auto* m = item.if_contains("mustBeAccepted");
  return m != nullptr && m->is_bool() && m->get_bool();
}

ValidationResult CheckItem(const js::object& item, const js::value& params, bool accept) {
  if (IsGroupParameters(params)) {
    return ValidationResult::Error(request_errors::decide::RequestItemAnsweredAsRequestItemGroup());
  }
  if (!accept && Accepted(params)) {
    return ValidationResult::Error(request_errors::decide::ItemAcceptedButRequestNotAccepted());
  }
  if (accept && MustBeAccepted(item) && !Accepted(params)) {
    return ValidationResult::Error(request_errors::decide::MustBeAcceptedItemNotAccepted());
  }
  return ValidationResult::Success();
}

ValidationResult CheckGroup(const js::object& group, const js::value& params, bool accept) {
  if (!IsGroupParameters(params)) {
    return ValidationResult::Error(request_errors::decide::RequestItemGroupAnsweredAsRequestItem());
  }
  const auto& items = group.at("items").as_array();
  const auto& answers = params.get_object().at("items").get_array();
  if (answers.size() != items.size()) {
    return ValidationResult::Error(request_errors::decide::InvalidNumberOfItems(
        "The number of items in the RequestItemGroup and the ResponseItemGroup do not match."));
  }
  std::vector<ValidationResult> results;
  for (std::size_t i = 0; i < items.size(); ++i) results.push_back(CheckItem(items[i].as_object(), answers[i], accept));
  return ValidationResult::FromItems(std::move(results));
}

}  // namespace

bool IsGroupParameters(const js::value& params) {
  if (!params.is_object()) return false;
  const auto* items = params.get_object().if_contains("items");
  return items != nullptr && items->is_array();
}

bool IsRequestItemGroup(const js::object& item) {
  const auto* t = item.if_contains("@type");
  return t != nullptr && t->is_string() && t->get_string() == "RequestItemGroup";
}

ValidationResult ValidateDecideRequest(const js::array& params_items, const LocalRequest& request) {
  if (params_items.size() != request.content.at("items").as_array().size()) {
    return ValidationResult::Error(
        request_errors::decide::InvalidNumberOfItems("The number of items in the Request and the Response do not match."));
  }
  return ValidationResult::Success();
}

ValidationResult ValidateDecideItems(const js::array& params_items, bool accept, const LocalRequest& request) {
  std::vector<ValidationResult> results;
  const auto& items = request.content.at("items").as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    const js::value& params = i < params_items.size() ? params_items[i] : js::value();
    results.push_back(IsRequestItemGroup(item) ? CheckGroup(item, params, accept) : CheckItem(item, params, accept));
  }
  return ValidationResult::FromItems(std::move(results));
}

}  // namespace nmshd::consumption
