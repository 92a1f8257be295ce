#pragma once
// TransferFileOwnershipRequestItem.fileReference: `@serialize({enforceString: true,
// customDeserializer: FileReference.from, customSerializer: truncate})`.
#include <boost/json.hpp>

namespace nmshd::content::serval {

// FileReference.from(value).truncate(): a truncated reference or a reference URL of a file
// (id prefix FIL), written back truncated. Throws ServalError: a reference of another kind fails
// with "FileReference.id :: id must start with 'FIL' but is '<id>'" as the official preFrom does;
// other malformed references keep our error.core.reference.* codes and messages.
boost::json::value TruncatedFileReference(const boost::json::value& raw);

}  // namespace nmshd::content::serval
