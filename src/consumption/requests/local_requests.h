#pragma once
// The "requests" collection (the runtime's synchronized LocalRequest collection) and what both
// request controllers read about the peer's relationship. Every read applies the lazy expiry of
// the runtime (updateRequestExpiry): a request found expired is written back as Expired in the
// caller's transaction and consumption.incoming|outgoingRequestStatusChanged is added to `events`.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "consumption/requests/local_request.h"
#include "storage/document_store.h"
#include "storage/query.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption {

class LocalRequests {
 public:
  static constexpr std::string_view kCollection = "requests";

  // A fresh request id: "REQ" + 17 alphanumerics (ConsumptionIds.request).
  static std::string GenerateId();

  static std::optional<LocalRequest> Get(storage::Transaction& tx, std::string_view id, bool is_own,
                                         transport::PendingEvents& events);
  // Get, or error.transport.recordNotFound "'LocalRequest' not found." as the runtime answers.
  static LocalRequest GetOrThrow(storage::Transaction& tx, std::string_view id, bool is_own,
                                 transport::PendingEvents& events);
  // Matching requests of one direction, oldest first.
  static std::vector<LocalRequest> Find(storage::Transaction& tx, storage::Filter filter, bool is_own,
                                        transport::PendingEvents& events);
  static bool Exists(storage::Transaction& tx, std::string_view id);
  static void Insert(storage::Transaction& tx, const LocalRequest& request);
  static void Update(storage::Transaction& tx, const LocalRequest& request);
  static void Delete(storage::Transaction& tx, const LocalRequest& request);

  // consumption.incomingRequestStatusChanged / outgoingRequestStatusChanged {request, oldStatus, newStatus}.
  static void AddStatusChanged(transport::PendingEvents& events, const LocalRequest& request,
                               LocalRequestStatus old_status);

  // getRelationshipToIdentity: the stored relationship record with the peer (one not Rejected or
  // Revoked when there is one), nullopt without any.
  static std::optional<boost::json::object> RelationshipToPeer(storage::Transaction& tx, const std::string& peer);
};

}  // namespace nmshd::consumption
