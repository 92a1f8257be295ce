#include "content/relationships.h"

#include <algorithm>
#include <set>

#include "api/api_errors.h"
#include "content/content_common.h"
#include "content/content_store.h"
#include "content/messages.h"
#include "content/relationship_templates.h"
#include "core/backbone_ids.h"
#include "sync/external_events.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::content {

namespace {

using storage::Condition;

constexpr std::string_view kRecord = "Relationship";
constexpr std::string_view kPrefix = core::backbone_ids::kRelationship;

constexpr std::string_view kPending = "Pending";
constexpr std::string_view kActive = "Active";
constexpr std::string_view kRejected = "Rejected";
constexpr std::string_view kRevoked = "Revoked";
constexpr std::string_view kTerminated = "Terminated";
constexpr std::string_view kDeletionProposed = "DeletionProposed";
constexpr std::string_view kReadyForDeletion = "ReadyForDeletion";

constexpr std::string_view kReactivationRequested = "ReactivationRequested";

CodedError DomainError(std::string_view code_suffix, const std::string& message) {
  return CodedError("error.platform.validation.relationship." + std::string(code_suffix), message);
}

CodedError NotInCorrectStatus(std::initializer_list<std::string_view> expected) {
  std::string joined;
  for (auto s : expected) {
    if (!joined.empty()) joined += " or ";
    joined += s;
  }
  return DomainError("relationshipIsNotInCorrectStatus", "The relationship has to be in status '" +
                                                             joined + "' to perform this action.");
}

CodedError AlreadyExists() {
  return DomainError("relationshipToTargetAlreadyExists",
                     "A relationship to the owner of the template already exists. If the "
                     "relationship is terminated, you can reactivate it. Note that a relationship "
                     "has to be decomposed by both parties before a new one can be created.");
}

CodedError PeerIsToBeDeleted() {
  return DomainError("peerIsToBeDeleted",
                     "Cannot establish relationship with the owner of the template because the "
                     "owner is in status 'ToBeDeleted'.");
}

CodedError AlreadyDecomposed() {
  return DomainError("relationshipAlreadyDecomposed", "You already decomposed this Relationship.");
}

// Relationship.CanEstablish: another relationship of the pair that still counts.
bool BlocksNewRelationship(std::string_view status) {
  return status == kActive || status == kPending || status == kTerminated ||
         status == kDeletionProposed;
}

std::vector<storage::Document> RelationshipsOfPair(storage::Transaction& tx, std::string_view a,
                                                   std::string_view b) {
  return tx.Find(kRelationships,
                 storage::Query().Where(
                     Condition::Equals("pairKey", json::string(PairKey(a, b))).ScalarOnly()));
}

std::string PeerOf(const json::object& doc, std::string_view identity) {
  auto from = Str(doc, "from");
  return from == identity ? Str(doc, "to") : from;
}

bool HasDecomposed(const json::object& doc, std::string_view identity) {
  auto flag = [&](std::string_view key) {
    const auto* v = doc.if_contains(key);
    return v != nullptr && v->is_bool() && v->get_bool();
  };
  return (Str(doc, "from") == identity && flag("fromHasDecomposed")) ||
         (Str(doc, "to") == identity && flag("toHasDecomposed"));
}

const json::object& LastAuditEntry(const json::object& doc) {
  return doc.at("auditLog").as_array().back().as_object();
}

void AppendAudit(json::object& doc, const BackboneContext& ctx, const Caller& caller,
                 std::string_view reason, std::optional<std::string_view> old_status,
                 std::string_view new_status) {
  json::object entry;
  entry["createdAt"] = Iso(ctx.now());
  entry["createdBy"] = caller.address;
  entry["createdByDevice"] = caller.device_id;
  entry["reason"] = reason;
  entry["oldStatus"] = old_status ? json::value(*old_status) : json::value(nullptr);
  entry["newStatus"] = new_status;
  doc["auditLog"].as_array().push_back(std::move(entry));
  doc["status"] = new_status;
}

void Notify(storage::Transaction& tx, const BackboneContext& ctx, const std::string& owner,
            std::string_view type, std::string_view relationship_id) {
  AppendExternalEvent(
      tx, ctx,
      NewExternalEvent{owner, std::string(type), json::object{{"relationshipId", relationship_id}},
                       std::nullopt, false});
}

// Loads a relationship of the caller (404 for anyone else).
json::object LoadOwnRelationship(storage::Transaction& tx, std::string_view id,
                                 std::string_view caller) {
  auto doc = tx.Get(kRelationships, id);
  if (!doc || (Str(*doc, "from") != caller && Str(*doc, "to") != caller)) {
    throw RecordNotFound(kRecord);
  }
  return std::move(*doc);
}

// The Synchronization handler of a decomposition drops the decomposer's unsynced events of the
// relationship (SynchronizationDbContext.DeleteUnsyncedExternalEventsWithOwnerAndContext).
// TODO(sync): move into sync/external_events.h; until then this follows the layout documented in
// sync/sync_store.h (owner, context, syncRunId null = unsynced).
void DeleteUnsyncedEventsOf(storage::Transaction& tx, std::string_view owner,
                            std::string_view relationship_id) {
  auto events =
      tx.Find(sync::kExternalEvents,
              storage::Query()
                  .Where(Condition::Equals("context", json::string(relationship_id)).ScalarOnly())
                  .Where(Condition::Equals("owner", json::string(owner)).ScalarOnly())
                  .Where(Condition::Equals("syncRunId", nullptr).ScalarOnly()));
  for (const auto& event : events) tx.Delete(sync::kExternalEvents, event.id);
}

IdentityStatus StatusOf(storage::Transaction& tx, const IdentityStatusLookup& identities,
                        std::string_view address) {
  return identities ? identities(tx, address) : IdentityStatus::kActive;
}

}  // namespace

