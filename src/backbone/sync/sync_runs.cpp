#include "sync/sync_runs.h"

#include <strings.h>

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "core/backbone_ids.h"
#include "identities/identity_status.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::sync {

namespace json = boost::json;
using storage::Condition;
using storage::Query;
using storage::SortDirection;

namespace {

constexpr std::string_view kExternalEventSync = "ExternalEventSync";
constexpr std::string_view kDatawalletVersionUpgrade = "DatawalletVersionUpgrade";

CodedError SyncRunError(std::string_view code, std::string message) {
  return CodedError("error.platform.validation.syncRun." + std::string(code), message);
}

std::string ParseType(const json::object& body) {
  const auto* v = NonNullMember(body, "type");
  if (v == nullptr) return std::string(kExternalEventSync);
  if (v->is_string()) {
    for (auto t : {kExternalEventSync, kDatawalletVersionUpgrade}) {
      const auto& s = v->get_string();
      if (s.size() == t.size() && strncasecmp(s.data(), t.data(), t.size()) == 0) return std::string(t);
    }
  }
  if (v->is_int64() && (v->get_int64() == 0 || v->get_int64() == 1)) {
    return std::string(v->get_int64() == 0 ? kExternalEventSync : kDatawalletVersionUpgrade);
  }
  throw CannotBeParsed("type", "must be ExternalEventSync or DatawalletVersionUpgrade.");
}

json::object SyncRunDto(const json::object& run) {
  return json::object{{"id", run.at("id")},
                      {"type", run.at("type")},
                      {"expiresAt", run.at("expiresAt")},
                      {"index", run.at("index")},
                      {"createdAt", run.at("createdAt")},
                      {"createdBy", run.at("createdBy")},
                      {"createdByDevice", run.at("createdByDevice")},
                      {"eventCount", run.at("eventCount")}};
}

bool IsFinalized(const json::object& run) { return !run.at("finalizedAt").is_null(); }

std::vector<storage::Document> EventsOfRun(storage::Transaction& tx, std::string_view owner, std::string_view run_id) {
  return tx.Find(kExternalEvents, Query()
                                      .Where(Condition::Equals("owner", json::string(owner)).ScalarOnly())
                                      .Where(Condition::Equals("syncRunId", json::string(run_id)).ScalarOnly())
                                      .OrderBy("index"));
}

void FailEvent(storage::Transaction& tx, storage::Document& event, std::string_view run_id, std::string_view error_code,
               const std::string& now) {
  auto& body = event.body;
  body["syncRunId"] = nullptr;
  body["syncErrorCount"] = body.at("syncErrorCount").to_number<std::int64_t>() + 1;
  body["errors"].as_array().push_back(json::object{{"id", core::GenerateBackboneId(core::backbone_ids::kSyncError)},
                                                   {"syncRunId", run_id},
                                                   {"errorCode", error_code},
                                                   {"createdAt", now}});
  tx.Replace(kExternalEvents, event.id, body);
}

// The caller's run `id` (404 unless it exists and was created by the caller's identity).
json::object RequireRun(storage::Transaction& tx, std::string_view id, const Caller& caller) {
  core::ValidateBackboneId(id, core::backbone_ids::kSyncRun, "id");
  auto run = tx.Get(kSyncRuns, id);
  if (!run || run->at("createdBy").as_string() != caller.address) throw NotFound("SyncRun");
  return *run;
}

void CheckFinalizePreconditions(const json::object& run, const Caller& caller, std::string_view expected_type) {
  if (run.at("type").as_string() != expected_type) {
    throw SyncRunError("unexpectedSyncRunType",
                       "The current operation only supports sync runs of type '" + std::string(expected_type) + "'.");
  }
  if (run.at("createdByDevice").as_string() != caller.device_id) {
    throw SyncRunError("cannotFinalizeSyncRunStartedByAnotherDevice",
                       "This sync was started by another device. You can only finalize a sync run with the device it was started from.");
  }
  if (IsFinalized(run)) throw SyncRunError("syncRunAlreadyFinalized", "This sync run is already finalized.");
}

void CheckDatawalletVersion(const std::optional<json::object>& datawallet, std::uint16_t supported) {
  if (datawallet && supported < datawallet->at("version").to_number<std::int64_t>()) {
    throw CodedError("error.platform.validation.datawallet.insufficientSupportedDatawalletVersion",
                     "The supported datawallet version sent with the request is lower than the actual version of the datawallet.");
  }
}

http::Response Start(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto supported = SupportedDatawalletVersion(request);
  const auto body = JsonBody(request);
  const auto type = ParseType(body);
  const auto duration = OptionalInteger(body, "duration", 0, 65535).value_or(kDefaultSyncRunDurationSeconds);

  struct Outcome {
    bool created;
    json::value sync_run;
  };
  auto outcome = ctx.db.WithTransaction([&](storage::Transaction& tx) -> Outcome {
    LockSyncState(tx, caller.address);
    if (!identities::IsIdentityActive(tx, caller.address)) {
      throw SyncRunError("cannotStartSyncRunWhileIdentityIsToBeDeleted",
                         "Cannot start sync run because the identity is in status 'ToBeDeleted'.");
    }
    auto datawallet = FindDatawallet(tx, caller.address);
    if (type == kExternalEventSync && !datawallet) throw NotFound("Datawallet");
    CheckDatawalletVersion(datawallet, supported);

    const auto now = ctx.now();
    const auto now_text = FormatIsoUtc(now);
    auto previous = tx.Find(kSyncRuns, Query()
                                           .Where(Condition::Equals("createdBy", json::string(caller.address)).ScalarOnly())
                                           .OrderBy("index", SortDirection::kDescending)
                                           .Limit(1));
    std::int64_t index = 0;
    if (!previous.empty()) {
      auto& prev = previous.front();
      index = prev.body.at("index").to_number<std::int64_t>() + 1;
      if (!IsFinalized(prev.body)) {
        if (ParseIso(prev.body.at("expiresAt").as_string()) >= now) {
          throw SyncRunError("cannotStartSyncRunWhenAnotherSyncRunIsRunning",
                             "Another sync run is currently active (ID: " + prev.id +
                                 "). There can only be one active sync run at a time. Try again in a few seconds.");
        }
        // SyncRun.Cancel: the expired run ends, its events count an error and are released.
        prev.body["finalizedAt"] = now_text;
        tx.Replace(kSyncRuns, prev.id, prev.body);
        for (auto& event : EventsOfRun(tx, caller.address, prev.id)) FailEvent(tx, event, prev.id, "syncRunCanceled", now_text);
      }
    }

    std::vector<storage::Document> events;
    if (type == kExternalEventSync) {
      events = UnsyncedEvents(tx, caller.address);
      if (events.empty()) return {false, nullptr};
    }
    const auto id = core::GenerateBackboneId(core::backbone_ids::kSyncRun);
    json::object run{{"id", id},
                     {"type", type},
                     {"expiresAt", FormatIsoUtc(now + std::chrono::seconds(duration))},
                     {"index", index},
                     {"createdAt", now_text},
                     {"createdBy", caller.address},
                     {"createdByDevice", caller.device_id},
                     {"eventCount", events.size()},
                     {"finalizedAt", nullptr}};
    tx.Insert(kSyncRuns, id, run);
    for (auto& event : events) {
      event.body["syncRunId"] = id;
      tx.Replace(kExternalEvents, event.id, event.body);
    }
    return {true, SyncRunDto(run)};
  });
  if (ctx.sync_activity) ++(outcome.created ? ctx.sync_activity->runs_created : ctx.sync_activity->runs_no_new_events);
  json::object result{{"status", outcome.created ? "Created" : "NoNewEvents"}, {"syncRun", outcome.sync_run}};
  return Result(result, outcome.created ? 201 : 200);
}

http::Response ListEvents(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto page = ReadPageRequest(request, ctx.config.limits.defaultPageSize, ctx.config.limits.maxPageSize);
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto run = RequireRun(*tx, request.PathParam("id"), caller);
  if (IsFinalized(run)) throw SyncRunError("syncRunAlreadyFinalized", "This sync run is already finalized.");
  if (run.at("createdByDevice").as_string() != caller.device_id) {
    throw SyncRunError("cannotReadExternalEventsOfASyncRunStartedByAnotherDevice",
                       "This sync was started by another device. Only that device can read the corresponding external events.");
  }
  const auto run_id = json::value_to<std::string>(run.at("id"));
  storage::Filter filter;
  filter.Where(Condition::Equals("owner", json::string(caller.address)).ScalarOnly())
      .Where(Condition::Equals("syncRunId", json::string(run_id)).ScalarOnly());
  const auto total = tx->Count(kExternalEvents, filter);
  Query q;
  q.filter = filter;
  q.OrderBy("index").Limit(static_cast<std::size_t>(page.size)).Offset(static_cast<std::size_t>((page.number - 1) * page.size));
  json::array items;
  for (const auto& e : tx->Find(kExternalEvents, q)) items.push_back(ExternalEventDto(e.body));
  return PagedResult(items, page, total);
}

struct EventResult {
  std::string id;
  std::string error_code;
};

std::vector<EventResult> ReadEventResults(const json::array& items) {
  std::vector<EventResult> out;
  for (const auto& item : items) {
    if (!item.is_object()) throw CannotBeParsed("externalEventResults", "must contain objects.");
    EventResult r;
    r.id = RequiredString(item.get_object(), "externalEventId");
    core::ValidateBackboneId(r.id, core::backbone_ids::kExternalEvent, "externalEventId");
    r.error_code = OptionalString(item.get_object(), "errorCode").value_or("");
    if (r.error_code.size() > 100) throw InvalidPropertyValue("errorCode", "must have at most 100 characters.");
    out.push_back(std::move(r));
  }
  return out;
}

json::value NewestIndex(storage::Transaction& tx, std::string_view owner) {
  auto latest = LatestModificationIndex(tx, owner);
  return latest ? json::value(*latest) : json::value(nullptr);
}

http::Response FinalizeExternalEventSync(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto results = ReadEventResults(ArrayOrEmpty(body, "externalEventResults"));
  const auto modifications = ReadModifications(ArrayOrEmpty(body, "datawalletModifications"));
  std::uint64_t processed = 0;
  std::uint64_t failed = 0;
  auto response = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    processed = failed = 0;  // a retried transaction counts afresh
    LockSyncState(tx, caller.address);
    auto run = RequireRun(tx, request.PathParam("id"), caller);
    CheckFinalizePreconditions(run, caller, kExternalEventSync);
    if (!FindDatawallet(tx, caller.address)) throw NotFound("Datawallet");
    const auto run_id = json::value_to<std::string>(run.at("id"));
    const auto now = FormatIsoUtc(ctx.now());
    run["finalizedAt"] = now;
    tx.Replace(kSyncRuns, run_id, run);
    for (auto& event : EventsOfRun(tx, caller.address, run_id)) {
      auto it = std::find_if(results.begin(), results.end(), [&](const auto& r) { return r.id == event.id; });
      if (it == results.end()) {
        FailEvent(tx, event, run_id, "notProcessed", now);
        ++failed;
      } else if (!it->error_code.empty()) {
        FailEvent(tx, event, run_id, it->error_code, now);
        ++failed;
      } else {
        ++processed;
      }
    }
    auto created = AddDatawalletModifications(tx, ctx, caller, modifications);
    const bool more = !UnsyncedEvents(tx, caller.address, 1).empty();
    return json::object{{"newDatawalletModificationIndex", NewestIndex(tx, caller.address)},
                        {"datawalletModifications", created},
                        {"newUnsyncedExternalEventsExist", more}};
  });
  if (ctx.sync_activity) {
    ++ctx.sync_activity->event_runs_finalized;
    ctx.sync_activity->events_processed += processed;
    ctx.sync_activity->events_failed += failed;
  }
  return Result(response);
}

