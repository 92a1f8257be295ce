#pragma once
// The official utilities validateQuery and validateAttributeMatchesWithQuery of the attribute
// request items: whether a query may be sent (third parties, IQL syntax) and whether an attribute
// answers it (owner, value type, tags, key, confidentiality, creation hints). Queries and
// attributes are canonical content JSON.
#include <boost/json.hpp>
#include <string>

#include "consumption/requests/validation_result.h"

namespace nmshd::consumption::attribute_items {

// validateQuery(query, sender, recipient): recipient "" when unknown (template requests).
ValidationResult ValidateQuery(const boost::json::object& query, const std::string& sender,
                               const std::string& recipient);
// validateAttributeMatchesWithQuery(query, attribute, recipient = who answers, sender = who asked).
ValidationResult ValidateAttributeMatchesWithQuery(const boost::json::object& query,
                                                   const boost::json::object& attribute,
                                                   const std::string& recipient, const std::string& sender);

}  // namespace nmshd::consumption::attribute_items
