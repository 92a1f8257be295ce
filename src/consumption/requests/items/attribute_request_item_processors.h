#pragma once
// Registers the attribute request item processors (ReadAttribute, ShareAttribute,
// CreateAttribute, TransferFileOwnership) in a registry; they work on `attributes` and `files`
// (TransferFileOwnership), which must outlive the registry.
#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/request_item_processor_registry.h"
#include "transport/modules/files/files.h"

namespace nmshd::consumption {

void RegisterAttributeRequestItemProcessors(RequestItemProcessorRegistry& registry,
                                            const AttributesController& attributes, transport::Files& files);

}  // namespace nmshd::consumption