http::Response FinalizeDatawalletVersionUpgrade(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto version = RequiredInteger(body, "newDatawalletVersion", 0, 65535);
  if (version == 0) throw InvalidPropertyValue("newDatawalletVersion", "must not be empty.");
  const auto modifications = ReadModifications(ArrayOrEmpty(body, "datawalletModifications"));
  auto response = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockSyncState(tx, caller.address);
    auto run = RequireRun(tx, request.PathParam("id"), caller);
    CheckFinalizePreconditions(run, caller, kDatawalletVersionUpgrade);
    const auto run_id = json::value_to<std::string>(run.at("id"));
    run["finalizedAt"] = FormatIsoUtc(ctx.now());
    tx.Replace(kSyncRuns, run_id, run);
    auto datawallet = FindDatawallet(tx, caller.address);
    if (!datawallet) {
      tx.Insert(kDatawallets, caller.address,
                json::object{{"id", core::GenerateBackboneId(core::backbone_ids::kDatawallet)},
                             {"owner", caller.address},
                             {"version", version}});
    } else {
      const auto current = datawallet->at("version").to_number<std::int64_t>();
      if (version < current) {
        throw CodedError("error.platform.validation.datawallet.cannotDowngrade",
                         "The datawallet cannot be downgraded from version " + std::to_string(current) + " to " +
                             std::to_string(version) + ".");
      }
      (*datawallet)["version"] = version;
      tx.Replace(kDatawallets, caller.address, *datawallet);
    }
    auto created = AddDatawalletModifications(tx, ctx, caller, modifications);
    return json::object{{"newDatawalletModificationIndex", NewestIndex(tx, caller.address)},
                        {"datawalletModifications", created}};
  });
  if (ctx.sync_activity) ++ctx.sync_activity->upgrade_runs_finalized;
  return Result(response);
}

