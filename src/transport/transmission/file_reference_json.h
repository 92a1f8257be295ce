#pragma once
// FileReference of @nmshd/core-types 7.0.0 as a nested ts-serval object, the form message
// attachments take inside MessageContentWrapper: keys sorted, the key non-verbose:
//   {"backboneBaseUrl"?:…, "forIdentityTruncated"?:…, "id":"FIL…", "key":{"key":…,"alg":3}}
// The official File.toFileReference only sets id, backboneBaseUrl and the metadata key.
#include <boost/json.hpp>

#include "core/reference.h"

namespace nmshd::transport {

// A reference with password protection cannot be written (no official sender creates one for
// attachments): error.transport.messages.invalidMessage.
boost::json::object FileReferenceToJson(const core::Reference& reference);
// Reference codes (error.core.reference.*) for a bad id or key, error.transport.messages.invalidMessage
// for a wrong shape. A passwordProtection member is ignored: id and key are all a download needs.
core::Reference FileReferenceFromJson(const boost::json::value& json);

}  // namespace nmshd::transport
