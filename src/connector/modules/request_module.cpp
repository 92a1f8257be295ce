#include "connector/modules/request_module.h"

#include "base/coded_error.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/requests/local_requests.h"
#include "consumption/requests/request_errors.h"
#include "content/requests/request_content.h"
#include "core/core_date.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using consumption::LocalRequest;
using consumption::LocalRequests;
using consumption::LocalRequestSource;
using consumption::LocalRequestStatus;

constexpr std::string_view kTemplates = "relationshipTemplates";
constexpr std::string_view kRelationships = "relationships";

logging::Logger Log() { return logging::GetLogger("modules.request"); }

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

const js::object& ObjectOf(const js::object& o, std::string_view key) {
  static const js::object kEmpty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->get_object() : kEmpty;
}

const js::array& ArrayOf(const js::object& o, std::string_view key) {
  static const js::array kEmpty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : kEmpty;
}

// The relationships to `peer` in the given statuses (all when empty), oldest first.
std::vector<js::object> RelationshipsTo(storage::Transaction& tx, const std::string& peer,
                                        std::vector<js::value> statuses = {}) {
  storage::Query query;
  query.Where(storage::Condition::Equals("peer", js::value(peer)));
  if (!statuses.empty()) query.Where(storage::Condition::In("status", std::move(statuses)));
  std::vector<js::object> out;
  for (auto& doc : tx.Find(kRelationships, query)) out.push_back(std::move(doc.body));
  return out;
}

std::vector<LocalRequest> IncomingRequests(storage::Transaction& tx, storage::Filter filter,
                                           transport::PendingEvents& events) {
  return LocalRequests::Find(tx, std::move(filter), false, events);
}

js::object TemplateProcessed(const js::object& template_dto, std::string_view result) {
  return js::object{{"template", template_dto}, {"result", result}};
}

}  // namespace

RequestModule::RequestModule(consumption::ConsumptionContext& ctx, consumption::IncomingRequestsController& incoming,
                             consumption::OutgoingRequestsController& outgoing, const DeciderModule& decider,
                             transport::Messages& messages, transport::Relationships& relationships,
                             transport::RelationshipTemplates& templates)
    : ctx_(ctx),
      incoming_(incoming),
      outgoing_(outgoing),
      decider_(decider),
      messages_(messages),
      relationships_(relationships),
      templates_(templates) {}

RequestModule::~RequestModule() { Stop(); }

void RequestModule::Install() {
  messages_.AddReceivedObserver([this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents& e) {
    OnMessageReceived(tx, dto, e);
  });
  messages_.AddSentObserver([this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents& e) {
    OnMessageSent(tx, dto, e);
  });
  messages_.SetSendContentValidator(
      [this](storage::Transaction& tx, const std::vector<std::string>& recipients, const js::object& content) {
        ValidateRequestAsMessageContent(tx, recipients, content);
      });
  relationships_.AddChangeObserver([this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents& e) {
    OnRelationshipChanged(tx, dto, e);
  });
  relationships_.SetCreationContentValidator(
      [this](const transport::LocalTemplate& t, const js::object& content) { ValidateCreationContent(t, content); });
  templates_.AddPeerLoadedObserver([this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents& e) {
    OnPeerTemplateLoaded(tx, dto, e);
  });
}

// ---------------------------------------------------------------------------------------------
// Incoming requests: receipt and decision

std::optional<LocalRequest> RequestModule::ReceiveAndDecide(storage::Transaction& tx, const js::value& content,
                                                            const LocalRequestSource& source, const std::string& peer,
                                                            const std::string& template_expires_at,
                                                            transport::PendingEvents& events,
                                                            std::string& result) const {
  result.clear();
  LocalRequest request;
  try {
    request = incoming_.Received(tx, content::NormalizeRequest(content), source, peer, template_expires_at, events);
  } catch (const std::exception& e) {
    Log().Error("Could not receive the request of {} {}: {}", source.type, source.reference, e.what());
    return std::nullopt;
  }
  try {
    request = incoming_.CheckPrerequisites(tx, request.id, events);
  } catch (const std::exception& e) {
    Log().Error("Could not check prerequisites for request {}: {}", request.id, e.what());
    return std::nullopt;
  }
  if (request.status == LocalRequestStatus::kDecisionRequired) {
    result = decider_.Decide(tx, request, events);
    if (auto current = incoming_.Get(tx, request.id, events)) request = std::move(*current);
  }
  return request;
}

