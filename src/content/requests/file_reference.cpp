#include "content/requests/file_reference.h"

#include "base/coded_error.h"
#include "core/reference.h"
#include "content/serval_error.h"

namespace nmshd::content::serval {

boost::json::value TruncatedFileReference(const boost::json::value& raw) {
  if (!raw.is_string()) {
    // FileReference.fromAny of an object ({id, key, …}) is not a wire form any client writes.
    throw GeneralServalError("FileReference: only a truncated reference or a reference URL is supported");
  }
  try {
    const auto reference = core::Reference::Parse(raw.get_string(), core::ReferenceKind::kAny);
    if (!reference.id().starts_with("FIL")) {
      throw ValidationError("FileReference", "id", "id must start with 'FIL' but is '" + reference.id() + "'");
    }
    return boost::json::string(reference.Truncate());
  } catch (const ServalError&) {
    throw;
  } catch (const CodedError& e) {
    throw ServalError(e.code(), e.what());
  }
}

}  // namespace nmshd::content::serval
