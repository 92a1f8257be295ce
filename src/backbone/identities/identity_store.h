#pragma once
// Persistent shapes of the Devices module (official Modules/Devices: Identities, Devices +
// AspNetUsers, IdentityDeletionProcesses, PnsRegistrations) as documents, and their lookups.
//
//   identities                 id = address
//     {address, clientId, publicKey (b64url of the CryptoSignaturePublicKey JSON bytes, verbatim),
//      identityVersion, createdAt, status "Active"|"ToBeDeleted"|"Deleting",
//      deletionGracePeriodEndsAt (ISO|null), communicationLanguage}
//   devices                    id = DVC…   (the device and its ASP.NET Identity user in one)
//     {id, identityAddress, username (USR…, unique), passwordHash ($argon2id$…), createdAt,
//      createdByDevice, communicationLanguage, isBackupDevice, lastLoginAt (ISO|null),
//      accessFailedCount, lockoutEnd (ISO|null)}
//   identityDeletionProcesses  id = IDP…   (see deletion_processes.h)
//   pnsRegistrations           id = device id (see push_registrations.cpp)
// Dates are ISO strings "YYYY-MM-DDTHH:mm:ss.sssZ", which compare chronologically as strings.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/iso_date.h"
#include "identities/identity_status.h"
#include "storage/document_store.h"

namespace nmshd::backbone::identities {

inline constexpr std::string_view kIdentities = "identities";
inline constexpr std::string_view kDevices = "devices";
inline constexpr std::string_view kDeletionProcesses = "identityDeletionProcesses";
inline constexpr std::string_view kPnsRegistrations = "pnsRegistrations";

struct IdentityRecord {
  std::string address;
  std::string client_id;
  std::string public_key;  // b64url of the JSON bytes the client sent
  std::int64_t identity_version = 1;
  TimePoint created_at;
  IdentityStatus status = IdentityStatus::kActive;
  std::optional<TimePoint> deletion_grace_period_ends_at;

  boost::json::object ToDocument() const;
  static IdentityRecord FromDocument(const boost::json::object& doc);
  // Identity.IsGracePeriodOver: a deletion grace period exists and has ended.
  bool IsGracePeriodOver(TimePoint now) const {
    return deletion_grace_period_ends_at && *deletion_grace_period_ends_at < now;
  }
};

struct DeviceRecord {
  std::string id;
  std::string identity_address;
  std::string username;
  std::string password_hash;
  TimePoint created_at;
  std::string created_by_device;
  std::string communication_language = "en";
  bool is_backup_device = false;
  std::optional<TimePoint> last_login_at;
  std::int64_t access_failed_count = 0;
  std::optional<TimePoint> lockout_end;

  boost::json::object ToDocument() const;
  static DeviceRecord FromDocument(const boost::json::object& doc);
  // Device.IsOnboarded: it has logged in at least once.
  bool IsOnboarded() const { return last_login_at.has_value(); }
  // The official DeviceDTO (GET /Devices/Self).
  boost::json::object ToDto() const;
};

std::string StatusName(IdentityStatus status);
IdentityStatus ParseStatus(std::string_view name);

std::optional<IdentityRecord> FindIdentity(storage::Transaction& tx, std::string_view address);
std::optional<DeviceRecord> FindDevice(storage::Transaction& tx, std::string_view device_id);
std::optional<DeviceRecord> FindDeviceByUsername(storage::Transaction& tx, std::string_view username);
std::vector<DeviceRecord> DevicesOfIdentity(storage::Transaction& tx, std::string_view address);
std::uint64_t CountIdentitiesOfClient(storage::Transaction& tx, std::string_view client_id);

// Serializes writers of one identity's Devices-module state (deletion processes, devices) on
// PostgreSQL's READ COMMITTED: a row-locked sequence increment that waits for the other writer.
void LockIdentity(storage::Transaction& tx, std::string_view address);

// Helpers for optional ISO dates in documents.
boost::json::value OptionalDate(const std::optional<TimePoint>& t);
std::optional<TimePoint> ReadOptionalDate(const boost::json::object& doc, std::string_view key);

void EnsureIdentityIndexes(storage::Database& db);

}  // namespace nmshd::backbone::identities
