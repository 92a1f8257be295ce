#pragma once
// The common base of the attribute request item processors: the generic behaviour (reject answers a
// RejectResponseItem, prerequisites always met) plus the attribute store they work on.
#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/generic_request_item_processor.h"

namespace nmshd::consumption {

class AttributeRequestItemProcessorBase : public GenericRequestItemProcessor {
 public:
  explicit AttributeRequestItemProcessorBase(const AttributesController& attributes) : attributes_(attributes) {}

 protected:
  const std::string& self() const { return attributes_.context().self_address; }

  const AttributesController& attributes_;
};

}  // namespace nmshd::consumption
