#pragma once
// The JSON-schema checks of the runtime's attribute request objects (Schemas.ts, ajv with
// allErrors): the first failure worded as the runtime reports it, thrown as CodedError
// error.runtime.validation.invalidPropertyValue (400 over REST).
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::consumption {

CodedError InvalidPropertyValue(std::string message);

// CreateOwnIdentityAttributeRequest and CanCreateOwnIdentityAttributeRequest:
// {content: {value: <anything>, tags?: string[]}}, nothing else.
void CheckCreateOwnIdentityAttributeRequest(const boost::json::value& request);

// SucceedOwnIdentityAttributeRequest: {predecessorId: string, successorContent: {value: <an identity
// value>, tags?: string[]}}, nothing else.
void CheckSucceedOwnIdentityAttributeRequest(const boost::json::value& request);

// {<property>: AttributeIdString} (GetAttributeRequest "id", GetVersionsOfAttributeRequest and
// DeleteAttributeAndNotifyRequest "attributeId"): ajv's unanchored pattern "ATT[A-Za-z0-9]{17}".
void CheckAttributeIdRequest(std::string_view property, const std::string& id);
bool MatchesAttributeIdPattern(std::string_view id);

// A REST query as the runtime receives it: repeated keys become arrays.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;
boost::json::object QueryObject(const QueryParameters& query);

// GetOwnIdentityAttributesRequestQuery: only createdAt (string), wasViewedAt (string|string[]),
// isDefault (string), content.tags and content.value.@type (string|string[]).
void CheckGetOwnIdentityAttributesQuery(const boost::json::object& query);

}  // namespace nmshd::consumption
