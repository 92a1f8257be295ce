#pragma once
// ValidationResult of the consumption request rules and its REST form, the runtime's
// RequestValidationResultDTO {isSuccess, code?, message?, items:[…]} (one entry per request item or
// group, nested for groups).
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::consumption {

struct ValidationResult {
  bool success = true;
  std::string code;
  std::string message;
  std::vector<ValidationResult> items;

  static ValidationResult Success(std::vector<ValidationResult> items = {});
  static ValidationResult Error(const CodedError& error, std::vector<ValidationResult> items = {});
  // fromItems: an error "inheritedFromItem" ("Some child items have errors.") when any item failed.
  static ValidationResult FromItems(std::vector<ValidationResult> items);
  // mergeResults: item-wise; the dimensions must match (throws otherwise).
  static ValidationResult Merge(const ValidationResult& a, const ValidationResult& b);

  bool IsError() const { return !success; }
  boost::json::object ToDto() const;
};

}  // namespace nmshd::consumption