json::object RelationshipMetadataDto(const json::object& doc) {
  json::object dto;
  dto["id"] = doc.at("id");
  dto["relationshipTemplateId"] = doc.at("relationshipTemplateId");
  dto["from"] = doc.at("from");
  dto["to"] = doc.at("to");
  dto["createdAt"] = doc.at("createdAt");
  dto["status"] = doc.at("status");
  // Rebuilt member by member: the official key order must not depend on how a backend stores
  // nested objects.
  json::array log;
  for (const auto& e : doc.at("auditLog").as_array()) {
    const auto& entry = e.as_object();
    json::object out;
    for (auto key :
         {"createdAt", "createdBy", "createdByDevice", "reason", "oldStatus", "newStatus"}) {
      out[key] = entry.at(key);
    }
    log.push_back(std::move(out));
  }
  dto["auditLog"] = std::move(log);
  return dto;
}

json::object RelationshipDto(const json::object& doc) {
  auto dto = RelationshipMetadataDto(doc);
  dto["creationContent"] = doc.at("creationContent");
  dto["creationResponseContent"] = doc.at("creationResponseContent");
  return dto;
}

void LockRelationship(storage::Transaction& tx, std::string_view relationship_id) {
  tx.Lock("relationship:" + std::string(relationship_id));
}

std::optional<json::object> YoungestRelationship(storage::Transaction& tx, std::string_view a,
                                                 std::string_view b) {
  std::optional<json::object> youngest;
  for (auto& doc : RelationshipsOfPair(tx, a, b)) {
    if (!youngest || Str(doc.body, "createdAt") > Str(*youngest, "createdAt") ||
        (Str(doc.body, "createdAt") == Str(*youngest, "createdAt") &&
         doc.id > Str(*youngest, "id"))) {
      youngest = std::move(doc.body);
    }
  }
  return youngest;
}

json::object CanCreateRelationship(const BackboneContext& ctx, const Caller& caller,
                                   const std::optional<std::string>& peer,
                                   const IdentityStatusLookup& identities) {
  if (!peer) throw CannotBeParsed("peer", "The peer field is required.");
  RequireAddress(*peer, "address");
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto status = StatusOf(*tx, identities, *peer);
  if (status == IdentityStatus::kUnknown) throw RecordNotFound("Identity");
  if (status != IdentityStatus::kActive) {
    return json::object{{"canCreate", false}, {"code", PeerIsToBeDeleted().code()}};
  }
  for (const auto& doc : RelationshipsOfPair(*tx, caller.address, *peer)) {
    if (BlocksNewRelationship(Str(doc.body, "status"))) {
      return json::object{{"canCreate", false}, {"code", AlreadyExists().code()}};
    }
  }
  return json::object{{"canCreate", true}, {"code", nullptr}};
}

