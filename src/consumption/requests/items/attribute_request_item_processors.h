#pragma once
// Registers the attribute request item processors (ReadAttribute, ShareAttribute,
// CreateAttribute) in a registry; they work on `attributes`, which must outlive the registry.
#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/request_item_processor_registry.h"

namespace nmshd::consumption {

void RegisterAttributeRequestItemProcessors(RequestItemProcessorRegistry& registry,
                                            const AttributesController& attributes);

}  // namespace nmshd::consumption