void RequestModule::OnMessageReceived(storage::Transaction& tx, const js::object& message,
                                      transport::PendingEvents& events) const {
  const auto& content = ObjectOf(message, "content");
  const auto type = StringOf(content, "@type");
  const auto message_id = StringOf(message, "id");
  const auto sender = StringOf(message, "createdBy");
  if (type == "Request") {
    std::string result;
    ReceiveAndDecide(tx, content, LocalRequestSource{"Message", message_id}, sender, "", events, result);
    // The Decider reports the message as processed (DeciderModule.publishEvent).
    if (!result.empty()) events.Add("consumption.messageProcessed", js::object{{"message", message}, {"result", result}});
    return;
  }
  if (type == "ResponseWrapper") {
    try {
      const auto wrapper = content::NormalizeResponseWrapper(content);
      const auto& response = wrapper.at("response").as_object();
      const auto created_at = StringOf(message, "createdAt");
      if (StringOf(wrapper, "requestSourceType") == "Message") {
        const auto request_id = StringOf(response, "requestId");
        const auto request = outgoing_.Get(tx, request_id, events);
        if (!request) throw consumption::request_errors::RecordNotFound();
        // Not checked officially: only the peer the request went to may answer it.
        if (request->peer != sender) {
          throw CodedError("error.runtime.unknown", "The Response was not sent by the peer of the Request.");
        }
        outgoing_.Complete(tx, request_id, LocalRequestSource{"Message", message_id}, created_at, response, events);
      } else {
        const auto template_id = StringOf(wrapper, "requestSourceReference");
        const auto stored = tx.Get(kTemplates, template_id);
        if (!stored || !stored->at("isOwn").as_bool()) {
          throw CodedError("error.runtime.recordNotFound", "RelationshipTemplate not found.");
        }
        outgoing_.CreateAndCompleteFromRelationshipTemplateResponse(
            tx, template_id, content::NormalizeRelationshipTemplateContent(stored->at("content")), sender,
            LocalRequestSource{"Message", message_id}, false, created_at, response, events);
      }
    } catch (const std::exception& e) {
      Log().Error("Could not complete the outgoing request answered by message {}: {}", message_id, e.what());
    }
  }
  events.Add("consumption.messageProcessed", js::object{{"message", message}, {"result", "NoRequest"}});
}

