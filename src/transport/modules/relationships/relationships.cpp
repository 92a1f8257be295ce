#include "transport/modules/relationships/relationships.h"

#include "base/js_json.h"
#include "core/core_date.h"
#include "core/identity_address.h"
#include "transport/backbone/backbone_error.h"
#include "transport/modules/relationships/relationship_errors.h"
#include "transport/modules/relationships/relationship_record.h"
#include "transport/modules/relationships/relationship_requests.h"
#include "transport/transmission/relationship_creation_content.h"
#include "transport/transmission/relationship_creation_response.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
namespace errors = relationship_errors;
namespace record_ns = relationship_record;
using relationship_requests::ValidateRelationshipId;

constexpr std::string_view kPending = "Pending";
constexpr std::string_view kActive = "Active";
constexpr std::string_view kTerminated = "Terminated";
constexpr std::string_view kDeletionProposed = "DeletionProposed";
constexpr std::string_view kReactivationRequested = "ReactivationRequested";

constexpr std::string_view kRelationshipChanged = "transport.relationshipChanged";
constexpr std::string_view kReactivationRequestedEvent = "transport.relationshipReactivationRequested";
constexpr std::string_view kReactivationCompletedEvent = "transport.relationshipReactivationCompleted";
constexpr std::string_view kDecomposedBySelf = "transport.relationshipDecomposedBySelf";

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The runtime's UseCase.handleRequestError: a Backbone "not found" becomes the runtime's
// recordNotFound with the Backbone's reason; everything else goes on as it is.
template <class Call>
auto CallBackbone(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const BackboneError& e) {
    if (e.code() == "error.platform.recordNotFound") throw CodedError("error.runtime.recordNotFound", e.reason());
    throw;
  }
}

js::object FailedCheck(const std::string& code, const std::string& message) {
  return js::object{{"isSuccess", false}, {"code", code}, {"message", message}};
}

}  // namespace

Relationships::Relationships(TransportContext& ctx, RelationshipTemplates& templates)
    : ctx_(ctx), templates_(templates) {
  ctx_.db.EnsureIndex(kCollection, storage::IndexSpec{"peer", {"peer"}, false});
}

void Relationships::SetCreationContentValidator(CreationContentValidator validator) {
  creation_content_validator_ = std::move(validator);
}

void Relationships::AddDecompositionCleanup(DecompositionCleanup cleanup) {
  decomposition_cleanups_.push_back(std::move(cleanup));
}

const std::string& Relationships::OwnAddress() const { return ctx_.account.address(); }

js::object Relationships::ToDto(const js::object& record) { return record_ns::ToDto(record); }

js::object Relationships::LoadRecord(const std::string& id) {
  auto record = ctx_.db.Get(kCollection, id);
  if (!record) throw errors::RecordNotFound("Relationship");
  return std::move(*record);
}

js::object Relationships::Get(const std::string& id) {
  ValidateRelationshipId(id, "id");
  return ToDto(LoadRecord(id));
}

