#include "consumption/requests/outgoing_requests_controller.h"

#include "consumption/requests/decide_request_parameters_validator.h"
#include "consumption/requests/items/delete_attribute_request_item_processor.h"
#include "consumption/requests/local_requests.h"
#include "consumption/requests/request_errors.h"
#include "content/requests/request_content.h"
#include "core/core_date.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

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

ValidationResult OutgoingRequestsController::CanCreate(storage::Transaction& tx, const js::object& content,
                                                       const std::optional<std::string>& peer) const {
  if (peer && *peer == ctx_.self_address) return ValidationResult::Error(request_errors::CannotShareRequestWithYourself());
  if (const auto* expires = content.if_contains("expiresAt"); expires != nullptr && expires->is_string()) {
    if (core::CoreDate::Parse(expires->get_string()) < core::CoreDate::Now()) {
      return ValidationResult::Error(request_errors::CannotCreateRequestWithExpirationDateInPast());
    }
  }
  if (peer) {
    const auto relationship = LocalRequests::RelationshipToPeer(tx, *peer);
    if (!relationship) {
      return ValidationResult::Error(request_errors::MissingRelationship(
          "You cannot create a request to '" + *peer + "' since you are not in a relationship."));
    }
    const std::string status(relationship->at("status").as_string());
    if (status != "Pending" && status != "Active") {
      return ValidationResult::Error(request_errors::WrongRelationshipStatus(
          "You cannot create a request to '" + *peer + "' since the relationship is in status '" + status + "'."));
    }
    const auto* info = relationship->if_contains("peerDeletionInfo");
    const auto* deletion = info != nullptr && info->is_object() ? info->get_object().if_contains("deletionStatus") : nullptr;
    if (deletion != nullptr && *deletion == "ToBeDeleted") {
      return ValidationResult::Error(request_errors::PeerIsInDeletion(
          "You cannot create a Request to peer '" + *peer + "' since the peer is in deletion."));
    }
    if (deletion != nullptr && *deletion == "Deleted") {
      return ValidationResult::Error(
          request_errors::PeerIsDeleted("You cannot create a Request to peer '" + *peer + "' since the peer is deleted."));
    }
  }
  std::vector<ValidationResult> results;
  for (const auto& entry : content.at("items").as_array()) {
    const auto& item = entry.as_object();
    if (IsRequestItemGroup(item)) {
      std::vector<ValidationResult> inner;
      for (const auto& child : item.at("items").as_array()) {
        inner.push_back(processors_.ForItem(child.as_object()).CanCreateOutgoingRequestItem(tx, child.as_object(), content, peer));
      }
      results.push_back(ValidationResult::FromItems(std::move(inner)));
    } else {
      results.push_back(processors_.ForItem(item).CanCreateOutgoingRequestItem(tx, item, content, peer));
    }
  }
  return ValidationResult::FromItems(std::move(results));
}

LocalRequest OutgoingRequestsController::CreateRecord(storage::Transaction& tx, const std::string& id,
                                                      const js::object& content, const std::string& peer) const {
  const auto result = CanCreate(tx, content, peer);
  if (result.IsError()) {
    // _create: an item's error is reported with the hint to canCreate, as officially.
    if (result.code == "error.consumption.requests.validation.inheritedFromItem") {
      throw request_errors::InheritedFromItem("Some child items have errors. Call 'canCreate' to get more information.");
    }
    throw CodedError(result.code, result.message);
  }
  if (LocalRequests::Exists(tx, id)) throw request_errors::CannotCreateRequestWithDuplicateId(id);
  LocalRequest request;
  request.id = id;
  request.is_own = true;
  request.peer = peer;
  request.created_at = core::CoreDate::Now().ToString();
  request.status = LocalRequestStatus::kDraft;
  request.content = content;
  LocalRequests::Insert(tx, request);
  return request;
}

LocalRequest OutgoingRequestsController::Create(storage::Transaction& tx, const js::object& content,
                                                const std::string& peer, transport::PendingEvents& events) const {
  const auto id = LocalRequests::GenerateId();
  auto with_id = content;
  with_id["id"] = id;
  auto request = CreateRecord(tx, id, content::NormalizeRequest(with_id), peer);
  events.Add("consumption.outgoingRequestCreated", request.ToDto());
  return request;
}