void RequestModule::OnPeerTemplateLoaded(storage::Transaction& tx, const js::object& template_dto,
                                         transport::PendingEvents& events) const {
  if (const auto* own = template_dto.if_contains("isOwn"); own != nullptr && own->is_bool() && own->get_bool()) return;
  const auto template_id = StringOf(template_dto, "id");
  const auto& raw_content = ObjectOf(template_dto, "content");
  if (StringOf(raw_content, "@type") != "RelationshipTemplateContent") {
    events.Add("consumption.relationshipTemplateProcessed", TemplateProcessed(template_dto, "NoRequest"));
    return;
  }
  auto processed = [&](std::string_view result, std::string_view key = {}, std::string_view id = {}) {
    auto data = TemplateProcessed(template_dto, result);
    if (!key.empty()) data[key] = id;
    events.Add("consumption.relationshipTemplateProcessed", std::move(data));
  };
  js::object body;
  try {
    body = content::NormalizeRelationshipTemplateContent(raw_content);
  } catch (const std::exception& e) {
    Log().Error("The content of the RelationshipTemplate {} is invalid: {}", template_id, e.what());
    processed("Error");
    return;
  }
  const auto creator = StringOf(template_dto, "createdBy");

  storage::Filter from_template;
  from_template.Where(storage::Condition::Equals("source.reference", js::value(template_id)));
  for (const auto& r : IncomingRequests(tx, from_template, events)) {
    if (r.status != LocalRequestStatus::kCompleted) {
      Log().Info("There is already an open Request for the RelationshipTemplate '{}'.", template_id);
      processed("NonCompletedRequestExists", "requestId", r.id);
      return;
    }
  }
  const auto relationships = RelationshipsTo(tx, creator);
  for (const char* blocking : {"Pending", "Terminated|DeletionProposed"}) {
    for (const auto& r : relationships) {
      const auto status = StringOf(r, "status");
      const bool match = std::string_view(blocking) == "Pending" ? status == "Pending"
                                                                  : (status == "Terminated" || status == "DeletionProposed");
      if (match) {
        processed("RelationshipExists", "relationshipId", StringOf(r, "id"));
        return;
      }
    }
  }
  auto receive = [&](const js::object& request_content) {
    if (const auto* expires = request_content.if_contains("expiresAt"); expires != nullptr && expires->is_string() &&
                                                                         core::CoreDate::Parse(expires->get_string()) <
                                                                             core::CoreDate::Now()) {
      processed("RequestExpired");
      return;
    }
    std::string result;
    auto request = ReceiveAndDecide(tx, request_content, LocalRequestSource{"RelationshipTemplate", template_id}, creator,
                                    StringOf(template_dto, "expiresAt"), events, result);
    if (!request) {
      processed("Error");
    } else if (!result.empty()) {
      processed(result, "requestId", request->id);
    }
  };
  for (const auto& r : relationships) {
    if (StringOf(r, "status") != "Active") continue;
    if (const auto* existing = body.if_contains("onExistingRelationship"); existing != nullptr && existing->is_object()) {
      receive(existing->get_object());
      return;
    }
    Log().Info("There is already an active Relationship to the creator of the RelationshipTemplate '{}' and an "
               "onExistingRelationship Request is not defined.",
               template_id);
    processed("RelationshipExists", "relationshipId", StringOf(r, "id"));
    return;
  }
  storage::Filter leading_to_relationship;
  leading_to_relationship.Where(storage::Condition::Equals("source.type", js::value("RelationshipTemplate")))
      .Where(storage::Condition::Equals("peer", js::value(creator)))
      .Where(storage::Condition::In("status", {js::value("Open"), js::value("DecisionRequired"),
                                               js::value("ManualDecisionRequired"), js::value("Decided")}));
  const auto others = IncomingRequests(tx, leading_to_relationship, events);
  if (!others.empty()) {
    processed("NonCompletedRequestExists", "requestId", others.front().id);
    return;
  }
  receive(body.at("onNewRelationship").as_object());
}

// ---------------------------------------------------------------------------------------------
// Outgoing requests and responses we sent

void RequestModule::OnMessageSent(storage::Transaction& tx, const js::object& message,
                                  transport::PendingEvents& events) const {
  const auto& content = ObjectOf(message, "content");
  const auto type = StringOf(content, "@type");
  const auto message_id = StringOf(message, "id");
  try {
    if (type == "Request") {
      outgoing_.Sent(tx, StringOf(content, "id"), message_id, events);
    } else if (type == "ResponseWrapper") {
      // Our answer to an incoming request (Respond): completed with the message that carried it.
      const auto request = incoming_.Get(tx, StringOf(content, "requestId"), events);
      if (request && request->status == LocalRequestStatus::kDecided) {
        incoming_.Complete(tx, request->id, LocalRequestSource{"Message", message_id}, events);
      }
    }
  } catch (const std::exception& e) {
    Log().Error("Could not process the sent message {}: {}", message_id, e.what());
  }
}

void RequestModule::ValidateRequestAsMessageContent(storage::Transaction& tx, const std::vector<std::string>& recipients,
                                                    const js::object& content) const {
  if (StringOf(content, "@type") != "Request") return;
  const auto request = content::NormalizeRequest(content);
  const auto id = StringOf(request, "id");
  if (id.empty()) throw consumption::request_errors::InvalidPropertyValue("The Request must have an id.");
  // The stored record as it is: a check must not write (expiry is judged from the content below).
  const auto doc = tx.Get(LocalRequests::kCollection, id);
  if (!doc) throw consumption::request_errors::RequestNotFound();
  const auto local = LocalRequest::FromDocument(*doc);
  if (!local.is_own) throw consumption::request_errors::RequestNotFound();
  if (request != local.content) {
    throw consumption::request_errors::InvalidPropertyValue(
        "The sent Request must have the same content as the LocalRequest.");
  }
  if (const auto* expires = request.if_contains("expiresAt");
      expires != nullptr && expires->is_string() &&
      core::CoreDate::Parse(expires->get_string()) < core::CoreDate::Now()) {
    throw consumption::request_errors::CannotSendMessageWithExpiredRequest();
  }
  if (recipients.empty() || recipients.front() != local.peer) {
    throw consumption::request_errors::InvalidPropertyValue("The recipient does not match the Request's peer.");
  }
  if (local.status != LocalRequestStatus::kDraft) throw consumption::request_errors::CannotSendRequestThatWasAlreadySent();
}

