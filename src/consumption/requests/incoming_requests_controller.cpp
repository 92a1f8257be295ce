#include "consumption/requests/incoming_requests_controller.h"

#include "consumption/requests/decide_request_parameters_validator.h"
#include "consumption/requests/local_requests.h"
#include "consumption/requests/request_errors.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"
#include "core/core_date.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

std::string ItemType(const js::object& item) {
  const auto* t = item.if_contains("@type");
  return t != nullptr && t->is_string() ? std::string(t->get_string()) : std::string();
}

const js::object& ParamsObject(const js::value& v) {
  static const js::object kEmpty;
  return v.is_object() ? v.get_object() : kEmpty;
}

bool IsAccept(const js::value& params) {
  const auto* a = ParamsObject(params).if_contains("accept");
  return a != nullptr && a->is_bool() && a->get_bool();
}

void AssertStatus(const LocalRequest& request, std::initializer_list<LocalRequestStatus> allowed) {
  std::string names;
  for (auto s : allowed) {
    if (s == request.status) return;
    if (!names.empty()) names += "/";
    names += StatusName(s);
  }
  throw request_errors::WrongStatus(names);
}

}  // namespace

LocalRequest IncomingRequestsController::Received(storage::Transaction& tx, const js::object& request_content,
                                                  const LocalRequestSource& source, const std::string& peer,
                                                  const std::string& template_expires_at,
                                                  transport::PendingEvents& events) const {
  std::string id;
  if (const auto* given = request_content.if_contains("id"); given != nullptr && given->is_string()) {
    id = std::string(given->get_string());
    if (LocalRequests::Exists(tx, id)) throw request_errors::CannotCreateRequestWithDuplicateId(id);
  } else {
    id = LocalRequests::GenerateId();
  }
  LocalRequest request;
  request.id = id;
  request.is_own = false;
  request.peer = peer;
  request.created_at = core::CoreDate::Now().ToString();
  request.status = LocalRequestStatus::kOpen;
  request.content = request_content;
  request.source = source;
  if (!LocalRequests::RelationshipToPeer(tx, peer) && !template_expires_at.empty()) {
    // CoreDate.min(template.expiresAt, request.expiresAt)
    const auto* own = request.content.if_contains("expiresAt");
    if (own == nullptr || !own->is_string() ||
        core::CoreDate::Parse(template_expires_at) < core::CoreDate::Parse(own->get_string())) {
      request.content["expiresAt"] = core::CoreDate::Parse(template_expires_at).ToString();
    }
    request.UpdateStatusBasedOnExpiration();
  }
  LocalRequests::Insert(tx, request);
  events.Add("consumption.incomingRequestReceived", request.ToDto());
  return request;
}

LocalRequest IncomingRequestsController::CheckPrerequisites(storage::Transaction& tx, const std::string& id,
                                                            transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kOpen});
  for (const auto& entry : request.content.at("items").as_array()) {
    const auto& item = entry.as_object();
    if (IsRequestItemGroup(item)) {
      for (const auto& child : item.at("items").as_array()) {
        if (!processors_.ForItem(child.as_object()).CheckPrerequisitesOfIncomingRequestItem(tx, child.as_object(), request)) {
          return request;
        }
      }
    } else if (!processors_.ForItem(item).CheckPrerequisitesOfIncomingRequestItem(tx, item, request)) {
      return request;
    }
  }
  request.ChangeStatus(LocalRequestStatus::kDecisionRequired);
  LocalRequests::Update(tx, request);
  LocalRequests::AddStatusChanged(events, request, LocalRequestStatus::kOpen);
  return request;
}

LocalRequest IncomingRequestsController::RequireManualDecision(storage::Transaction& tx, const std::string& id,
                                                               transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kDecisionRequired});
  request.ChangeStatus(LocalRequestStatus::kManualDecisionRequired);
  LocalRequests::Update(tx, request);
  LocalRequests::AddStatusChanged(events, request, LocalRequestStatus::kDecisionRequired);
  return request;
}

ValidationResult IncomingRequestsController::CanAccept(storage::Transaction& tx, const std::string& id,
                                                       const js::array& items, transport::PendingEvents& events) const {
  // Key uniqueness of RelationshipAttributes is checked by the attribute item processors once
  // they exist; the generic and form field items create none.
  return CanDecide(tx, id, items, true, events);
}

