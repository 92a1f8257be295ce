#pragma once
// lodash isEqual on JSON: objects equal when they have the same keys with deep-equal values (key
// order does not matter), arrays element by element, numbers by value (1 equals 1.0). The runtime
// uses it to find an existing attribute with the same value and to tell whether a succession
// changes the content.
#include <boost/json.hpp>

namespace nmshd::consumption {

bool JsonDeepEqual(const boost::json::value& a, const boost::json::value& b);

}  // namespace nmshd::consumption