js::array Relationships::List(const storage::QueryParameters& query) {
  storage::Query q;
  q.filter = relationship_requests::ParseRelationshipsQuery(query);
  js::array result;
  for (const auto& doc : ctx_.db.Find(kCollection, q)) result.push_back(ToDto(doc.body));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Creation (requestor side)

void Relationships::CheckCanSend(const LocalTemplate& peer_template) {
  const auto& peer = peer_template.creator_address;
  storage::Query existing;
  existing.Where(storage::Condition::Equals("peer", js::value(peer)))
      .Where(storage::Condition::In("status", {js::value(kPending), js::value(kActive), js::value(kTerminated),
                                               js::value(kDeletionProposed)}));
  const auto found = ctx_.db.Find(kCollection, existing);
  if (!found.empty()) throw errors::RelationshipCurrentlyExists(StringOf(found.front().body, "status"));

  if (!peer_template.expires_at.empty() &&
      core::CoreDate::Parse(peer_template.expires_at) < core::CoreDate::Now()) {
    throw errors::RelationshipTemplateIsExpired(peer_template.id);
  }

  js::object answer;
  try {
    answer = ctx_.backbone.Get("/api/v2/Relationships/CanCreate", {{"peer", peer}}).as_object();
  } catch (const BackboneError& e) {
    if (e.code() == "error.platform.recordNotFound" && e.reason().find("Identity not found.") != std::string::npos) {
      throw errors::DeletedOwnerOfRelationshipTemplate();
    }
    throw;
  }
  const auto* can_create = answer.if_contains("canCreate");
  if (can_create != nullptr && can_create->is_bool() && can_create->get_bool()) return;
  const auto code = StringOf(answer, "code");
  if (code == "error.platform.validation.relationship.relationshipToTargetAlreadyExists") {
    throw errors::RelationshipNotYetDecomposedByPeer();
  }
  if (code == "error.platform.validation.relationship.peerIsToBeDeleted") {
    throw errors::ActiveIdentityDeletionProcessOfOwnerOfRelationshipTemplate();
  }
  throw TransportCoreError(code.empty() ? "error.unknown" : code, "Operation failed unexpectedly.");
}

js::object Relationships::CheckContent(const LocalTemplate& peer_template, const js::value& creation_content) {
  auto content = relationship_requests::CheckCreationContent(creation_content, peer_template.content);
  const auto* type = peer_template.content.is_object() ? peer_template.content.as_object().if_contains("@type")
                                                       : nullptr;
  if (type != nullptr && type->is_string() && type->as_string() == relationship_requests::kTemplateContent) {
    if (!creation_content_validator_) throw errors::NoAcceptedIncomingRequest();
    creation_content_validator_(peer_template, content);
  }
  return content;
}

js::object Relationships::CanCreate(const js::value& body) {
  const auto request = relationship_requests::ParseTemplateAndContent(body, false);
  const auto peer_template = templates_.Find(request.template_id);
  if (!peer_template) {
    const auto e = errors::RecordNotFound("RelationshipTemplate");
    return FailedCheck(e.code(), e.what());
  }
  try {
    CheckCanSend(*peer_template);
  } catch (const TransportCoreError& e) {
    return FailedCheck(e.code(), e.reason());
  }
  if (request.creation_content) {
    try {
      CheckContent(*peer_template, *request.creation_content);
    } catch (const CodedError& e) {
      return FailedCheck(e.code(), e.what());
    }
  }
  return js::object{{"isSuccess", true}};
}

js::object Relationships::Create(const js::value& body) {
  const auto request = relationship_requests::ParseTemplateAndContent(body, true);
  const auto peer_template = templates_.Find(request.template_id);
  if (!peer_template) throw errors::RecordNotFound("RelationshipTemplate");
  CheckCanSend(*peer_template);
  const auto content = CheckContent(*peer_template, *request.creation_content);

  const PublicIdentity own{core::IdentityAddress::Parse(ctx_.account.address()), ctx_.account.identity_public_key()};
  const PublicIdentity peer{core::IdentityAddress::Parse(peer_template->creator_address),
                            peer_template->creator_public_key};
  const TemplatePublicKey template_key{peer_template->template_key_id, peer_template->template_key_public};
  auto prepared = PrepareCreationContent(own, ctx_.account.device_keys().privateKey(), peer_template->id,
                                         template_key, peer_template->creator_public_key, content);
  const auto created = CallBackbone([&] {
                         return ctx_.backbone.Post("/api/v2/Relationships",
                                                   js::object{{"relationshipTemplateId", peer_template->id},
                                                              {"creationContent", prepared.creation_content}});
                       }).as_object();
  const std::string id(json::RequireString(created, "id", "Relationship"));
  auto record = record_ns::NewRecord(created, peer, content,
                                     record_ns::SealRequestSecrets(ctx_.box, id, prepared.secrets));
  record["status"] = kPending;  // Relationship.fromBackboneAndCreationContent
  auto dto = ToDto(record);
  PendingEvents pending;
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Insert(kCollection, id, record);
    pending.Add(std::string(kRelationshipChanged), dto);
    change_observers_.Notify(tx, dto, pending);
  });
  pending.PublishTo(ctx_.events);
  return dto;
}

