#include "auth/login.h"

#include <sodium.h>

#include "auth/password_hasher.h"
#include "identities/identity_store.h"
#include "logging/log_system.h"

namespace nmshd::backbone::auth {

using identities::DeviceRecord;

namespace {

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

LoginResult LogIn(const BackboneContext& ctx, std::string_view client_id, std::string_view client_secret,
                  std::string_view username, std::string_view password) {
  LoginResult result;
  const auto* client = ctx.config.FindClient(client_id);
  if (client == nullptr || !SecretsEqual(client->clientSecret, client_secret)) {
    result.outcome = LoginOutcome::kInvalidClient;
    return result;
  }
  if (username.empty() || username.size() > 100) return result;

  std::optional<DeviceRecord> device;
  {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    device = identities::FindDeviceByUsername(*tx, username);
    if (!device) return result;
    auto identity = identities::FindIdentity(*tx, device->identity_address);
    if (!identity || identity->IsGracePeriodOver(ctx.now())) return result;
  }
  if (device->lockout_end && *device->lockout_end > ctx.now()) {
    result.outcome = LoginOutcome::kLockedOut;
    return result;
  }
  // The expensive check runs outside any write transaction.
  const bool password_ok = VerifyPassword(device->password_hash, password);

  result.outcome = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto current = identities::FindDevice(tx, device->id);
    if (!current) return LoginOutcome::kInvalidGrant;
    const auto now = ctx.now();
    if (current->lockout_end && *current->lockout_end > now) return LoginOutcome::kLockedOut;
    LoginOutcome outcome;
    if (password_ok && current->password_hash == device->password_hash) {
      current->access_failed_count = 0;
      current->lockout_end.reset();
      current->last_login_at = now;
      current->is_backup_device = false;
      outcome = LoginOutcome::kOk;
    } else {
      current->access_failed_count += 1;
      outcome = LoginOutcome::kInvalidGrant;
      if (current->access_failed_count >= ctx.config.maxFailedAccessAttempts) {
        current->access_failed_count = 0;
        current->lockout_end = now + std::chrono::minutes(ctx.config.lockoutMinutes);
        outcome = LoginOutcome::kLockedOut;
        logging::GetLogger("backbone.auth").Info("device {} locked out after failed logins", current->id);
      }
    }
    tx.Replace(identities::kDevices, current->id, current->ToDocument());
    return outcome;
  });
  if (result.outcome == LoginOutcome::kOk) {
    result.caller = Caller{device->identity_address, device->id, device->username, std::string(client_id)};
  }
  return result;
}

}  // namespace nmshd::backbone::auth
