#pragma once
// DecideRequestParametersValidator (consumption requests/incoming): the decision's structure must
// match the request (same number of items, groups answered as groups with the same number of
// items), a rejected request accepts no item, an accepted request accepts every mustBeAccepted item.
#include <boost/json.hpp>

#include "consumption/requests/local_request.h"
#include "consumption/requests/validation_result.h"

namespace nmshd::consumption {

// validateRequest: the number of top-level items (an error without items when it differs).
ValidationResult ValidateDecideRequest(const boost::json::array& params_items, const LocalRequest& request);
// validateItems: one result per request item or group.
ValidationResult ValidateDecideItems(const boost::json::array& params_items, bool accept, const LocalRequest& request);

// isDecideRequestItemGroupParametersJSON: {items: […]}.
bool IsGroupParameters(const boost::json::value& params);
bool IsRequestItemGroup(const boost::json::object& item);

}  // namespace nmshd::consumption
