#pragma once
// The JSON-schema checks of the runtime's requests about attributes exchanged with peers
// (Schemas.ts, ajv with allErrors: the first failure, worded as the runtime reports it), thrown as
// CodedError error.runtime.validation.invalidPropertyValue (400 over REST).
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "consumption/attributes/attribute_requests.h"

namespace nmshd::consumption {

// AddressString: "<name> must match pattern did:e:…" (ajv's unanchored pattern).
void CheckAddressRequest(std::string_view property, const std::string& address);
// RelationshipIdString "REL[A-Za-z0-9]{17}".
void CheckRelationshipIdRequest(std::string_view property, const std::string& id);

// GetOwnAttributesSharedWithPeerRequestQuery (`own`) / GetPeerAttributesRequestQuery: the allowed
// keys ("query must NOT have additional properties") and the single-valued ones ("query/<key> must
// be string").
void CheckSharedWithPeerQuery(const boost::json::object& query, bool own);
// GetForwardingDetailsForAttributeRequestQuery: peer, sourceReference, sharedAt, deletionInfo,
// deletionInfo.deletionStatus, deletionInfo.deletionDate.
void CheckForwardingDetailsQuery(const boost::json::object& query);

}  // namespace nmshd::consumption