http::Response RefreshExpiration(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  auto response = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockSyncState(tx, caller.address);
    auto run = RequireRun(tx, request.PathParam("id"), caller);
    if (run.at("createdByDevice").as_string() != caller.device_id) {
      throw SyncRunError("cannotRefreshExpirationTimeOfSyncRunStartedByAnotherDevice",
                         "This sync was started by another device. You can only extend the expiration time of a sync run with the device it was started from.");
    }
    if (IsFinalized(run)) throw SyncRunError("syncRunAlreadyFinalized", "This sync run is already finalized.");
    run["expiresAt"] = FormatIsoUtc(ctx.now() + std::chrono::seconds(kDefaultSyncRunDurationSeconds));
    tx.Replace(kSyncRuns, run.at("id").as_string(), run);
    return json::object{{"expiresAt", run.at("expiresAt")}};
  });
  return Result(response);
}

}  // namespace

void RegisterSyncRunRoutes(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.Authenticated("POST", "/api/v2/SyncRuns", [&ctx](http::Request& r, const Caller& c) { return Start(ctx, r, c); });
  routes.Authenticated("GET", "/api/v2/SyncRuns/{id}", [&ctx](http::Request& r, const Caller& c) {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    return Result(SyncRunDto(RequireRun(*tx, r.PathParam("id"), c)));
  });
  routes.Authenticated("GET", "/api/v2/SyncRuns/{id}/ExternalEvents",
                       [&ctx](http::Request& r, const Caller& c) { return ListEvents(ctx, r, c); });
  routes.Authenticated("PUT", "/api/v2/SyncRuns/{id}/FinalizeExternalEventSync",
                       [&ctx](http::Request& r, const Caller& c) { return FinalizeExternalEventSync(ctx, r, c); });
  routes.Authenticated("PUT", "/api/v2/SyncRuns/{id}/FinalizeDatawalletVersionUpgrade",
                       [&ctx](http::Request& r, const Caller& c) { return FinalizeDatawalletVersionUpgrade(ctx, r, c); });
  routes.Authenticated("PUT", "/api/v2/SyncRuns/{id}/RefreshExpirationTime",
                       [&ctx](http::Request& r, const Caller& c) { return RefreshExpiration(ctx, r, c); });
}

}  // namespace nmshd::backbone::sync