// ---------------------------------------------------------------------------------------------
// Relationships

void RequestModule::OnRelationshipChanged(storage::Transaction& tx, const js::object& relationship,
                                          transport::PendingEvents& events) const {
  const auto status = StringOf(relationship, "status");
  if (status == "Rejected" || status == "Revoked" || status == "DeletionProposed") {
    // What was exchanged with the peer goes (Rejected/Revoked) or is marked as deleted by the other
    // side (DeletionProposed), as the official module does. Its use cases' failures only reach its
    // log, so a failure here must not roll back the relationship change either.
    const consumption::AttributesController attributes(ctx_);
    try {
      if (status == "DeletionProposed") {
        attributes.SetAttributeDeletionInfoOfDeletionProposedRelationship(tx, StringOf(relationship, "id"));
      } else {
        attributes.DeleteSharedAttributesForRejectedOrRevokedRelationship(tx, StringOf(relationship, "id"), events);
      }
    } catch (const CodedError& e) {
      logging::GetLogger("connector.requestModule")
          .Error("attributes exchanged in relationship {} not updated for status {}: {}", StringOf(relationship, "id"),
                 status, e.what());
    }
    return;
  }
  if (status != "Pending") return;
  const auto& audit_log = ArrayOf(relationship, "auditLog");
  if (audit_log.empty() || !audit_log.front().is_object()) return;
  const auto& first = audit_log.front().get_object();
  const auto relationship_id = StringOf(relationship, "id");
  const auto template_id = StringOf(relationship, "templateId");
  try {
    if (StringOf(first, "createdBy") == ctx_.self_address) {
      // We created it answering a template request (Respond): that request is Completed with it.
      if (audit_log.size() != 1) return;
      storage::Filter decided;
      decided.Where(storage::Condition::Equals("source.reference", js::value(template_id)))
          .Where(storage::Condition::Equals("status", js::value("Decided")));
      for (const auto& request : IncomingRequests(tx, decided, events)) {
        incoming_.Complete(tx, request.id, LocalRequestSource{"Relationship", relationship_id}, events);
      }
      return;
    }
    // A peer answered the request of one of our templates by creating this relationship.
    const auto stored = tx.Get(kTemplates, template_id);
    if (!stored) {
      Log().Error("Could not get template with id '{}'.", template_id);
      return;
    }
    if (StringOf(ObjectOf(*stored, "content"), "@type") != "RelationshipTemplateContent") return;
    const auto& creation_content = ObjectOf(relationship, "creationContent");
    if (StringOf(creation_content, "@type") != "RelationshipCreationContent") {
      Log().Error("The creation content of relationshipId {} is not of type RelationshipCreationContent.",
                  relationship_id);
      return;
    }
    const auto normalized = content::NormalizeRelationshipCreationContent(creation_content);
    outgoing_.CreateAndCompleteFromRelationshipTemplateResponse(
        tx, template_id, content::NormalizeRelationshipTemplateContent(stored->at("content")),
        StringOf(relationship, "peer"), LocalRequestSource{"Relationship", relationship_id}, audit_log.size() == 1,
        StringOf(first, "createdAt"), normalized.at("response").as_object(), events);
  } catch (const std::exception& e) {
    Log().Error("Could not process the requests of relationship {} (template {}): {}", relationship_id, template_id,
                e.what());
  }
}

void RequestModule::ValidateCreationContent(const transport::LocalTemplate& peer_template,
                                            const js::object& creation_content) const {
  const auto normalized = content::NormalizeRelationshipCreationContent(creation_content);
  transport::PendingEvents ignored;  // a read: lazy expiry is left to the next read that publishes
  auto tx = ctx_.db.Begin(storage::TransactionMode::kReadOnly);
  storage::Query query;
  query.Where(storage::Condition::Equals("isOwn", false))
      .Where(storage::Condition::Equals("status", js::value("Decided")))
      .Where(storage::Condition::Equals("source.reference", js::value(peer_template.id)))
      .Where(storage::Condition::Equals("response.content.result", js::value("Accepted")));
  query.OrderBy("createdAt");
  const auto accepted = tx->Find(LocalRequests::kCollection, query);
  if (accepted.empty()) throw consumption::request_errors::NoAcceptedIncomingRequest();
  const auto request = LocalRequest::FromDocument(accepted.front().body);
  if (request.response->content != normalized.at("response")) {
    throw consumption::request_errors::WrongResponseProvidedAsCreationContent();
  }
}