LocalRequest OutgoingRequestsController::Sent(storage::Transaction& tx, const std::string& id,
                                              const std::string& message_id, transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kDraft});
  request.ChangeStatus(LocalRequestStatus::kOpen);
  request.source = LocalRequestSource{"Message", message_id};
  LocalRequests::Update(tx, request);
  // _setDeletionRequestSent: what a DeleteAttributeRequestItem asks the peer to delete is marked
  // DeletionRequestSent (it throws like the official one, after the status change is written).
  MarkDeletionRequestsSent(tx, AttributesController(ctx_), request.content, request.peer);
  LocalRequests::AddStatusChanged(events, request, LocalRequestStatus::kDraft);
  return request;
}

namespace {

// Officially a Response is not checked against the shape of its Request: items beyond the request's
// are skipped, and a plain response item where a group was asked makes applyItems fail with a
// TypeError halfway. We refuse any shape mismatch before anything is applied, with the codes the
// official runtime uses for a decision that does not match its request.
ValidationResult ResponseShapeMatches(const js::array& items, const js::array& response_items, bool in_group) {
  if (items.size() != response_items.size()) {
    return ValidationResult::Error(request_errors::decide::InvalidNumberOfItems(
        in_group ? "The number of items in the RequestItemGroup and the ResponseItemGroup do not match."
                 : "The number of items in the Request and the Response do not match."));
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    const auto* answer = response_items[i].if_object();
    const bool answered_as_group = answer != nullptr && answer->contains("items");
    if (IsRequestItemGroup(item)) {
      if (!answered_as_group) {
        return ValidationResult::Error(request_errors::decide::RequestItemGroupAnsweredAsRequestItem());
      }
      auto inner = ResponseShapeMatches(item.at("items").as_array(), answer->at("items").as_array(), true);
      if (inner.IsError()) return inner;
    } else if (answered_as_group) {
      return ValidationResult::Error(request_errors::decide::RequestItemAnsweredAsRequestItemGroup());
    }
  }
  return ValidationResult::Success();
}

}  // namespace

ValidationResult OutgoingRequestsController::CanApply(storage::Transaction& tx, const js::array& items,
                                                      const js::array& response_items,
                                                      const LocalRequest& request) const {
  for (std::size_t i = 0; i < response_items.size() && i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    if (IsRequestItemGroup(item)) {
      auto inner = CanApply(tx, item.at("items").as_array(), response_items[i].as_object().at("items").as_array(), request);
      if (inner.IsError()) return inner;
      continue;
    }
    auto result = processors_.ForItem(item).CanApplyIncomingResponseItem(tx, response_items[i].as_object(), item, request);
    if (result.IsError()) return result;
  }
  return ValidationResult::Success();
}

void OutgoingRequestsController::Apply(storage::Transaction& tx, const js::array& items,
                                       const js::array& response_items, const LocalRequest& request,
                                       transport::PendingEvents& events) const {
  for (std::size_t i = 0; i < response_items.size() && i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    if (IsRequestItemGroup(item)) {
      Apply(tx, item.at("items").as_array(), response_items[i].as_object().at("items").as_array(), request, events);
      continue;
    }
    processors_.ForItem(item).ApplyIncomingResponseItem(tx, response_items[i].as_object(), item, request, events);
  }
}

