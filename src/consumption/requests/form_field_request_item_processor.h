#pragma once
// FormFieldRequestItemProcessor (itemProcessors/formField): a form question whose settings
// (String, Integer, Double, Boolean, Date, Selection, Rating FormFieldSettings) decide what may be
// created (canCreate: min ≤ max, unique non-empty options) and what answer is accepted
// ({accept:true, response}); the answer travels as FormFieldAcceptResponseItem {response}.
// Messages as in @nmshd/content 7.0.0.
#include <optional>
#include <string>

#include "consumption/requests/generic_request_item_processor.h"

namespace nmshd::consumption {

class FormFieldRequestItemProcessor : public GenericRequestItemProcessor {
 public:
  ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                const boost::json::object& request,
                                                const std::optional<std::string>& recipient) override;
  ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request) override;
  boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                             const boost::json::object& params, const LocalRequest& request,
                             transport::PendingEvents& events) override;

  // settings.canCreate() / settings.canAccept(response): the problem, or nullopt.
  static std::optional<std::string> SettingsCanCreate(const boost::json::object& settings);
  static std::optional<std::string> SettingsCanAccept(const boost::json::object& settings,
                                                      const boost::json::value& response);
};

}  // namespace nmshd::consumption
