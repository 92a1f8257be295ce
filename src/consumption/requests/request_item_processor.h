#pragma once
// The plug-in interface for one RequestItem type (consumption itemProcessors/IRequestItemProcessor.ts).
// Every call runs inside the caller's transaction: what a processor writes (attributes, forwarding
// details) commits together with the request's status change, and the events it adds to `events`
// are published only after that commit.
//
// Items and parameters are canonical JSON objects (content::NormalizeRequestItem); `request` is the
// LocalRequest being created, decided or completed. A processor for ReadAttribute, ShareAttribute,
// CreateAttribute, ProposeAttribute, DeleteAttribute or TransferFileOwnership is a separate class
// implementing this interface, registered in the RequestItemProcessorRegistry.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "consumption/requests/local_request.h"
#include "consumption/requests/validation_result.h"
#include "storage/document_store.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption {

class RequestItemProcessor {
 public:
  virtual ~RequestItemProcessor() = default;

  // Outgoing: may this item be sent to `recipient` (none for template requests)?
  virtual ValidationResult CanCreateOutgoingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                        const boost::json::object& request,
                                                        const std::optional<std::string>& recipient) = 0;
  // Incoming, on receipt: false keeps the request Open.
  virtual bool CheckPrerequisitesOfIncomingRequestItem(storage::Transaction& tx, const boost::json::object& item,
                                                       const LocalRequest& request) = 0;
  // Incoming decision; `params` is the item's decide parameters ({accept:true, …} / {accept:false, code?, message?}).
  virtual ValidationResult CanAccept(storage::Transaction& tx, const boost::json::object& item,
                                     const boost::json::object& params, const LocalRequest& request) = 0;
  virtual ValidationResult CanReject(storage::Transaction& tx, const boost::json::object& item,
                                     const boost::json::object& params, const LocalRequest& request) = 0;
  // The response item for the decision (canonical JSON).
  virtual boost::json::object Accept(storage::Transaction& tx, const boost::json::object& item,
                                     const boost::json::object& params, const LocalRequest& request,
                                     transport::PendingEvents& events) = 0;
  virtual boost::json::object Reject(storage::Transaction& tx, const boost::json::object& item,
                                     const boost::json::object& params, const LocalRequest& request,
                                     transport::PendingEvents& events) = 0;
  // Outgoing, when the peer's response arrives.
  virtual ValidationResult CanApplyIncomingResponseItem(storage::Transaction& tx,
                                                        const boost::json::object& response_item,
                                                        const boost::json::object& item, const LocalRequest& request) = 0;
  virtual void ApplyIncomingResponseItem(storage::Transaction& tx, const boost::json::object& response_item,
                                         const boost::json::object& item, const LocalRequest& request,
                                         transport::PendingEvents& events) = 0;
};

}  // namespace nmshd::consumption
