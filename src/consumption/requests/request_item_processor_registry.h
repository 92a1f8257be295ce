#pragma once
// RequestItemProcessorRegistry: which processor handles which RequestItem "@type". An item whose
// type has no processor fails clearly (error.runtime.unknown "There was no processor registered
// for '<type>'."), as officially.
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "consumption/requests/request_item_processor.h"

namespace nmshd::consumption {

class RequestItemProcessorRegistry {
 public:
  // The processors without attribute effects: the generic one for AuthenticationRequestItem and
  // ConsentRequestItem, FormFieldRequestItemProcessor for FormFieldRequestItem. The attribute items
  // (Share, Read, Create) are added by RegisterAttributeRequestItemProcessors (items/).
  static RequestItemProcessorRegistry WithDefaultProcessors();

  void Register(std::string item_type, std::shared_ptr<RequestItemProcessor> processor);
  bool Has(std::string_view item_type) const;
  RequestItemProcessor& ForType(std::string_view item_type) const;
  RequestItemProcessor& ForItem(const boost::json::object& item) const;

 private:
  std::map<std::string, std::shared_ptr<RequestItemProcessor>, std::less<>> processors_;
};

}  // namespace nmshd::consumption
