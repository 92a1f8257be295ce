#pragma once
// Relationships (useCases/transport/relationships/* of @nmshd/runtime 7.0.0 over
// RelationshipsController of @nmshd/transport, and the relationship external-event processors of
// transport's SyncController).
//
// Storage: relationship_record.h / relationship_channel.h. Every change publishes its events only
// after the transaction that made it committed.
//
// Crash safety: an operation that seals something with the relationship's transmit counter
// (accepting: the creation response) stores the advanced secrets BEFORE the Backbone call, so a
// counter value is never used twice; local status changes follow the Backbone's answer. Sync
// processors read the Backbone first and then commit in one transaction with the sync ledger
// (sync_engine.h), so every external event applies exactly once.
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "storage/document_store.h"
#include "storage/filter_syntax.h"
#include "transport/modules/change_observers.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport {

class SyncEngine;
class EventApplier;
struct ExternalEvent;

class Relationships {
 public:
  static constexpr std::string_view kCollection = "relationships";

  // Checks a RelationshipCreationContent against the template's request (the consumption layer's
  // validateResponseToRequestOfTemplate); throws the runtime's CodedError. Until the consumption
  // layer installs one, a RelationshipTemplateContent template refuses every creation with
  // error.runtime.relationships.noAcceptedIncomingRequest, as the runtime does without an accepted
  // incoming request.
  using CreationContentValidator =
      std::function<void(const LocalTemplate& peer_template, const boost::json::object& creation_content)>;
  // Runs inside the transaction that removes a decomposed relationship (DecomposeRelationship's
  // cleanupDataOfDecomposedRelationship: messages, templates, tokens, attributes of the peer).
  using DecompositionCleanup =
      std::function<void(storage::Transaction& tx, const boost::json::object& relationship_dto)>;

  Relationships(TransportContext& ctx, RelationshipTemplates& templates);

  // CanCreateRelationship: body {templateId, creationContent?} → {isSuccess:true} or
  // {isSuccess:false, code, message}; throws only for invalid input.
  boost::json::object CanCreate(const boost::json::value& body);
  // CreateRelationship: body {templateId, creationContent} → RelationshipDTO (Pending).
  boost::json::object Create(const boost::json::value& body);

  // Creation decisions and the life cycle afterwards; each returns the updated RelationshipDTO.
  boost::json::object Accept(const std::string& id);
  boost::json::object Reject(const std::string& id);
  boost::json::object Revoke(const std::string& id);
  boost::json::object Terminate(const std::string& id);
  boost::json::object RequestReactivation(const std::string& id);
  boost::json::object AcceptReactivation(const std::string& id);
  boost::json::object RejectReactivation(const std::string& id);
  boost::json::object RevokeReactivation(const std::string& id);
  // DecomposeRelationship: PUT …/Decompose, then the local record (and its secrets) is removed;
  // event transport.relationshipDecomposedBySelf {relationshipId}.
  void Decompose(const std::string& id);

  // GetRelationship (DTO); error.runtime.recordNotFound when unknown.
  boost::json::object Get(const std::string& id);
  // GetRelationships with the REST query (peer, status, templateId).
  boost::json::array List(const storage::QueryParameters& query);

  // The runtime's RelationshipDTO of a stored record.
  static boost::json::object ToDto(const boost::json::object& record);

  // RelationshipStatusChanged, RelationshipReactivationRequested, RelationshipReactivationCompleted,
  // PeerToBeDeleted, PeerDeletionCancelled, PeerDeleted.
  void RegisterProcessors(SyncEngine& sync);

  void SetCreationContentValidator(CreationContentValidator validator);
  void AddDecompositionCleanup(DecompositionCleanup cleanup);
  // In-transaction observer (change_observers.h) of every change that publishes
  // transport.relationshipChanged: Create, the decisions and life-cycle operations, and the sync's
  // RelationshipStatusChanged / Reactivation processors. For Create and the operations the Backbone
  // has taken the change already, so an observer must not throw for anything but a broken database.
  void AddChangeObserver(ChangeObserver observer) { change_observers_.Add(std::move(observer)); }

  const std::string& OwnAddress() const;

  // The external-event processors (public for tests that feed events directly).
  void ProcessRelationshipChanged(const ExternalEvent& event, EventApplier& applier, std::string_view extra_event);
  void ProcessPeerDeletionInfo(const ExternalEvent& event, EventApplier& applier, std::string_view deletion_status,
                               std::string_view event_name);

 private:
  enum class Operation {
    kAccept,
    kReject,
    kRevoke,
    kTerminate,
    kRequestReactivation,
    kAcceptReactivation,
    kRejectReactivation,
    kRevokeReactivation,
  };
  boost::json::object LoadRecord(const std::string& id);
  void CheckOperation(Operation op, const boost::json::object& record);
  boost::json::object Complete(Operation op, const std::string& id);
  // RelationshipsController.canSendRelationship; throws its TransportCoreError.
  void CheckCanSend(const LocalTemplate& peer_template);
  boost::json::object CheckContent(const LocalTemplate& peer_template, const boost::json::value& creation_content);

  TransportContext& ctx_;
  RelationshipTemplates& templates_;
  CreationContentValidator creation_content_validator_;
  std::vector<DecompositionCleanup> decomposition_cleanups_;
  ChangeObservers change_observers_;
};

}  // namespace nmshd::transport
