#pragma once
// Whether one part of a requestConfig fits a LocalRequestDTO or one of its request items: the
// DeciderModule's checkCompatibility, with its JavaScript semantics kept because configurations
// written for the official Connector must decide the same requests:
//   - a key is a dotted path into the target (array elements by index); a path that leads nowhere
//     means no match;
//   - an array in the config means "one of" (objects compared as their JSON.stringify text);
//   - a key ending in "tags" with arrays on both sides needs one common tag;
//   - a key ending in "At" takes "<date", ">date" or an exact date, or an array of such conditions
//     that must all hold;
//   - otherwise the values must be strictly equal (objects as their JSON.stringify text, so an array
//     in the request never equals a single configured value);
//   - "relationshipAlreadyExists" (boolean) compares with whether a relationship to the peer exists.
#include <boost/json.hpp>
#include <functional>

namespace nmshd::consumption {

// `relationship_exists` answers "relationshipAlreadyExists" for a request target. Throws CodedError
// error.runtime.decide.invalidRequestConfig where the official module throws or returns an Error (a
// non-boolean relationshipAlreadyExists or one compared to an item, a non-string request value for
// an "…At" key, a configured list compared to a number or boolean).
bool MatchesRequestConfig(const boost::json::object& config_part, const boost::json::value& target, bool target_is_item,
                          const std::function<bool()>& relationship_exists);

// The part of a requestConfig that applies to items ("content.item." keys, prefix removed) or to the
// request (the other keys).
boost::json::object ItemPartOf(const boost::json::object& request_config);
boost::json::object GeneralPartOf(const boost::json::object& request_config);

}  // namespace nmshd::consumption
