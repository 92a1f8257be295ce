#pragma once
// The runtime errors the token and template use cases raise (useCases/common/RuntimeErrors.js,
// UseCase.handleRequestError).
#include <string>
#include <string_view>
#include <utility>

#include "base/coded_error.h"
#include "transport/backbone/backbone_error.h"

namespace nmshd::transport {

// RuntimeErrors.general.recordNotFound(<type>).
inline CodedError RecordNotFound(std::string_view type) {
  return CodedError("error.runtime.recordNotFound",
                    std::string(type) + " not found. Make sure the ID exists and the record is not expired.");
}

// Runs a Backbone call the way a runtime use case reports its failure: a Backbone 404
// (error.platform.recordNotFound) becomes error.runtime.recordNotFound with the Backbone's message;
// every other error passes unchanged.
template <class Fn>
auto RuntimeBackboneCall(Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const BackboneError& e) {
    if (e.code() == "error.platform.recordNotFound") throw CodedError("error.runtime.recordNotFound", e.reason());
    throw;
  }
}

}  // namespace nmshd::transport
