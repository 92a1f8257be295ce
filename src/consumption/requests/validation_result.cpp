#include "consumption/requests/validation_result.h"

#include <stdexcept>
#include <utility>

#include "consumption/requests/request_errors.h"

namespace nmshd::consumption {

ValidationResult ValidationResult::Success(std::vector<ValidationResult> items) {
  return ValidationResult{true, "", "", std::move(items)};
}

ValidationResult ValidationResult::Error(const CodedError& error, std::vector<ValidationResult> items) {
  return ValidationResult{false, error.code(), error.what(), std::move(items)};
}

ValidationResult ValidationResult::FromItems(std::vector<ValidationResult> items) {
  for (const auto& item : items) {
    if (item.IsError()) return Error(request_errors::InheritedFromItem("Some child items have errors."), std::move(items));
  }
  return Success(std::move(items));
}

ValidationResult ValidationResult::Merge(const ValidationResult& a, const ValidationResult& b) {
  if (a.items.size() != b.items.size()) throw std::logic_error("The dimensions of the ValidationResults do not match.");
  if (a.items.empty()) return a.IsError() ? a : b;
  std::vector<ValidationResult> merged;
  for (std::size_t i = 0; i < a.items.size(); ++i) merged.push_back(Merge(a.items[i], b.items[i]));
  return FromItems(std::move(merged));
}

boost::json::object ValidationResult::ToDto() const {
  boost::json::object dto{{"isSuccess", success}};
  if (!success) {
    dto["code"] = code;
    dto["message"] = message;
  }
  boost::json::array list;
  for (const auto& item : items) list.push_back(item.ToDto());
  dto["items"] = std::move(list);
  return dto;
}

}  // namespace nmshd::consumption
