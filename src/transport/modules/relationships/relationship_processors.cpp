// The relationship external-event processors (transport modules/sync/externalEventProcessors/
// Relationship*ExternalEventProcessor, Peer*ExternalEventProcessor and
// RelationshipsController.applyRelationshipChangedEvent / setPeerDeletionInfo).
#include <stdexcept>

#include "core/core_date.h"
#include "transport/backbone/backbone_error.h"
#include "transport/modules/relationships/relationship_errors.h"
#include "transport/modules/relationships/relationship_record.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/transmission/relationship_creation_content.h"
#include "transport/transmission/relationship_creation_response.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
namespace errors = relationship_errors;
namespace record_ns = relationship_record;

constexpr std::string_view kRelationshipChanged = "transport.relationshipChanged";

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

void Relationships::RegisterProcessors(SyncEngine& sync) {
  sync.Register("RelationshipStatusChanged", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessRelationshipChanged(e, a, "");
  });
  sync.Register("RelationshipReactivationRequested", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessRelationshipChanged(e, a, "transport.relationshipReactivationRequested");
  });
  sync.Register("RelationshipReactivationCompleted", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessRelationshipChanged(e, a, "transport.relationshipReactivationCompleted");
  });
  sync.Register("PeerToBeDeleted", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessPeerDeletionInfo(e, a, "ToBeDeleted", "transport.peerToBeDeleted");
  });
  sync.Register("PeerDeletionCancelled", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessPeerDeletionInfo(e, a, "", "transport.peerDeletionCancelled");
  });
  sync.Register("PeerDeleted", [this](const ExternalEvent& e, EventApplier& a) {
    ProcessPeerDeletionInfo(e, a, "Deleted", "transport.peerDeleted");
  });
}

void Relationships::ProcessRelationshipChanged(const ExternalEvent& event, EventApplier& applier,
                                               std::string_view extra_event) {
  const auto id = event.PayloadString("relationshipId");
  const auto existing = ctx_.db.Get(kCollection, id);

  js::object backbone_relationship;
  try {
    backbone_relationship = ctx_.backbone.Get("/api/v2/Relationships/" + id).as_object();
  } catch (const BackboneError& e) {
    // We decomposed it already: nothing left to update.
    if (e.code() == "error.platform.validation.relationship.relationshipAlreadyDecomposed") return;
    throw;
  }

  if (!existing) {
    // First sight of a request for one of our templates.
    const auto* creation_content = backbone_relationship.if_contains("creationContent");
    if (creation_content == nullptr || !creation_content->is_string()) {
      throw std::runtime_error("Creation content is missing");
    }
    const auto template_id = StringOf(backbone_relationship, "relationshipTemplateId");
    const auto own_template = templates_.Find(template_id);
    if (!own_template || !own_template->template_key_pair) throw errors::TransportRecordNotFound("RelationshipTemplate");
    auto opened = OpenCreationContent(creation_content->as_string(), *own_template->template_key_pair, template_id);
    // The wrapper's identity is only signed with a fresh relationship key; the Backbone's `from`
    // is authenticated, so the two must agree or the content impersonates someone.
    const auto from = StringOf(backbone_relationship, "from");
    if (opened.identity.address.str() != from) {
      throw CodedError("error.transport.relationships.invalidCreationContent",
                       "the creation content names " + opened.identity.address.str() +
                           " as requestor, the Backbone " + from);
    }
    const auto sealed = record_ns::SealFullSecrets(ctx_.box, id, opened.secrets);
    auto record = record_ns::NewRecord(backbone_relationship, opened.identity, opened.content, sealed);
    applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
      if (tx.Get(kCollection, id)) return;
      tx.Insert(kCollection, id, record);
      const auto dto = ToDto(record);
      if (!extra_event.empty()) pending.Add(std::string(extra_event), dto);
      pending.Add(std::string(kRelationshipChanged), dto);
      change_observers_.Notify(tx, dto, pending);
    });
    return;
  }

  // Our own request answered: complete the secrets from the templator's public response.
  std::optional<std::string> completed_secrets;
  const auto secrets = record_ns::OpenSecrets(ctx_.box, *existing);
  const auto* response = backbone_relationship.if_contains("creationResponseContent");
  // The official check is truthiness: a rejection may carry an empty or no response.
  if (!secrets.full && secrets.request && response != nullptr && response->is_string() &&
      !response->as_string().empty()) {
    const auto full = CompleteFromCreationResponse(response->as_string(), *secrets.request, id);
    completed_secrets = record_ns::SealFullSecrets(ctx_.box, id, full);
  }

  applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
    auto current = tx.Get(kCollection, id);
    if (!current) return;  // decomposed in the meantime
    const auto old_size = record_ns::AuditLogSize(*current);
    record_ns::ApplyBackboneState(*current, backbone_relationship);
    // Never replace full secrets: their counters may have moved since they were read.
    if (completed_secrets && !record_ns::OpenSecrets(ctx_.box, *current).full) {
      (*current)["secrets"] = *completed_secrets;
    }
    tx.Replace(kCollection, id, *current);
    const auto dto = ToDto(*current);
    if (!extra_event.empty()) pending.Add(std::string(extra_event), dto);
    if (record_ns::AuditLogSize(*current) != old_size) {
      pending.Add(std::string(kRelationshipChanged), dto);
      change_observers_.Notify(tx, dto, pending);
    }
  });
}

void Relationships::ProcessPeerDeletionInfo(const ExternalEvent& event, EventApplier& applier,
                                            std::string_view deletion_status, std::string_view event_name) {
  const auto id = event.PayloadString("relationshipId");
  std::optional<js::object> info;
  if (!deletion_status.empty()) {
    const auto date = core::CoreDate::Parse(event.PayloadString("deletionDate"));
    // PeerDeletionInfo.toJSON(): ts-serval order.
    info = js::object{{"deletionDate", date.ToString()}, {"deletionStatus", deletion_status}};
  }
  applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
    auto current = tx.Get(kCollection, id);
    if (!current) throw errors::TransportRecordNotFound("Relationship");
    if (info) {
      (*current)["peerDeletionInfo"] = *info;
    } else {
      current->erase("peerDeletionInfo");
    }
    tx.Replace(kCollection, id, *current);
    pending.Add(std::string(event_name), ToDto(*current));
  });
}

}  // namespace nmshd::transport