ValidationResult IncomingRequestsController::CanReject(storage::Transaction& tx, const std::string& id,
                                                       const js::array& items, transport::PendingEvents& events) const {
  return CanDecide(tx, id, items, false, events);
}

ValidationResult IncomingRequestsController::CanDecide(storage::Transaction& tx, const std::string& id,
                                                       const js::array& items, bool accept,
                                                       transport::PendingEvents& events) const {
  const auto request = GetOrThrow(tx, id, events);
  const auto relationship = LocalRequests::RelationshipToPeer(tx, request.peer);
  const bool from_template = request.source && request.source->type == "RelationshipTemplate";
  if (relationship) {
    const std::string status(relationship->at("status").as_string());
    const bool allowed =
        status == "Active" || (from_template && (status == "Rejected" || status == "Revoked"));
    if (!allowed) {
      return ValidationResult::Error(request_errors::WrongRelationshipStatus(
          "You cannot decide a request from '" + request.peer + "' since the relationship is in status '" + status +
          "'."));
    }
  }
  AssertStatus(request, {LocalRequestStatus::kDecisionRequired, LocalRequestStatus::kManualDecisionRequired});
  if (relationship) {
    const auto* info = relationship->if_contains("peerDeletionInfo");
    const auto* status = info != nullptr && info->is_object() ? info->get_object().if_contains("deletionStatus") : nullptr;
    if (status != nullptr && *status == "ToBeDeleted") {
      return ValidationResult::Error(request_errors::PeerIsInDeletion(
          "You cannot decide a Request from peer '" + request.peer + "' since the peer is in deletion."));
    }
    if (status != nullptr && *status == "Deleted") {
      return ValidationResult::Error(request_errors::PeerIsDeleted(
          "You cannot decide a Request from peer '" + request.peer + "' since the peer is deleted."));
    }
  }
  const auto structure = ValidateDecideRequest(items, request);
  if (structure.IsError()) return structure;
  const auto items_result = ValidateDecideItems(items, accept, request);
  const auto decide_result = CanDecideItems(tx, items, request.content.at("items").as_array(), request);
  try {
    return ValidationResult::Merge(items_result, decide_result);
  } catch (const std::logic_error&) {
    return items_result.IsError() ? items_result : decide_result;
  }
}

ValidationResult IncomingRequestsController::CanDecideItems(storage::Transaction& tx, const js::array& params,
                                                            const js::array& items,
                                                            const LocalRequest& request) const {
  std::vector<ValidationResult> results;
  for (std::size_t i = 0; i < params.size() && i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    if (IsRequestItemGroup(item)) {
      const auto* sub = ParamsObject(params[i]).if_contains("items");
      static const js::array kNone;
      results.push_back(ValidationResult::FromItems(
          CanDecideItems(tx, sub != nullptr && sub->is_array() ? sub->get_array() : kNone, item.at("items").as_array(),
                         request)
              .items));
      continue;
    }
    auto& processor = processors_.ForItem(item);
    try {
      results.push_back(IsAccept(params[i]) ? processor.CanAccept(tx, item, ParamsObject(params[i]), request)
                                            : processor.CanReject(tx, item, ParamsObject(params[i]), request));
    } catch (const content::ServalError& e) {
      results.push_back(ValidationResult::Error(
          CodedError("error.consumption.requests.servalErrorDuringRequestItemProcessing", e.what())));
    } catch (const std::exception& e) {
      results.push_back(ValidationResult::Error(
          CodedError("error.consumption.requests.unexpectedErrorDuringRequestItemProcessing", e.what())));
    }
  }
  return ValidationResult::FromItems(std::move(results));
}

LocalRequest IncomingRequestsController::Accept(storage::Transaction& tx, const std::string& id, const js::array& items,
                                                transport::PendingEvents& events, bool decided_by_automation) const {
  if (CanAccept(tx, id, items, events).IsError()) {
    throw request_errors::Unexpected(
        "Cannot accept the Request with the given parameters. Call 'canAccept' to get more information.");
  }
  return Decide(tx, id, items, true, decided_by_automation, events);
}

