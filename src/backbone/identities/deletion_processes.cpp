#include "identities/deletion_processes.h"

#include <cmath>

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "core/backbone_ids.h"
#include "identities/identity_store.h"

namespace nmshd::backbone::identities {

namespace json = boost::json;
using storage::Condition;
using storage::Query;

namespace {

// Stored document = the DTO plus identityAddress, cancelledAt, cancelledByDevice and the audit log.
json::object ToDto(const json::object& doc) {
  json::object dto;
  for (const char* key : {"id", "status", "createdAt", "createdByDevice"}) dto[key] = doc.at(key);
  dto["approvedAt"] = doc.at("createdAt");
  dto["approvedByDevice"] = doc.at("createdByDevice");
  for (const char* key : {"gracePeriodEndsAt", "gracePeriodReminder1SentAt", "gracePeriodReminder2SentAt",
                          "gracePeriodReminder3SentAt"}) {
    dto[key] = doc.at(key);
  }
  return dto;
}

std::vector<storage::Document> ProcessesOf(storage::Transaction& tx, std::string_view address) {
  return tx.Find(kDeletionProcesses, Query()
                                         .Where(Condition::Equals("identityAddress", json::string(address)).ScalarOnly())
                                         .OrderBy("createdAt"));
}

json::object AuditEntry(const BackboneContext& ctx, std::string_view old_status, std::string_view new_status,
                        std::string_view message_key, std::string_view device) {
  return json::object{{"id", core::GenerateBackboneId(core::backbone_ids::kIdentityDeletionProcessAuditLogEntry)},
                      {"createdAt", FormatIsoUtc(ctx.now())},
                      {"oldStatus", old_status.empty() ? json::value(nullptr) : json::value(old_status)},
                      {"newStatus", new_status},
                      {"messageKey", message_key},
                      {"deviceId", device}};
}

http::Response Start(const BackboneContext& ctx, const IdentityDeletionObserver& observer, http::Request& request,
                     const Caller& caller) {
  const auto body = JsonBody(request);
  double days = static_cast<double>(ctx.config.identityDeletionGracePeriodDays);
  if (auto requested = OptionalNumber(body, "lengthOfGracePeriodInDays")) {
    if (!std::isfinite(*requested) || *requested < 0 || *requested > 3650) {
      throw InvalidPropertyValue("lengthOfGracePeriodInDays", "must be a number of days between 0 and 3650.");
    }
    days = *requested;
  }
  auto dto = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockIdentity(tx, caller.address);
    auto identity = FindIdentity(tx, caller.address);
    if (!identity) throw NotFound("Identity");
    for (const auto& p : ProcessesOf(tx, caller.address)) {
      const auto& status = p.body.at("status").as_string();
      if (status == "Active" || status == "Deleting") {
        throw CodedError("error.platform.validation.device.onlyOneActiveDeletionProcessAllowed",
                         "Only one active deletion process is allowed.");
      }
    }
    const auto now = ctx.now();
    const auto ends_at = now + std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(days * 86400000.0)));
    const auto id = core::GenerateBackboneId(core::backbone_ids::kIdentityDeletionProcess);
    json::object doc{{"id", id},
                     {"status", "Active"},
                     {"createdAt", FormatIsoUtc(now)},
                     {"createdByDevice", caller.device_id},
                     {"gracePeriodEndsAt", FormatIsoUtc(ends_at)},
                     {"gracePeriodReminder1SentAt", nullptr},
                     {"gracePeriodReminder2SentAt", nullptr},
                     {"gracePeriodReminder3SentAt", nullptr},
                     {"identityAddress", caller.address},
                     {"cancelledAt", nullptr},
                     {"cancelledByDevice", nullptr},
                     {"auditLog", json::array{AuditEntry(ctx, "", "Active", "StartedByOwner", caller.device_id)}}};
    tx.Insert(kDeletionProcesses, id, doc);
    identity->status = IdentityStatus::kToBeDeleted;
    identity->deletion_grace_period_ends_at = ends_at;
    tx.Replace(kIdentities, identity->address, identity->ToDocument());
    if (observer.on_to_be_deleted) observer.on_to_be_deleted(tx, ctx, caller.address, ends_at);
    return ToDto(doc);
  });
  return Result(dto, 201);
}

json::object RequireProcess(storage::Transaction& tx, std::string_view id, const Caller& caller) {
  core::ValidateBackboneId(id, core::backbone_ids::kIdentityDeletionProcess, "id");
  auto doc = tx.Get(kDeletionProcesses, id);
  if (!doc || doc->at("identityAddress").as_string() != caller.address) throw NotFound("IdentityDeletionProcess");
  return *doc;
}

http::Response Cancel(const BackboneContext& ctx, const IdentityDeletionObserver& observer, http::Request& request,
                      const Caller& caller) {
  auto dto = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockIdentity(tx, caller.address);
    auto identity = FindIdentity(tx, caller.address);
    if (!identity) throw NotFound("Identity");
    auto doc = RequireProcess(tx, request.PathParam("id"), caller);
    if (doc.at("status").as_string() != "Active") {
      throw CodedError("error.platform.validation.device.deletionProcessIsNotInRequiredStatus",
                       "The deletion process must be in status 'Active' for the operation to continue, but it was in another status.");
    }
    const auto now = ctx.now();
    if (ParseIso(doc.at("gracePeriodEndsAt").as_string()) < now) {
      throw CodedError("error.platform.validation.device.gracePeriodHasAlreadyExpired",
                       "You cannot perform this action, because the grace period of this deletion process has already expired.");
    }
    doc["status"] = "Cancelled";
    doc["cancelledAt"] = FormatIsoUtc(now);
    doc["cancelledByDevice"] = caller.device_id;
    doc["gracePeriodEndsAt"] = nullptr;
    doc["auditLog"].as_array().push_back(AuditEntry(ctx, "Active", "Cancelled", "CancelledByOwner", caller.device_id));
    tx.Replace(kDeletionProcesses, doc.at("id").as_string(), doc);
    identity->status = IdentityStatus::kActive;
    identity->deletion_grace_period_ends_at.reset();
    tx.Replace(kIdentities, identity->address, identity->ToDocument());
    if (observer.on_deletion_cancelled) observer.on_deletion_cancelled(tx, ctx, caller.address);
    return ToDto(doc);
  });
  return Result(dto);
}

}  // namespace

void RegisterDeletionProcessRoutes(ApiRoutes& routes, const BackboneContext& ctx, IdentityDeletionObserver observer) {
  auto shared = std::make_shared<IdentityDeletionObserver>(std::move(observer));
  routes.Authenticated("POST", "/api/v2/Identities/Self/DeletionProcesses",
                       [&ctx, shared](http::Request& r, const Caller& c) { return Start(ctx, *shared, r, c); });
  routes.Authenticated("GET", "/api/v2/Identities/Self/DeletionProcesses", [&ctx](http::Request&, const Caller& c) {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    json::array out;
    for (const auto& p : ProcessesOf(*tx, c.address)) out.push_back(ToDto(p.body));
    return Result(out);
  });
  routes.Authenticated("GET", "/api/v2/Identities/Self/DeletionProcesses/{id}", [&ctx](http::Request& r, const Caller& c) {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    return Result(ToDto(RequireProcess(*tx, r.PathParam("id"), c)));
  });
  routes.Authenticated("PUT", "/api/v2/Identities/Self/DeletionProcesses/{id}/Cancel",
                       [&ctx, shared](http::Request& r, const Caller& c) { return Cancel(ctx, *shared, r, c); });
}

}  // namespace nmshd::backbone::identities
