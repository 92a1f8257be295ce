#include "consumption/requests/local_requests.h"

#include "base/coded_error.h"
#include "core/core_id.h"

namespace nmshd::consumption {

namespace js = boost::json;

std::string LocalRequests::GenerateId() {
  static const core::CoreIdFormat kFormat("REQ");
  return kFormat.Generate();
}

namespace {
LocalRequest Expire(storage::Transaction& tx, LocalRequest request, transport::PendingEvents& events) {
  const auto old_status = request.status;
  if (request.UpdateStatusBasedOnExpiration()) {
    LocalRequests::Update(tx, request);
    LocalRequests::AddStatusChanged(events, request, old_status);
  }
  return request;
}
}  // namespace

std::optional<LocalRequest> LocalRequests::Get(storage::Transaction& tx, std::string_view id, bool is_own,
                                               transport::PendingEvents& events) {
  auto doc = tx.Get(kCollection, id);
  if (!doc) return std::nullopt;
  auto request = LocalRequest::FromDocument(*doc);
  if (request.is_own != is_own) return std::nullopt;
  return Expire(tx, std::move(request), events);
}

LocalRequest LocalRequests::GetOrThrow(storage::Transaction& tx, std::string_view id, bool is_own,
                                       transport::PendingEvents& events) {
  auto request = Get(tx, id, is_own, events);
  if (!request) throw CodedError("error.transport.recordNotFound", "'LocalRequest' not found.");
  return std::move(*request);
}

std::vector<LocalRequest> LocalRequests::Find(storage::Transaction& tx, storage::Filter filter, bool is_own,
                                              transport::PendingEvents& events) {
  filter.Where(storage::Condition::Equals("isOwn", is_own));
  storage::Query query{std::move(filter), {}, {}, 0};
  query.OrderBy("createdAt");
  std::vector<LocalRequest> out;
  for (const auto& doc : tx.Find(kCollection, query)) out.push_back(Expire(tx, LocalRequest::FromDocument(doc.body), events));
  return out;
}

bool LocalRequests::Exists(storage::Transaction& tx, std::string_view id) { return tx.Get(kCollection, id).has_value(); }

void LocalRequests::Insert(storage::Transaction& tx, const LocalRequest& request) {
  tx.Insert(kCollection, request.id, request.ToDocument());
}

void LocalRequests::Update(storage::Transaction& tx, const LocalRequest& request) {
  tx.Replace(kCollection, request.id, request.ToDocument());
}

void LocalRequests::Delete(storage::Transaction& tx, const LocalRequest& request) { tx.Delete(kCollection, request.id); }

void LocalRequests::AddStatusChanged(transport::PendingEvents& events, const LocalRequest& request,
                                     LocalRequestStatus old_status) {
  events.Add(request.is_own ? "consumption.outgoingRequestStatusChanged" : "consumption.incomingRequestStatusChanged",
             js::object{{"request", request.ToDto()},
                        {"oldStatus", StatusName(old_status)},
                        {"newStatus", StatusName(request.status)}});
}

std::optional<js::object> LocalRequests::RelationshipToPeer(storage::Transaction& tx, const std::string& peer) {
  storage::Query query;
  query.Where(storage::Condition::Equals("peer", js::string(peer)));
  std::optional<js::object> any;
  for (auto& doc : tx.Find("relationships", query)) {
    const auto& status = doc.body.at("status");
    if (status != "Rejected" && status != "Revoked") return std::move(doc.body);
    if (!any) any = std::move(doc.body);
  }
  return any;
}

}  // namespace nmshd::consumption
