#include "sync/datawallet.h"

#include <charconv>
#include <map>
#include <tuple>

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::sync {

namespace json = boost::json;
using storage::Condition;
using storage::Query;

namespace {

CodedError Insufficient() {
  return CodedError("error.platform.validation.datawallet.insufficientSupportedDatawalletVersion",
                    "The supported datawallet version sent with the request is lower than the actual version of the datawallet.");
}

json::object ModificationDto(const json::object& m) {
  return json::object{{"id", m.at("id")},
                      {"datawalletVersion", m.at("datawalletVersion")},
                      {"index", m.at("index")},
                      {"objectIdentifier", m.at("objectIdentifier")},
                      {"payloadCategory", m.at("payloadCategory")},
                      {"createdAt", m.at("createdAt")},
                      {"createdByDevice", m.at("createdByDevice")},
                      {"collection", m.at("collection")},
                      {"type", m.at("type")},
                      {"encryptedPayload", m.at("encryptedPayload")}};
}

std::int64_t ParseLocalIndex(const http::Request& request) {
  auto text = request.QueryValue("localIndex");
  if (!text || text->empty()) return -1;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size()) {
    throw CodedError("error.platform.inputCannotBeParsed", "The query parameter 'localIndex' must be an integer.");
  }
  return v;
}

http::Response ListModifications(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto supported = SupportedDatawalletVersion(request);
  const auto page = ReadPageRequest(request, ctx.config.limits.defaultPageSize, ctx.config.limits.maxPageSize);
  const auto local_index = ParseLocalIndex(request);
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto datawallet = FindDatawallet(*tx, caller.address);
  if (supported < (datawallet ? datawallet->at("version").to_number<std::int64_t>() : 0)) throw Insufficient();

  auto docs = tx->Find(kDatawalletModifications,
                       Query()
                           .Where(Condition::Equals("createdBy", json::string(caller.address)).ScalarOnly())
                           .Where(Condition::Greater("index", local_index).ScalarOnly())
                           .OrderBy("index"));
  // Only the newest modification per (objectIdentifier, type, payloadCategory).
  using Key = std::tuple<std::string, std::string, std::string, bool>;
  std::map<Key, std::size_t> newest;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& b = docs[i].body;
    const auto& category = b.at("payloadCategory");
    Key key{std::string(b.at("objectIdentifier").as_string()), std::string(b.at("type").as_string()),
            category.is_string() ? std::string(category.as_string()) : std::string(), category.is_string()};
    newest[key] = i;  // ascending order: the last one wins
  }
  std::vector<std::size_t> kept;
  kept.reserve(newest.size());
  for (const auto& [key, i] : newest) kept.push_back(i);
  std::sort(kept.begin(), kept.end());

  json::array items;
  const auto first = static_cast<std::size_t>((page.number - 1) * page.size);
  for (std::size_t i = first; i < kept.size() && i < first + static_cast<std::size_t>(page.size); ++i) {
    items.push_back(ModificationDto(docs[kept[i]].body));
  }
  return PagedResult(items, page, kept.size());
}

http::Response PushModifications(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto supported = SupportedDatawalletVersion(request);
  const auto body = JsonBody(request);
  const auto local_index = OptionalInteger(body, "localIndex", -1, INT64_MAX);
  const auto items = ReadModifications(ArrayOrEmpty(body, "modifications"));
  if (items.empty()) throw InvalidPropertyValue("modifications", "must not be empty.");

  auto response = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockSyncState(tx, caller.address);
    storage::Filter open_runs;
    open_runs.Where(Condition::Equals("createdBy", json::string(caller.address)).ScalarOnly())
        .Where(Condition::Equals("finalizedAt", nullptr).ScalarOnly());
    if (tx.Count(kSyncRuns, open_runs) > 0) {
      throw CodedError("error.platform.validation.datawallet.cannotPushDatawalletModificationsDuringActiveSyncRun",
                       "There is an active sync run. In order to avoid conflicts it is not allowed to push new modifications while a sync run is active. Try again in a few seconds.");
    }
    auto datawallet = FindDatawallet(tx, caller.address);
    if (!datawallet) throw NotFound("Datawallet");
    if (supported < datawallet->at("version").to_number<std::int64_t>()) throw Insufficient();
    if (auto latest = LatestModificationIndex(tx, caller.address); latest && (!local_index || *latest != *local_index)) {
      throw CodedError("error.platform.validation.datawallet.datawalletNotUpToDate",
                       "The sent localIndex '" + (local_index ? std::to_string(*local_index) : std::string("null")) +
                           "' does not match the index of the latest modification ('" + std::to_string(*latest) +
                           "'). This probably means that your local datawallet is not up to date. Make sure you applied all modifications from the backbone before pushing a new modification.");
    }
    auto created = AddDatawalletModifications(tx, ctx, caller, items);
    auto new_index = created.back().as_object().at("index");
    return json::object{{"newIndex", new_index}, {"modifications", created}};
  });
  return Result(response, 201);
}

}  // namespace

void RegisterDatawalletRoutes(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.Authenticated("GET", "/api/v2/Datawallet", [&ctx](http::Request&, const Caller& caller) {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    auto datawallet = FindDatawallet(*tx, caller.address);
    if (!datawallet) throw NotFound("Datawallet");
    return Result(json::object{{"version", datawallet->at("version")}});
  });
  routes.Authenticated("GET", "/api/v2/Datawallet/Modifications",
                       [&ctx](http::Request& r, const Caller& c) { return ListModifications(ctx, r, c); });
  routes.Authenticated("POST", "/api/v2/Datawallet/Modifications",
                       [&ctx](http::Request& r, const Caller& c) { return PushModifications(ctx, r, c); });
}

}  // namespace nmshd::backbone::sync
