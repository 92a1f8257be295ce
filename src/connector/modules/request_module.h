#pragma once
// The runtime's RequestModule (packages/runtime/src/modules/RequestModule.ts, runtime-business §3.4):
// the glue between transport changes and the LocalRequests of the consumption layer.
//
// Reactions to transport changes run INSIDE the transaction that stores the change (the
// transport's in-transaction observers, transport/modules/change_observers.h), so they apply
// exactly once together with it — for sync processors together with the sync ledger entry:
//   - message received: Request → received, checkPrerequisites and the Decider (DeciderModule);
//     ResponseWrapper → complete the outgoing request (source Message) or create-and-complete it
//     (source RelationshipTemplate); consumption.messageProcessed as officially;
//   - message sent: Request → Draft→Open; our ResponseWrapper → the incoming request Completed;
//   - relationship changed: a Pending relationship a peer created on our RelationshipTemplateContent
//     template → createAndCompleteFromRelationshipTemplateResponse (the onboarding events); a
//     relationship we created on a peer template → its Decided incoming request Completed;
//   - peer template loaded: the branches of handlePeerRelationshipTemplateLoaded
//     (consumption.relationshipTemplateProcessed), then received/checkPrerequisites/Decider.
// It also installs SendMessage's check that a Request equals its Draft and CreateRelationship's
// check that the creation content carries the accepted response (validateResponseToRequestOfTemplate).
//
// Sending a response is a Backbone call and happens outside those transactions: a worker answers
// each request that became Decided (from consumption.incomingRequestStatusChanged, published after
// the decision committed) by a ResponseWrapper message or, for a template request without an
// Active relationship, by creating the relationship (accepted) or just completing it (rejected).
// The completion commits in the same transaction that stores the sent message / created
// relationship. Start() queues every request still Decided (recovery after a crash or a failed
// send), so none is lost. Open point, as in the official runtime: when the process dies after the
// Backbone took a response message and before the local commit, the next start sends the response
// again (the peer's outgoing request is Completed by the first one, the second is ignored there
// with an error log). Relationship creation cannot be duplicated: the Backbone refuses a second
// relationship to the same peer.
#include <boost/json.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connector/events/event_bus.h"
#include "connector/modules/decider_module.h"
#include "consumption/consumption_context.h"
#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/outgoing_requests_controller.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/templates/relationship_templates.h"

namespace nmshd::connector {

class RequestModule {
 public:
  RequestModule(consumption::ConsumptionContext& ctx, consumption::IncomingRequestsController& incoming,
                consumption::OutgoingRequestsController& outgoing, const DeciderModule& decider,
                transport::Messages& messages, transport::Relationships& relationships,
                transport::RelationshipTemplates& templates);
  ~RequestModule();
  RequestModule(const RequestModule&) = delete;
  RequestModule& operator=(const RequestModule&) = delete;

  // Installs the transport hooks; before any sync or REST call runs.
  void Install();
  // Subscribes to decisions, starts the responder and queues every request still Decided.
  void Start(EventBus& bus);
  // Unsubscribes and ends the responder after the response it is sending; queued ones stay Decided
  // (the next start answers them).
  void Stop();

  // The in-transaction reactions (public for tests that drive them directly).
  void OnMessageReceived(storage::Transaction& tx, const boost::json::object& message, transport::PendingEvents& events) const;
  void OnMessageSent(storage::Transaction& tx, const boost::json::object& message, transport::PendingEvents& events) const;
  void OnRelationshipChanged(storage::Transaction& tx, const boost::json::object& relationship,
                             transport::PendingEvents& events) const;
  void OnPeerTemplateLoaded(storage::Transaction& tx, const boost::json::object& template_dto,
                            transport::PendingEvents& events) const;
  // SendMessageUseCase.validateRequestAsMessageContent; throws the runtime's CodedError.
  void ValidateRequestAsMessageContent(storage::Transaction& tx, const std::vector<std::string>& recipients,
                                       const boost::json::object& content) const;
  // validateResponseToRequestOfTemplate; throws the runtime's CodedError.
  void ValidateCreationContent(const transport::LocalTemplate& peer_template,
                               const boost::json::object& creation_content) const;

  // Sends the response of one incoming request if it is Decided (Backbone call); errors are logged
  // and leave it Decided. Public for tests; the worker calls it.
  void Respond(const std::string& request_id);

 private:
  // received → checkPrerequisites → Decider; returns the Decider's result ("" when the request
  // stayed Open or could not be received; the error is logged).
  std::optional<consumption::LocalRequest> ReceiveAndDecide(storage::Transaction& tx, const boost::json::value& content,
                                                            const consumption::LocalRequestSource& source,
                                                            const std::string& peer, const std::string& template_expires_at,
                                                            transport::PendingEvents& events, std::string& result) const;
  void RespondViaMessage(const consumption::LocalRequest& request);
  void RespondViaRelationship(const consumption::LocalRequest& request);
  void Enqueue(std::string request_id);
  void Run();

  consumption::ConsumptionContext& ctx_;
  consumption::IncomingRequestsController& incoming_;
  consumption::OutgoingRequestsController& outgoing_;
  const DeciderModule& decider_;
  transport::Messages& messages_;
  transport::Relationships& relationships_;
  transport::RelationshipTemplates& templates_;

  EventBus* bus_ = nullptr;
  std::optional<SubscriptionId> subscription_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace nmshd::connector