json::object CreateRelationship(const BackboneContext& ctx, const Caller& caller,
                                const json::object& body, const IdentityStatusLookup& identities) {
  auto template_id = RequiredString(body, "relationshipTemplateId");
  auto creation_content = OptionalBytes(body, "creationContent");

  // The controller first reads the template as GET /RelationshipTemplates/{id} does (validation,
  // visibility, password unless allocated, allocation), in its own transaction.
  auto template_dto = GetRelationshipTemplate(ctx, caller, template_id, std::nullopt);
  auto owner = Str(template_dto, "createdBy");
  {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    auto status = StatusOf(*tx, identities, owner);
    if (status == IdentityStatus::kUnknown) throw RecordNotFound("Identity");
    if (status != IdentityStatus::kActive) throw PeerIsToBeDeleted();
  }
  auto max_content = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
  if (creation_content && creation_content->size > max_content) {
    throw WrongNumberOfBytes("creationContent", 0, max_content, creation_content->size);
  }

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Lock("relationshipPair:" + PairKey(caller.address, owner));
    auto template_doc = FindVisibleTemplate(tx, ctx, caller.address, template_id);
    if (!template_doc) throw RecordNotFound("RelationshipTemplate");
    for (const auto& existing : RelationshipsOfPair(tx, caller.address, owner)) {
      if (BlocksNewRelationship(Str(existing.body, "status"))) throw AlreadyExists();
    }
    if (owner == caller.address) {
      throw DomainError("cannotCreateRelationshipWithYourself",
                        "You cannot send a relationship request to yourself.");
    }
    auto id = core::GenerateBackboneId(kPrefix);
    json::object doc;
    doc["id"] = id;
    doc["relationshipTemplateId"] = template_id;
    doc["from"] = caller.address;
    doc["to"] = owner;
    doc["createdAt"] = Iso(ctx.now());
    doc["status"] = kPending;
    doc["auditLog"] = json::array();
    AppendAudit(doc, ctx, caller, "Creation", std::nullopt, kPending);
    doc["creationContent"] =
        creation_content ? json::value(creation_content->b64u) : json::value(nullptr);
    doc["creationResponseContent"] = nullptr;
    doc["fromHasDecomposed"] = false;
    doc["toHasDecomposed"] = false;
    doc["pairKey"] = PairKey(caller.address, owner);
    tx.Insert(kRelationships, id, doc);
    Notify(tx, ctx, owner, "RelationshipStatusChanged", id);
    return RelationshipMetadataDto(doc);
  });
}

json::object GetRelationship(const BackboneContext& ctx, const Caller& caller,
                             std::string_view id) {
  RequireId(id, kPrefix, "id");
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto doc = LoadOwnRelationship(*tx, id, caller.address);
  if (HasDecomposed(doc, caller.address)) throw AlreadyDecomposed();
  return RelationshipDto(doc);
}

http::Response ListRelationships(const BackboneContext& ctx, const Caller& caller,
                                 const http::Request& request) {
  auto ids = QueryList(request, "ids");
  ReadPage(request, ctx);
  if (ids.empty()) throw InvalidPropertyValue("'ids' must not be empty.");
  for (const auto& id : ids) RequireId(id, kPrefix, "ids");
  std::vector<json::object> result;
  std::set<std::string> seen;
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    auto doc = tx->Get(kRelationships, id);
    if (!doc || (Str(*doc, "from") != caller.address && Str(*doc, "to") != caller.address))
      continue;
    result.push_back(RelationshipDto(*doc));
  }
  tx.reset();
  return PagedByCreatedAt(std::move(result), request, ctx);
}