LocalRequest IncomingRequestsController::Reject(storage::Transaction& tx, const std::string& id, const js::array& items,
                                                transport::PendingEvents& events, bool decided_by_automation) const {
  if (CanReject(tx, id, items, events).IsError()) {
    throw request_errors::Unexpected(
        "Cannot reject the Request with the given parameters. Call 'canReject' to get more information.");
  }
  return Decide(tx, id, items, false, decided_by_automation, events);
}

js::array IncomingRequestsController::DecideItems(storage::Transaction& tx, const js::array& params,
                                                  const js::array& items, const LocalRequest& request,
                                                  transport::PendingEvents& events) const {
  js::array out;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& item = items[i].as_object();
    if (IsRequestItemGroup(item)) {
      out.push_back(js::object{{"@type", "ResponseItemGroup"},
                               {"items", DecideItems(tx, ParamsObject(params[i]).at("items").as_array(),
                                                     item.at("items").as_array(), request, events)}});
      continue;
    }
    auto& processor = processors_.ForItem(item);
    try {
      out.push_back(IsAccept(params[i]) ? processor.Accept(tx, item, ParamsObject(params[i]), request, events)
                                        : processor.Reject(tx, item, ParamsObject(params[i]), request, events));
    } catch (const std::exception& e) {
      throw request_errors::Unexpected("An error occurred while processing a '" + ItemType(item) +
                                       "'. You should contact the developer of this RequestItem. Details: " +
                                       e.what() + "}");
    }
  }
  return out;
}

LocalRequest IncomingRequestsController::Decide(storage::Transaction& tx, const std::string& id, const js::array& items,
                                                bool accept, bool decided_by_automation,
                                                transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kDecisionRequired, LocalRequestStatus::kManualDecisionRequired});
  auto response_items = DecideItems(tx, items, request.content.at("items").as_array(), request, events);
  const auto response = content::NormalizeResponse(js::object{{"@type", "Response"},
                                                              {"items", std::move(response_items)},
                                                              {"requestId", request.id},
                                                              {"result", accept ? "Accepted" : "Rejected"}});
  const auto old_status = request.status;
  request.response = LocalResponse{core::CoreDate::Now().ToString(), response, std::nullopt};
  request.ChangeStatus(LocalRequestStatus::kDecided);
  if (decided_by_automation) request.was_automatically_decided = true;
  LocalRequests::Update(tx, request);
  LocalRequests::AddStatusChanged(events, request, old_status);
  return request;
}

LocalRequest IncomingRequestsController::Complete(storage::Transaction& tx, const std::string& id,
                                                  const std::optional<LocalRequestSource>& response_source,
                                                  transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kDecided});
  const bool rejected = request.response->content.at("result") == "Rejected";
  const bool from_template = request.source && request.source->type == "RelationshipTemplate";
  if (response_source) {
    request.response->source = response_source;
  } else if (!rejected || !from_template) {
    throw request_errors::Unexpected(
        "A Request can only be completed without a responseSource if the Request is rejected and the Request is from "
        "a Relationship Template");
  }
  request.ChangeStatus(LocalRequestStatus::kCompleted);
  LocalRequests::Update(tx, request);
  LocalRequests::AddStatusChanged(events, request, LocalRequestStatus::kDecided);
  return request;
}

std::optional<LocalRequest> IncomingRequestsController::Get(storage::Transaction& tx, const std::string& id,
                                                            transport::PendingEvents& events) const {
  return LocalRequests::Get(tx, id, false, events);
}

LocalRequest IncomingRequestsController::GetOrThrow(storage::Transaction& tx, const std::string& id,
                                                    transport::PendingEvents& events) const {
  return LocalRequests::GetOrThrow(tx, id, false, events);
}

std::vector<LocalRequest> IncomingRequestsController::Find(storage::Transaction& tx, storage::Filter filter,
                                                           transport::PendingEvents& events) const {
  return LocalRequests::Find(tx, std::move(filter), false, events);
}

void IncomingRequestsController::Delete(storage::Transaction& tx, const std::string& id,
                                        transport::PendingEvents& events) const {
  const auto request = GetOrThrow(tx, id, events);
  if (request.status != LocalRequestStatus::kExpired) {
    throw request_errors::CanOnlyDeleteIncomingRequestThatIsExpired(id, StatusName(request.status));
  }
  LocalRequests::Delete(tx, request);
}

}  // namespace nmshd::consumption