// ---------------------------------------------------------------------------------------------
// The responder

void RequestModule::Respond(const std::string& request_id) {
  std::optional<LocalRequest> request;
  {
    transport::PendingEvents events;
    request = ctx_.db.WithTransaction([&](storage::Transaction& tx) { return incoming_.Get(tx, request_id, events); });
    events.PublishTo(ctx_.events);
  }
  if (!request || request->status != LocalRequestStatus::kDecided || !request->source) return;
  try {
    if (request->source->type == "Message") {
      RespondViaMessage(*request);
      return;
    }
    bool active = false;
    {
      auto tx = ctx_.db.Begin(storage::TransactionMode::kReadOnly);
      active = !RelationshipsTo(*tx, request->peer, {js::value("Active")}).empty();
    }
    if (active) {
      RespondViaMessage(*request);
    } else {
      RespondViaRelationship(*request);
    }
  } catch (const std::exception& e) {
    Log().Error("Could not send the response to the request '{}' (it stays Decided and is answered at the next "
                "start): {}",
                request_id, e.what());
  }
}

void RequestModule::RespondViaMessage(const LocalRequest& request) {
  const auto wrapper = content::NormalizeResponseWrapper(js::object{{"@type", "ResponseWrapper"},
                                                                    {"requestId", request.id},
                                                                    {"requestSourceReference", request.source->reference},
                                                                    {"requestSourceType", request.source->type},
                                                                    {"response", request.response->content}});
  // OnMessageSent completes the request in the transaction that stores the message.
  messages_.Send(js::object{{"recipients", js::array{js::value(request.peer)}}, {"content", wrapper}});
}

void RequestModule::RespondViaRelationship(const LocalRequest& request) {
  if (request.response->content.at("result") == "Rejected") {
    transport::PendingEvents events;
    ctx_.db.WithTransaction(
        [&](storage::Transaction& tx) { incoming_.Complete(tx, request.id, std::nullopt, events); });
    events.PublishTo(ctx_.events);
    return;
  }
  const auto creation_content = content::NormalizeRelationshipCreationContent(
      js::object{{"@type", "RelationshipCreationContent"}, {"response", request.response->content}});
  // OnRelationshipChanged completes the request in the transaction that stores the relationship.
  relationships_.Create(
      js::object{{"templateId", request.source->reference}, {"creationContent", creation_content}});
}

void RequestModule::Enqueue(std::string request_id) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  queue_.push_back(std::move(request_id));
  wake_.notify_one();
}

void RequestModule::Start(EventBus& bus) {
  if (subscription_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  bus_ = &bus;
  subscription_ = bus.Subscribe("consumption.incomingRequestStatusChanged", [this](const Event& event) {
    if (!event.data || !event.data->is_object()) return;
    const auto& data = event.data->get_object();
    if (StringOf(data, "newStatus") != "Decided") return;
    Enqueue(StringOf(ObjectOf(data, "request"), "id"));
  });
  // Recovery: decisions whose response was not sent (crash, Backbone unreachable).
  std::vector<std::string> decided;
  {
    transport::PendingEvents events;
    ctx_.db.WithTransaction([&](storage::Transaction& tx) {
      storage::Filter filter;
      filter.Where(storage::Condition::Equals("status", js::value("Decided")));
      for (const auto& r : IncomingRequests(tx, filter, events)) decided.push_back(r.id);
    });
    events.PublishTo(ctx_.events);
  }
  for (auto& id : decided) Enqueue(std::move(id));
  worker_ = std::thread([this] { Run(); });
}

void RequestModule::Stop() {
  if (subscription_ && bus_ != nullptr) {
    bus_->Unsubscribe(*subscription_);
    subscription_.reset();
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void RequestModule::Run() {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = std::move(queue_.front());
      queue_.pop_front();
    }
    logging::CorrelationScope scope(logging::NewCorrelationId());
    Respond(id);
  }
}

}  // namespace nmshd::connector
