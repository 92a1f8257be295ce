#include "identities/identity_store.h"

#include "base/coded_error.h"

namespace nmshd::backbone::identities {

namespace json = boost::json;
using storage::Condition;
using storage::Query;

json::value OptionalDate(const std::optional<TimePoint>& t) {
  return t ? json::value(FormatIsoUtc(*t)) : json::value(nullptr);
}

std::optional<TimePoint> ReadOptionalDate(const json::object& doc, std::string_view key) {
  const auto* v = doc.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return ParseIso(v->get_string());
}

std::string StatusName(IdentityStatus status) {
  switch (status) {
    case IdentityStatus::kActive: return "Active";
    case IdentityStatus::kToBeDeleted: return "ToBeDeleted";
    case IdentityStatus::kDeleting: return "Deleting";
  }
  return "Active";
}

IdentityStatus ParseStatus(std::string_view name) {
  if (name == "ToBeDeleted") return IdentityStatus::kToBeDeleted;
  if (name == "Deleting") return IdentityStatus::kDeleting;
  return IdentityStatus::kActive;
}

json::object IdentityRecord::ToDocument() const {
  return json::object{{"address", address},
                      {"clientId", client_id},
                      {"publicKey", public_key},
                      {"identityVersion", identity_version},
                      {"createdAt", FormatIsoUtc(created_at)},
                      {"status", StatusName(status)},
                      {"deletionGracePeriodEndsAt", OptionalDate(deletion_grace_period_ends_at)}};
}

IdentityRecord IdentityRecord::FromDocument(const json::object& doc) {
  IdentityRecord r;
  r.address = json::value_to<std::string>(doc.at("address"));
  r.client_id = json::value_to<std::string>(doc.at("clientId"));
  r.public_key = json::value_to<std::string>(doc.at("publicKey"));
  r.identity_version = doc.at("identityVersion").to_number<std::int64_t>();
  r.created_at = ParseIso(doc.at("createdAt").as_string());
  r.status = ParseStatus(doc.at("status").as_string());
  r.deletion_grace_period_ends_at = ReadOptionalDate(doc, "deletionGracePeriodEndsAt");
  return r;
}

json::object DeviceRecord::ToDocument() const {
  return json::object{{"id", id},
                      {"identityAddress", identity_address},
                      {"username", username},
                      {"passwordHash", password_hash},
                      {"createdAt", FormatIsoUtc(created_at)},
                      {"createdByDevice", created_by_device},
                      {"communicationLanguage", communication_language},
                      {"isBackupDevice", is_backup_device},
                      {"lastLoginAt", OptionalDate(last_login_at)},
                      {"accessFailedCount", access_failed_count},
                      {"lockoutEnd", OptionalDate(lockout_end)}};
}

DeviceRecord DeviceRecord::FromDocument(const json::object& doc) {
  DeviceRecord r;
  r.id = json::value_to<std::string>(doc.at("id"));
  r.identity_address = json::value_to<std::string>(doc.at("identityAddress"));
  r.username = json::value_to<std::string>(doc.at("username"));
  r.password_hash = json::value_to<std::string>(doc.at("passwordHash"));
  r.created_at = ParseIso(doc.at("createdAt").as_string());
  r.created_by_device = json::value_to<std::string>(doc.at("createdByDevice"));
  r.communication_language = json::value_to<std::string>(doc.at("communicationLanguage"));
  r.is_backup_device = doc.at("isBackupDevice").as_bool();
  r.last_login_at = ReadOptionalDate(doc, "lastLoginAt");
  r.access_failed_count = doc.at("accessFailedCount").to_number<std::int64_t>();
  r.lockout_end = ReadOptionalDate(doc, "lockoutEnd");
  return r;
}

json::object DeviceRecord::ToDto() const {
  json::value last_login = nullptr;
  if (last_login_at) last_login = json::object{{"time", FormatIsoUtc(*last_login_at)}};
  return json::object{{"id", id},
                      {"username", username},
                      {"createdAt", FormatIsoUtc(created_at)},
                      {"createdByDevice", created_by_device},
                      {"lastLogin", last_login},
                      {"communicationLanguage", communication_language},
                      {"isBackupDevice", is_backup_device}};
}

std::optional<IdentityRecord> FindIdentity(storage::Transaction& tx, std::string_view address) {
  auto doc = tx.Get(kIdentities, address);
  if (!doc) return std::nullopt;
  return IdentityRecord::FromDocument(*doc);
}

std::optional<DeviceRecord> FindDevice(storage::Transaction& tx, std::string_view device_id) {
  auto doc = tx.Get(kDevices, device_id);
  if (!doc) return std::nullopt;
  return DeviceRecord::FromDocument(*doc);
}

std::optional<DeviceRecord> FindDeviceByUsername(storage::Transaction& tx, std::string_view username) {
  auto docs = tx.Find(kDevices, Query().Where(Condition::Equals("username", json::string(username)).ScalarOnly()).Limit(1));
  if (docs.empty()) return std::nullopt;
  return DeviceRecord::FromDocument(docs.front().body);
}

std::vector<DeviceRecord> DevicesOfIdentity(storage::Transaction& tx, std::string_view address) {
  std::vector<DeviceRecord> out;
  for (auto& d : tx.Find(kDevices, Query()
                                       .Where(Condition::Equals("identityAddress", json::string(address)).ScalarOnly())
                                       .OrderBy("createdAt"))) {
    out.push_back(DeviceRecord::FromDocument(d.body));
  }
  return out;
}

std::uint64_t CountIdentitiesOfClient(storage::Transaction& tx, std::string_view client_id) {
  storage::Filter f;
  f.Where(Condition::Equals("clientId", json::string(client_id)).ScalarOnly());
  return tx.Count(kIdentities, f);
}

void LockIdentity(storage::Transaction& tx, std::string_view address) {
  tx.Lock("identityLock:" + std::string(address));
}

std::optional<IdentityStatus> GetIdentityStatus(storage::Transaction& tx, std::string_view address) {
  auto doc = tx.Get(kIdentities, address);
  if (!doc) return std::nullopt;
  return ParseStatus(doc->at("status").as_string());
}

bool IdentityExists(storage::Transaction& tx, std::string_view address) {
  return GetIdentityStatus(tx, address).has_value();
}

bool IsIdentityActive(storage::Transaction& tx, std::string_view address) {
  return GetIdentityStatus(tx, address) == IdentityStatus::kActive;
}

bool IsIdentityToBeDeleted(storage::Transaction& tx, std::string_view address) {
  auto status = GetIdentityStatus(tx, address);
  return status && *status != IdentityStatus::kActive;
}

std::optional<TimePoint> DeletionGracePeriodEndsAt(storage::Transaction& tx, std::string_view address) {
  auto identity = FindIdentity(tx, address);
  if (!identity) return std::nullopt;
  return identity->deletion_grace_period_ends_at;
}

void EnsureIdentityIndexes(storage::Database& db) {
  db.EnsureIndex(kIdentities, {"clientId", {"clientId"}, false});
  db.EnsureIndex(kDevices, {"username", {"username"}, true});
  db.EnsureIndex(kDevices, {"identityAddress", {"identityAddress"}, false});
  db.EnsureIndex(kDeletionProcesses, {"identityAddress", {"identityAddress"}, false});
}

}  // namespace nmshd::backbone::identities