json::object ChangeRelationship(const BackboneContext& ctx, const Caller& caller,
                                std::string_view id, RelationshipAction action,
                                const json::object& body) {
  using A = RelationshipAction;
  // Accept/Reject/Revoke bind {creationResponseContent}; its default is an empty byte array.
  std::optional<json::value> creation_response;
  if (action == A::kAccept || action == A::kReject || action == A::kRevoke) {
    const auto* member = Member(body, "creationResponseContent");
    if (member == nullptr) {
      creation_response = json::value("");
    } else if (member->is_null()) {
      creation_response = json::value(nullptr);
    } else {
      creation_response = json::value(RequiredBytes(body, "creationResponseContent").b64u);
    }
  }
  RequireId(id, kPrefix, "relationshipId");

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockRelationship(tx, id);
    auto doc = LoadOwnRelationship(tx, id, caller.address);
    const std::string status = Str(doc, "status");
    const std::string peer = PeerOf(doc, caller.address);
    const std::string rel_id(id);
    // The newest audit entry tells whether a reactivation request is open and whose it is.
    const std::string last_reason = Str(LastAuditEntry(doc), "reason");
    const std::string last_author = Str(LastAuditEntry(doc), "createdBy");
    const bool open_reactivation = last_reason == kReactivationRequested;
    const bool requested_by_caller = open_reactivation && last_author == caller.address;

    switch (action) {
      case A::kAccept:
      case A::kReject: {
        if (status != kPending) throw NotInCorrectStatus({kPending});
        if (Str(doc, "to") != caller.address) {
          throw DomainError("cannotAcceptOrRejectRelationshipAddressedToSomeoneElse",
                            "You cannot accept or reject a relationship request that is addressed "
                            "to someone else.");
        }
        bool accept = action == A::kAccept;
        doc["creationResponseContent"] = *creation_response;
        AppendAudit(doc, ctx, caller, accept ? "AcceptanceOfCreation" : "RejectionOfCreation",
                    kPending, accept ? kActive : kRejected);
        Notify(tx, ctx, peer, "RelationshipStatusChanged", rel_id);
        if (accept) {
          UnblockExternalEvents(tx, ctx, rel_id);
        } else {
          DeleteBlockedExternalEvents(tx, rel_id);
        }
        break;
      }
      case A::kRevoke:
        if (status != kPending) throw NotInCorrectStatus({kPending});
        if (Str(doc, "from") != caller.address) {
          throw DomainError("cannotRevokeRelationshipNotCreatedByYourself",
                            "You cannot revoke a relationship request that was not created by "
                            "yourself.");
        }
        doc["creationResponseContent"] = *creation_response;
        AppendAudit(doc, ctx, caller, "RevocationOfCreation", kPending, kRevoked);
        Notify(tx, ctx, peer, "RelationshipStatusChanged", rel_id);
        DeleteBlockedExternalEvents(tx, rel_id);
        break;
      case A::kTerminate:
        if (status != kActive) throw NotInCorrectStatus({kActive});
        AppendAudit(doc, ctx, caller, "Termination", kActive, kTerminated);
        Notify(tx, ctx, peer, "RelationshipStatusChanged", rel_id);
        break;
      case A::kRequestReactivation:
        if (open_reactivation) {
          throw DomainError("cannotRequestReactivationWhenThereIsAnOpenReactivationRequest",
                            "You cannot request reactivation when there is an open reactivation "
                            "request.");
        }
        if (status != kTerminated) throw NotInCorrectStatus({kTerminated});
        AppendAudit(doc, ctx, caller, "ReactivationRequested", kTerminated, kTerminated);
        Notify(tx, ctx, peer, "RelationshipReactivationRequested", rel_id);
        break;
      case A::kAcceptReactivation:
        if (!open_reactivation || requested_by_caller) {
          throw DomainError("noAcceptableRelationshipReactivationRequestExists",
                            "There is no pending reactivation request or you are not allowed to "
                            "accept it. A reactivation request can only be accepted by the "
                            "identity that did not request it.");
        }
        AppendAudit(doc, ctx, caller, "AcceptanceOfReactivation", kTerminated, kActive);
        Notify(tx, ctx, peer, "RelationshipReactivationCompleted", rel_id);
        UnblockExternalEvents(tx, ctx, rel_id);
        break;
      case A::kRejectReactivation:
        if (!open_reactivation || requested_by_caller) {
          throw DomainError("noRejectableReactivationRequestExists",
                            "There is no pending reactivation request or you are not allowed to "
                            "revoke it. A reactivation request can only be rejected by the "
                            "identity that did not request it.");
        }
        AppendAudit(doc, ctx, caller, "RejectionOfReactivation", kTerminated, kTerminated);
        Notify(tx, ctx, peer, "RelationshipReactivationCompleted", rel_id);
        break;
      case A::kRevokeReactivation:
        if (!open_reactivation || !requested_by_caller) {
          throw DomainError("noRevocableReactivationRequestExists",
                            "There is no pending reactivation request or you are not allowed to "
                            "revoke it. A reactivation request can only be revoked by the "
                            "identity that request it.");
        }
        AppendAudit(doc, ctx, caller, "RevocationOfReactivation", kTerminated, kTerminated);
        Notify(tx, ctx, peer, "RelationshipReactivationCompleted", rel_id);
        break;
      case A::kDecompose: {
        if (HasDecomposed(doc, caller.address)) throw AlreadyDecomposed();
        if (status != kRejected && status != kRevoked && status != kTerminated &&
            status != kDeletionProposed) {
          throw NotInCorrectStatus({kRejected, kRevoked, kTerminated, kDeletionProposed});
        }
        bool first = status != kDeletionProposed;
        AppendAudit(doc, ctx, caller, "Decomposition", status,
                    first ? kDeletionProposed : kReadyForDeletion);
        doc[Str(doc, "from") == caller.address ? "fromHasDecomposed" : "toHasDecomposed"] = true;
        if (first) Notify(tx, ctx, peer, "RelationshipStatusChanged", rel_id);
        DeleteUnsyncedEventsOf(tx, caller.address, rel_id);
        DecomposeMessages(tx, ctx, caller.address, peer);
        break;
      }
    }
    tx.Replace(kRelationships, id, doc);
    return RelationshipMetadataDto(doc);
  });
}

