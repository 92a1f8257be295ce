#pragma once
// OutgoingRequestsController of runtime 7.x (consumption requests/outgoing): requests this
// identity sends by message or puts into a template.
//
//   Draft --Sent (message)--> Open --Complete (response)--> Completed
//   Draft --Discard--> (deleted);  Open --(expiresAt passed, on read)--> Expired --Complete--> Completed
//   CreateAndCompleteFromRelationshipTemplateResponse: Draft → Open → Completed at once, for the
//   response a peer gave to a template request.
//
// Every method works in the caller's transaction and adds its consumption.* events to `events`.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "consumption/consumption_context.h"
#include "consumption/requests/local_request.h"
#include "consumption/requests/request_item_processor_registry.h"
#include "consumption/requests/validation_result.h"
#include "storage/query.h"

namespace nmshd::consumption {

class OutgoingRequestsController {
 public:
  OutgoingRequestsController(ConsumptionContext& ctx, const RequestItemProcessorRegistry& processors)
      : ctx_(ctx), processors_(processors) {}

  // canCreate: `content` canonical Request JSON; `peer` none for a template request.
  ValidationResult CanCreate(storage::Transaction& tx, const boost::json::object& content,
                             const std::optional<std::string>& peer) const;
  // create: a Draft with a fresh REQ id in content.id (content re-normalized with it);
  // consumption.outgoingRequestCreated. Throws the canCreate error.
  LocalRequest Create(storage::Transaction& tx, const boost::json::object& content, const std::string& peer,
                      transport::PendingEvents& events) const;
  // sent: Draft → Open with source {Message, message id}; consumption.outgoingRequestStatusChanged.
  LocalRequest Sent(storage::Transaction& tx, const std::string& id, const std::string& message_id,
                    transport::PendingEvents& events) const;
  // complete: Open|Expired → Completed with the response a message carried (`response_created_at`
  // is the message's createdAt; an Expired request needs a response created before expiry); the
  // items' processors apply the response items. consumption.outgoingRequestStatusChanged.
  LocalRequest Complete(storage::Transaction& tx, const std::string& id, const LocalRequestSource& response_source,
                        const std::string& response_created_at, const boost::json::object& response,
                        transport::PendingEvents& events) const;
  // createAndCompleteFromRelationshipTemplateResponse: `template_content` the own template's
  // RelationshipTemplateContent; `from_new_relationship` picks onNewRelationship (else
  // onExistingRelationship). The request gets the response's requestId.
  // consumption.outgoingRequestCreatedAndCompleted (+ …FromRelationshipCreationCreatedAndCompleted
  // when the response came with a new relationship).
  LocalRequest CreateAndCompleteFromRelationshipTemplateResponse(
      storage::Transaction& tx, const std::string& template_id, const boost::json::object& template_content,
      const std::string& peer, const LocalRequestSource& response_source, bool from_new_relationship,
      const std::string& response_created_at, const boost::json::object& response,
      transport::PendingEvents& events) const;
  // discardOutgoingRequest: only Drafts.
  void Discard(storage::Transaction& tx, const std::string& id, transport::PendingEvents& events) const;

  std::optional<LocalRequest> Get(storage::Transaction& tx, const std::string& id,
                                  transport::PendingEvents& events) const;
  LocalRequest GetOrThrow(storage::Transaction& tx, const std::string& id, transport::PendingEvents& events) const;
  std::vector<LocalRequest> Find(storage::Transaction& tx, storage::Filter filter,
                                 transport::PendingEvents& events) const;

 private:
  LocalRequest CreateRecord(storage::Transaction& tx, const std::string& id, const boost::json::object& content,
                            const std::string& peer) const;
  LocalRequest CompleteRecord(storage::Transaction& tx, const std::string& id, const LocalRequestSource& source,
                              const std::string& response_created_at, const boost::json::object& response,
                              transport::PendingEvents& events) const;
  ValidationResult CanApply(storage::Transaction& tx, const boost::json::array& items,
                            const boost::json::array& response_items, const LocalRequest& request) const;
  void Apply(storage::Transaction& tx, const boost::json::array& items, const boost::json::array& response_items,
             const LocalRequest& request, transport::PendingEvents& events) const;

  ConsumptionContext& ctx_;
  const RequestItemProcessorRegistry& processors_;
};

}  // namespace nmshd::consumption