// ---------------------------------------------------------------------------------------------
// Decisions and life cycle

void Relationships::CheckOperation(Operation op, const js::object& record) {
  const auto id = StringOf(record, "id");
  const auto status = StringOf(record, "status");
  const auto peer = StringOf(record, "peer");
  const auto* last = record_ns::LastAuditLogEntry(record);
  const bool last_by_peer = last != nullptr && StringOf(*last, "createdBy") == peer;
  const bool reactivation_requested = last != nullptr && StringOf(*last, "reason") == kReactivationRequested;
  auto require_status = [&](std::string_view wanted) {
    if (status != wanted) throw errors::WrongRelationshipStatus(id, status);
  };
  switch (op) {
    case Operation::kAccept:
      require_status(kPending);
      if (!last_by_peer) throw errors::OperationOnlyAllowedForPeer("Only your peer can accept the relationship " + id);
      return;
    case Operation::kReject:
      require_status(kPending);
      if (!last_by_peer) {
        throw errors::OperationOnlyAllowedForPeer("Only your peer can reject the relationship " + id +
                                                  ". Revoke the relationship instead.");
      }
      return;
    case Operation::kRevoke:
      require_status(kPending);
      if (last_by_peer) {
        throw errors::OperationOnlyAllowedForPeer("Only your peer can revoke the relationship " + id +
                                                  ". Reject the relationship instead.");
      }
      return;
    case Operation::kTerminate:
      require_status(kActive);
      return;
    case Operation::kRequestReactivation:
      require_status(kTerminated);
      if (reactivation_requested) {
        if (last_by_peer) {
          throw errors::ReactivationAlreadyRequested(
              "Your peer has already requested the reactivation of the relationship " + id +
              ". You can accept the reactivation instead.");
        }
        throw errors::ReactivationAlreadyRequested(
            "You have already requested the reactivation of the relationship " + id + ".");
      }
      return;
    case Operation::kRejectReactivation:
      require_status(kTerminated);
      if (!reactivation_requested) throw errors::ReactivationNotRequested(id);
      if (!last_by_peer) {
        throw errors::OperationOnlyAllowedForPeer("Only your peer can reject the reactivation of the relationship " +
                                                  id + ". Revoke the relationship reactivation instead.");
      }
      return;
    case Operation::kRevokeReactivation:
      require_status(kTerminated);
      if (!reactivation_requested) throw errors::ReactivationNotRequested(id);
      if (last_by_peer) {
        throw errors::OperationOnlyAllowedForPeer("Only your peer can revoke the reactivation of the relationship " +
                                                  id + ". Reject the relationship reactivation instead.");
      }
      return;
    case Operation::kAcceptReactivation:
      require_status(kTerminated);
      if (!reactivation_requested) throw errors::ReactivationNotRequested(id);
      if (!last_by_peer) {
        throw errors::OperationOnlyAllowedForPeer("Only your peer can accept the reactivation of the relationship " +
                                                  id + ".");
      }
      return;
  }
}

