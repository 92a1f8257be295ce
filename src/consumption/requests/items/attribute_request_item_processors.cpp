#include "consumption/requests/items/attribute_request_item_processors.h"

#include <memory>

#include "consumption/requests/items/create_attribute_request_item_processor.h"
#include "consumption/requests/items/delete_attribute_request_item_processor.h"
#include "consumption/requests/items/propose_attribute_request_item_processor.h"
#include "consumption/requests/items/read_attribute_request_item_processor.h"
#include "consumption/requests/items/share_attribute_request_item_processor.h"
#include "consumption/requests/items/transfer_file_ownership_request_item_processor.h"

namespace nmshd::consumption {

void RegisterAttributeRequestItemProcessors(RequestItemProcessorRegistry& registry,
                                            const AttributesController& attributes, transport::Files& files) {
  registry.Register("ReadAttributeRequestItem", std::make_shared<ReadAttributeRequestItemProcessor>(attributes));
  registry.Register("ShareAttributeRequestItem", std::make_shared<ShareAttributeRequestItemProcessor>(attributes));
  registry.Register("CreateAttributeRequestItem", std::make_shared<CreateAttributeRequestItemProcessor>(attributes));
  registry.Register("ProposeAttributeRequestItem", std::make_shared<ProposeAttributeRequestItemProcessor>(attributes));
  registry.Register("DeleteAttributeRequestItem", std::make_shared<DeleteAttributeRequestItemProcessor>(attributes));
  registry.Register("TransferFileOwnershipRequestItem",
                    std::make_shared<TransferFileOwnershipRequestItemProcessor>(attributes, files));
}

}  // namespace nmshd::consumption
