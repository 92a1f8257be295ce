#include "consumption/requests/request_item_processor_registry.h"

#include <utility>

#include "consumption/requests/form_field_request_item_processor.h"
#include "consumption/requests/generic_request_item_processor.h"
#include "consumption/requests/request_errors.h"

namespace nmshd::consumption {

RequestItemProcessorRegistry RequestItemProcessorRegistry::WithDefaultProcessors() {
  RequestItemProcessorRegistry registry;
  auto generic = std::make_shared<GenericRequestItemProcessor>();
  registry.Register("AuthenticationRequestItem", generic);
  registry.Register("ConsentRequestItem", generic);
  registry.Register("FormFieldRequestItem", std::make_shared<FormFieldRequestItemProcessor>());
  return registry;
}

void RequestItemProcessorRegistry::Register(std::string item_type, std::shared_ptr<RequestItemProcessor> processor) {
  processors_[std::move(item_type)] = std::move(processor);
}

bool RequestItemProcessorRegistry::Has(std::string_view item_type) const { return processors_.contains(item_type); }

RequestItemProcessor& RequestItemProcessorRegistry::ForType(std::string_view item_type) const {
  const auto it = processors_.find(item_type);
  if (it == processors_.end()) throw request_errors::NoProcessorForItem(item_type);
  return *it->second;
}

RequestItemProcessor& RequestItemProcessorRegistry::ForItem(const boost::json::object& item) const {
  const auto* type = item.if_contains("@type");
  return ForType(type != nullptr && type->is_string() ? std::string_view(type->get_string()) : std::string_view());
}

}  // namespace nmshd::consumption
