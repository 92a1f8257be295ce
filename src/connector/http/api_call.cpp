#include "connector/http/api_call.h"

#include "base/coded_error.h"
#include "connector/http/route_options.h"

namespace nmshd::connector {

const boost::json::object& ApiCall::Body() const {
  static const boost::json::object kEmpty;
  if (body_.is_null()) return kEmpty;
  if (!body_.is_object()) {
    throw CodedError("error.runtime.validation.invalidPropertyValue", "The request body must be a JSON object.");
  }
  return body_.get_object();
}

bool ApiCall::WantsPng() const { return accepted_type_ == kPngMediaType; }

}  // namespace nmshd::connector