void RegisterRelationshipRoutes(ApiRoutes& routes, BackboneContext& ctx,
                                IdentityStatusLookup identities) {
  const BackboneContext* c = &ctx;
  auto lookup = std::make_shared<IdentityStatusLookup>(std::move(identities));
  routes.Authenticated(
      "GET", "/api/v2/Relationships/CanCreate",
      [c, lookup](http::Request& request, const Caller& caller) {
        return Result(CanCreateRelationship(*c, caller, request.QueryValue("peer"), *lookup));
      });
  routes.Authenticated(
      "POST", "/api/v2/Relationships", [c, lookup](http::Request& request, const Caller& caller) {
        return Result(CreateRelationship(*c, caller, JsonBody(request), *lookup), 201);
      });
  routes.Authenticated("GET", "/api/v2/Relationships",
                       [c](http::Request& request, const Caller& caller) {
                         return ListRelationships(*c, caller, request);
                       });
  routes.Authenticated("GET", "/api/v2/Relationships/{id}",
                       [c](http::Request& request, const Caller& caller) {
                         return Result(GetRelationship(*c, caller, request.PathParam("id")));
                       });
  struct Route {
    const char* suffix;
    RelationshipAction action;
  };
  static constexpr Route kRoutes[] = {
      {"Accept", RelationshipAction::kAccept},
      {"Reject", RelationshipAction::kReject},
      {"Revoke", RelationshipAction::kRevoke},
      {"Terminate", RelationshipAction::kTerminate},
      {"Reactivate", RelationshipAction::kRequestReactivation},
      {"Reactivate/Accept", RelationshipAction::kAcceptReactivation},
      {"Reactivate/Reject", RelationshipAction::kRejectReactivation},
      {"Reactivate/Revoke", RelationshipAction::kRevokeReactivation},
      {"Decompose", RelationshipAction::kDecompose},
  };
  for (const auto& route : kRoutes) {
    auto action = route.action;
    bool reads_body = action == RelationshipAction::kAccept ||
                      action == RelationshipAction::kReject ||
                      action == RelationshipAction::kRevoke;
    routes.Authenticated(
        "PUT", std::string("/api/v2/Relationships/{id}/") + route.suffix,
        [c, action, reads_body](http::Request& request, const Caller& caller) {
          auto body = reads_body ? JsonBody(request) : json::object();
          return Result(ChangeRelationship(*c, caller, request.PathParam("id"), action, body));
        });
  }
}

}  // namespace nmshd::backbone::content
