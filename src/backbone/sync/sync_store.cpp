#include "sync/sync_store.h"

#include <strings.h>

#include <array>

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "base/base64.h"
#include "core/backbone_ids.h"

namespace nmshd::backbone::sync {

namespace json = boost::json;
using storage::Condition;
using storage::Query;
using storage::SortDirection;

void LockSyncState(storage::Transaction& tx, std::string_view address) {
  tx.Lock("syncLock:" + std::string(address));
}

std::vector<storage::Document> UnsyncedEvents(storage::Transaction& tx, std::string_view owner,
                                              std::optional<std::size_t> limit) {
  Query q;
  q.Where(Condition::Equals("owner", json::string(owner)).ScalarOnly())
      .Where(Condition::Equals("syncRunId", nullptr).ScalarOnly())
      .Where(Condition::Equals("isDeliveryBlocked", false).ScalarOnly())
      .Where(Condition::Less("syncErrorCount", kMaxSyncErrors).ScalarOnly())
      .OrderBy("index");
  if (limit) q.Limit(*limit);
  return tx.Find(kExternalEvents, q);
}

json::object ExternalEventDto(const json::object& event) {
  return json::object{{"id", event.at("id")},
                      {"type", event.at("type")},
                      {"index", event.at("index")},
                      {"createdAt", event.at("createdAt")},
                      {"syncErrorCount", event.at("syncErrorCount")},
                      {"payload", event.at("payload")}};
}

std::optional<json::object> FindDatawallet(storage::Transaction& tx, std::string_view owner) {
  return tx.Get(kDatawallets, owner);
}

namespace {

std::string ParseModificationType(const json::value* v) {
  static constexpr std::array<std::string_view, 4> kTypes = {"Create", "Update", "Delete", "CacheChanged"};
  if (v != nullptr && v->is_string()) {
    for (auto t : kTypes) {
      const auto& s = v->get_string();
      if (s.size() == t.size() && strncasecmp(s.data(), t.data(), t.size()) == 0) return std::string(t);
    }
  }
  if (v != nullptr && v->is_int64() && v->get_int64() >= 0 && v->get_int64() < 4) {
    return std::string(kTypes[static_cast<std::size_t>(v->get_int64())]);
  }
  throw CannotBeParsed("type", "must be one of Create, Update, Delete, CacheChanged.");
}

}  // namespace

NewDatawalletModification NewDatawalletModification::FromJson(const json::value& item) {
  if (!item.is_object()) throw CannotBeParsed("datawalletModifications", "must contain objects.");
  const auto& o = item.get_object();
  NewDatawalletModification m;
  m.type = ParseModificationType(NonNullMember(o, "type"));
  m.object_identifier = RequiredString(o, "objectIdentifier");
  if (m.object_identifier.size() > 100) throw InvalidPropertyValue("objectIdentifier", "must have at most 100 characters.");
  m.collection = RequiredString(o, "collection");
  if (m.collection.size() > 50) throw InvalidPropertyValue("collection", "must have at most 50 characters.");
  m.payload_category = OptionalString(o, "payloadCategory");
  if (m.payload_category && m.payload_category->size() > 50) {
    throw InvalidPropertyValue("payloadCategory", "must have at most 50 characters.");
  }
  m.encrypted_payload = OptionalBytes(o, "encryptedPayload");
  m.datawallet_version = RequiredInteger(o, "datawalletVersion", 0, 65535);
  return m;
}

std::vector<NewDatawalletModification> ReadModifications(const json::array& items) {
  std::vector<NewDatawalletModification> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(NewDatawalletModification::FromJson(item));
  return out;
}

std::optional<std::int64_t> LatestModificationIndex(storage::Transaction& tx, std::string_view owner) {
  auto docs = tx.Find(kDatawalletModifications,
                      Query()
                          .Where(Condition::Equals("createdBy", json::string(owner)).ScalarOnly())
                          .OrderBy("index", SortDirection::kDescending)
                          .Limit(1));
  if (docs.empty()) return std::nullopt;
  return docs.front().body.at("index").to_number<std::int64_t>();
}

json::array AddDatawalletModifications(storage::Transaction& tx, const BackboneContext& ctx, const Caller& caller,
                                       const std::vector<NewDatawalletModification>& items) {
  auto datawallet = FindDatawallet(tx, caller.address);
  if (!datawallet) throw NotFound("Datawallet");
  json::array created;
  if (items.empty()) return created;
  const auto version = datawallet->at("version").to_number<std::int64_t>();
  auto next = LatestModificationIndex(tx, caller.address).value_or(-1) + 1;
  const auto now = FormatIsoUtc(ctx.now());
  for (const auto& m : items) {
    if (m.datawallet_version > version) {
      throw CodedError("error.platform.validation.datawallet.datawalletVersionOfModificationTooHigh",
                       "The datawallet version of the modification (" + std::to_string(m.datawallet_version) +
                           ") is higher than the version of the datawallet (" + std::to_string(version) + ").");
    }
    const auto id = core::GenerateBackboneId(core::backbone_ids::kDatawalletModification);
    json::object doc{{"id", id},
                     {"createdBy", caller.address},
                     {"datawalletVersion", m.datawallet_version},
                     {"index", next},
                     {"objectIdentifier", m.object_identifier},
                     {"payloadCategory", m.payload_category ? json::value(*m.payload_category) : json::value(nullptr)},
                     {"createdAt", now},
                     {"createdByDevice", caller.device_id},
                     {"collection", m.collection},
                     {"type", m.type},
                     {"encryptedPayload",
                      m.encrypted_payload ? json::value(base64::EncodeUrlNoPad(*m.encrypted_payload)) : json::value(nullptr)}};
    tx.Insert(kDatawalletModifications, id, doc);
    created.push_back(json::object{{"id", id}, {"index", next}, {"createdAt", now}});
    ++next;
  }
  return created;
}

void EnsureSyncIndexes(storage::Database& db) {
  db.EnsureIndex(kSyncRuns, {"createdByIndex", {"createdBy", "index"}, true});
  db.EnsureIndex(kExternalEvents, {"ownerIndex", {"owner", "index"}, true});
  db.EnsureIndex(kExternalEvents, {"ownerSyncRun", {"owner", "syncRunId"}, false});
  db.EnsureIndex(kExternalEvents, {"context", {"context"}, false});
  db.EnsureIndex(kDatawalletModifications, {"createdByIndex", {"createdBy", "index"}, true});
}

}  // namespace nmshd::backbone::sync
