#pragma once
// A LocalRequest of runtime 7.x (consumption modules/requests/local/LocalRequest.ts): a Request
// this identity sent (isOwn) or received, with its status, where it travelled (source), the
// response once there is one, and the log of status changes.
//
// Stored in collection "requests" under its id (REQ…) in the shape of the runtime's LocalRequestDTO
// plus "statusLog", so the REST filters of GetIncoming/OutgoingRequests run on stored fields.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core_date.h"

namespace nmshd::consumption {

enum class LocalRequestStatus {
  kDraft,
  kOpen,
  kDecisionRequired,
  kManualDecisionRequired,
  kDecided,
  kCompleted,
  kExpired,
};

std::string_view StatusName(LocalRequestStatus status);
LocalRequestStatus ParseLocalRequestStatus(std::string_view name);

// Where a request or response travelled: {type: Message|RelationshipTemplate|Relationship, reference}.
struct LocalRequestSource {
  std::string type;
  std::string reference;
  boost::json::object ToJson() const { return {{"type", type}, {"reference", reference}}; }
};

struct LocalResponse {
  std::string created_at;
  boost::json::object content;  // the Response, canonical JSON
  std::optional<LocalRequestSource> source;
};

struct LocalRequestStatusLogEntry {
  std::string created_at;
  LocalRequestStatus old_status;
  LocalRequestStatus new_status;
};

struct LocalRequest {
  std::string id;
  bool is_own = false;
  std::string peer;
  std::string created_at;
  LocalRequestStatus status = LocalRequestStatus::kOpen;
  boost::json::object content;  // the Request, canonical JSON (content.id set)
  std::optional<LocalRequestSource> source;
  std::optional<LocalResponse> response;
  std::optional<bool> was_automatically_decided;
  std::vector<LocalRequestStatusLogEntry> status_log;

  // changeStatus: logs the change; the same status again is an error (as officially).
  void ChangeStatus(LocalRequestStatus new_status);
  // isExpired(comparisonDate): content.expiresAt lies before `when`.
  bool IsExpired(const core::CoreDate& when = core::CoreDate::Now()) const;
  // updateStatusBasedOnExpiration: Completed and Expired stay; otherwise an expired request becomes
  // Expired. Returns whether the status changed.
  bool UpdateStatusBasedOnExpiration(const core::CoreDate& when = core::CoreDate::Now());

  // RequestMapper.toLocalRequestDTO, keys in its order (undefined members left out).
  boost::json::object ToDto() const;
  boost::json::object ToDocument() const;
  static LocalRequest FromDocument(const boost::json::object& document);
};

}  // namespace nmshd::consumption
