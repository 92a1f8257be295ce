#include "consumption/requests/generic_request_item_processor.h"

namespace nmshd::consumption {

namespace js = boost::json;

ValidationResult GenericRequestItemProcessor::CanCreateOutgoingRequestItem(storage::Transaction&, const js::object&,
                                                                           const js::object&,
                                                                           const std::optional<std::string>&) {
  return ValidationResult::Success();
}

bool GenericRequestItemProcessor::CheckPrerequisitesOfIncomingRequestItem(storage::Transaction&, const js::object&,
                                                                          const LocalRequest&) {
  return true;
}

ValidationResult GenericRequestItemProcessor::CanAccept(storage::Transaction&, const js::object&, const js::object&,
                                                        const LocalRequest&) {
  return ValidationResult::Success();
}

ValidationResult GenericRequestItemProcessor::CanReject(storage::Transaction&, const js::object&, const js::object&,
                                                        const LocalRequest&) {
  return ValidationResult::Success();
}

js::object GenericRequestItemProcessor::Accept(storage::Transaction&, const js::object&, const js::object&,
                                               const LocalRequest&, transport::PendingEvents&) {
  return js::object{{"@type", "AcceptResponseItem"}, {"result", "Accepted"}};
}

js::object GenericRequestItemProcessor::Reject(storage::Transaction&, const js::object&, const js::object& params,
                                               const LocalRequest&, transport::PendingEvents&) {
  // RejectResponseItem.from({result, code, message}): undefined members are left out.
  js::object item{{"@type", "RejectResponseItem"}};
  if (const auto* code = params.if_contains("code"); code != nullptr && code->is_string()) item["code"] = *code;
  if (const auto* message = params.if_contains("message"); message != nullptr && message->is_string()) {
    item["message"] = *message;
  }
  item["result"] = "Rejected";
  return item;
}

ValidationResult GenericRequestItemProcessor::CanApplyIncomingResponseItem(storage::Transaction&, const js::object&,
                                                                           const js::object&, const LocalRequest&) {
  return ValidationResult::Success();
}

void GenericRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction&, const js::object&,
                                                            const js::object&, const LocalRequest&,
                                                            transport::PendingEvents&) {}

}  // namespace nmshd::consumption