LocalRequest OutgoingRequestsController::CompleteRecord(storage::Transaction& tx, const std::string& id,
                                                        const LocalRequestSource& source,
                                                        const std::string& response_created_at,
                                                        const js::object& response,
                                                        transport::PendingEvents& events) const {
  auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kOpen, LocalRequestStatus::kExpired});
  if (request.status == LocalRequestStatus::kExpired &&
      request.IsExpired(core::CoreDate::Parse(response_created_at))) {
    throw request_errors::Unexpected(
        "Cannot complete an expired request with a response that was created before the expiration date");
  }
  const auto& items = request.content.at("items").as_array();
  const auto& response_items = response.at("items").as_array();
  if (const auto shape = ResponseShapeMatches(items, response_items, false); shape.IsError()) {
    throw CodedError(shape.code, shape.message);
  }
  const auto can_apply = CanApply(tx, items, response_items, request);
  if (can_apply.IsError()) throw CodedError(can_apply.code, can_apply.message);
  Apply(tx, items, response_items, request, events);
  // A response taken from a ResponseWrapper or RelationshipCreationContent is a nested member there:
  // stored as the top-level Response (with its "@type"), as LocalResponse.content.toJSON() writes it.
  request.response = LocalResponse{core::CoreDate::Now().ToString(), content::NormalizeResponse(response), source};
  request.ChangeStatus(LocalRequestStatus::kCompleted);
  LocalRequests::Update(tx, request);
  return request;
}

LocalRequest OutgoingRequestsController::Complete(storage::Transaction& tx, const std::string& id,
                                                  const LocalRequestSource& response_source,
                                                  const std::string& response_created_at, const js::object& response,
                                                  transport::PendingEvents& events) const {
  auto request = CompleteRecord(tx, id, response_source, response_created_at, response, events);
  // As officially, the event names Open as the old status even when the request had expired.
  LocalRequests::AddStatusChanged(events, request, LocalRequestStatus::kOpen);
  return request;
}

LocalRequest OutgoingRequestsController::CreateAndCompleteFromRelationshipTemplateResponse(
    storage::Transaction& tx, const std::string& template_id, const js::object& template_content,
    const std::string& peer, const LocalRequestSource& response_source, bool from_new_relationship,
    const std::string& response_created_at, const js::object& response, transport::PendingEvents& events) const {
  if (template_content.if_contains("@type") == nullptr ||
      template_content.at("@type") != "RelationshipTemplateContent") {
    throw request_errors::Unexpected(
        "The content of the template is not of type RelationshipTemplateContent hence it's not possible to create a "
        "request from it.");
  }
  const auto* request_content =
      template_content.if_contains(from_new_relationship ? "onNewRelationship" : "onExistingRelationship");
  if (request_content == nullptr || !request_content->is_object()) {
    throw request_errors::Unexpected(
        "The request content is undefined. This can happen when there were invalid params when executing "
        "createAndCompleteFromRelationshipTemplateResponse.");
  }
  const std::string request_id(response.at("requestId").as_string());
  // The template's request is a nested member of its content: stored as the top-level Request.
  CreateRecord(tx, request_id, content::NormalizeRequest(request_content->get_object()), peer);
  {
    auto draft = GetOrThrow(tx, request_id, events);
    draft.ChangeStatus(LocalRequestStatus::kOpen);
    draft.source = LocalRequestSource{"RelationshipTemplate", template_id};
    LocalRequests::Update(tx, draft);
  }
  auto request = CompleteRecord(tx, request_id, response_source, response_created_at, response, events);
  events.Add("consumption.outgoingRequestCreatedAndCompleted", request.ToDto());
  if (response_source.type == "Relationship") {
    events.Add("consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted", request.ToDto());
  }
  return request;
}

void OutgoingRequestsController::Discard(storage::Transaction& tx, const std::string& id,
                                         transport::PendingEvents& events) const {
  const auto request = GetOrThrow(tx, id, events);
  AssertStatus(request, {LocalRequestStatus::kDraft});
  LocalRequests::Delete(tx, request);
}

std::optional<LocalRequest> OutgoingRequestsController::Get(storage::Transaction& tx, const std::string& id,
                                                            transport::PendingEvents& events) const {
  return LocalRequests::Get(tx, id, true, events);
}

LocalRequest OutgoingRequestsController::GetOrThrow(storage::Transaction& tx, const std::string& id,
                                                    transport::PendingEvents& events) const {
  return LocalRequests::GetOrThrow(tx, id, true, events);
}

std::vector<LocalRequest> OutgoingRequestsController::Find(storage::Transaction& tx, storage::Filter filter,
                                                           transport::PendingEvents& events) const {
  return LocalRequests::Find(tx, std::move(filter), true, events);
}

}  // namespace nmshd::consumption
