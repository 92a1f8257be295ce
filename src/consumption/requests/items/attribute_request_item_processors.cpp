#include "consumption/requests/items/attribute_request_item_processors.h"

#include <memory>

#include "consumption/requests/items/create_attribute_request_item_processor.h"
#include "consumption/requests/items/read_attribute_request_item_processor.h"
#include "consumption/requests/items/share_attribute_request_item_processor.h"

namespace nmshd::consumption {

void RegisterAttributeRequestItemProcessors(RequestItemProcessorRegistry& registry,
                                            const AttributesController& attributes) {
  registry.Register("ReadAttributeRequestItem", std::make_shared<ReadAttributeRequestItemProcessor>(attributes));
  registry.Register("ShareAttributeRequestItem", std::make_shared<ShareAttributeRequestItemProcessor>(attributes));
  registry.Register("CreateAttributeRequestItem", std::make_shared<CreateAttributeRequestItemProcessor>(attributes));
}

}  // namespace nmshd::consumption