js::object Relationships::Complete(Operation op, const std::string& id) {
  ValidateRelationshipId(id);
  const auto record = LoadRecord(id);
  CheckOperation(op, record);

  std::string suffix;
  switch (op) {
    case Operation::kAccept: suffix = "/Accept"; break;
    case Operation::kReject: suffix = "/Reject"; break;
    case Operation::kRevoke: suffix = "/Revoke"; break;
    case Operation::kTerminate: suffix = "/Terminate"; break;
    case Operation::kRequestReactivation: suffix = "/Reactivate"; break;
    case Operation::kAcceptReactivation: suffix = "/Reactivate/Accept"; break;
    case Operation::kRejectReactivation: suffix = "/Reactivate/Reject"; break;
    case Operation::kRevokeReactivation: suffix = "/Reactivate/Revoke"; break;
  }

  js::object body;
  if (op == Operation::kAccept) {
    auto secrets = record_ns::OpenSecrets(ctx_.box, record);
    if (!secrets.full) throw errors::TransportRecordNotFound("CryptoRelationshipSecrets");
    auto prepared = PrepareCreationResponse(ctx_.account.device_keys().privateKey(), id, std::move(*secrets.full));
    // The response used a transmit counter value: keep the advanced secrets before anything is sent.
    const auto sealed = record_ns::SealFullSecrets(ctx_.box, id, prepared.secrets);
    ctx_.db.WithTransaction([&](storage::Transaction& tx) {
      auto current = tx.Get(kCollection, id);
      if (!current) throw errors::RecordNotFound("Relationship");
      (*current)["secrets"] = sealed;
      tx.Replace(kCollection, id, *current);
    });
    body["creationResponseContent"] = prepared.creation_response_content;
  }

  const auto response = CallBackbone([&] {
                          return ctx_.backbone.Put("/api/v2/Relationships/" + id + suffix, body);
                        }).as_object();

  js::object dto;
  PendingEvents pending;
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    auto current = tx.Get(kCollection, id);
    if (!current) throw errors::RecordNotFound("Relationship");
    record_ns::ApplyBackboneState(*current, response);
    tx.Replace(kCollection, id, *current);
    dto = ToDto(*current);
    pending.Add(std::string(kRelationshipChanged), dto);
    if (op == Operation::kRequestReactivation) pending.Add(std::string(kReactivationRequestedEvent), dto);
    if (op == Operation::kAcceptReactivation || op == Operation::kRejectReactivation ||
        op == Operation::kRevokeReactivation) {
      pending.Add(std::string(kReactivationCompletedEvent), dto);
    }
    change_observers_.Notify(tx, dto, pending);
  });
  pending.PublishTo(ctx_.events);
  return dto;
}

js::object Relationships::Accept(const std::string& id) { return Complete(Operation::kAccept, id); }
js::object Relationships::Reject(const std::string& id) { return Complete(Operation::kReject, id); }
js::object Relationships::Revoke(const std::string& id) { return Complete(Operation::kRevoke, id); }
js::object Relationships::Terminate(const std::string& id) { return Complete(Operation::kTerminate, id); }
js::object Relationships::RequestReactivation(const std::string& id) {
  return Complete(Operation::kRequestReactivation, id);
}
js::object Relationships::AcceptReactivation(const std::string& id) {
  return Complete(Operation::kAcceptReactivation, id);
}
js::object Relationships::RejectReactivation(const std::string& id) {
  return Complete(Operation::kRejectReactivation, id);
}
js::object Relationships::RevokeReactivation(const std::string& id) {
  return Complete(Operation::kRevokeReactivation, id);
}

void Relationships::Decompose(const std::string& id) {
  ValidateRelationshipId(id);
  const auto record = LoadRecord(id);
  const auto status = StringOf(record, "status");
  if (status != kTerminated && status != kDeletionProposed) throw errors::WrongRelationshipStatus(id, status);
  // Backbone first, so nothing is deleted locally when it refuses.
  CallBackbone([&] { return ctx_.backbone.Put("/api/v2/Relationships/" + id + "/Decompose", js::object{}); });
  const auto dto = ToDto(record);
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Delete(kCollection, id);
    for (const auto& cleanup : decomposition_cleanups_) cleanup(tx, dto);
  });
  ctx_.events.Publish({std::string(kDecomposedBySelf), js::object{{"relationshipId", id}}});
}

}  // namespace nmshd::transport
