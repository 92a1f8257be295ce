#include "identities/devices_routes.h"

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "auth/password_hasher.h"
#include "base/base64.h"
#include "core/backbone_ids.h"
#include "identities/communication_language.h"
#include "identities/identity_store.h"
#include "identities/signed_challenge.h"

namespace nmshd::backbone::identities {

namespace json = boost::json;
using storage::Condition;

namespace {

DeviceRecord RequireOwnDevice(storage::Transaction& tx, const Caller& caller) {
  auto device = FindDevice(tx, caller.device_id);
  if (!device) throw NotFound("Device");
  return *device;
}

http::Response RegisterDevice(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto password = RequiredNonEmptyString(body, "devicePassword");
  const auto signed_challenge = SignedChallenge::FromJson(RequiredObject(body, "signedChallenge"));
  const bool is_backup = OptionalBool(body, "isBackupDevice").value_or(false);
  const auto language =
      OptionalString(body, "communicationLanguage").value_or(std::string(kDefaultCommunicationLanguage));
  ValidateCommunicationLanguage(language);
  const auto password_hash = auth::HashPassword(password);

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockIdentity(tx, caller.address);
    auto identity = FindIdentity(tx, caller.address);
    if (!identity) throw NotFound("Identity");
    auto devices = DevicesOfIdentity(tx, caller.address);
    if (is_backup && std::any_of(devices.begin(), devices.end(), [](const auto& d) { return d.is_backup_device; })) {
      throw CodedError("error.platform.validation.device.onlyOneBackupDeviceCanExist",
                       "Only one backup device can be created per identity.");
    }
    const auto key = ParseIdentityPublicKey(base64::DecodeUrlNoPad(identity->public_key), "identityPublicKey");
    VerifySignedChallenge(tx, ctx, signed_challenge, key);

    DeviceRecord device;
    device.id = core::GenerateBackboneId(core::backbone_ids::kDevice);
    device.identity_address = caller.address;
    device.username = core::GenerateBackboneId(core::backbone_ids::kUsername);
    device.password_hash = password_hash;
    device.created_at = ctx.now();
    device.created_by_device = caller.device_id;
    device.communication_language = language;
    device.is_backup_device = is_backup;
    tx.Insert(kDevices, device.id, device.ToDocument());
    return Result(json::object{{"id", device.id},
                               {"username", device.username},
                               {"createdAt", FormatIsoUtc(device.created_at)},
                               {"createdByDevice", device.created_by_device},
                               {"isBackupDevice", device.is_backup_device}},
                  201);
  });
}

http::Response ChangePassword(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto old_password = RequiredNonEmptyString(body, "oldPassword");
  const auto new_password = RequiredNonEmptyString(body, "newPassword");
  std::string current_hash;
  {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    current_hash = RequireOwnDevice(*tx, caller).password_hash;
  }
  if (!auth::VerifyPassword(current_hash, old_password)) {
    throw CodedError("error.platform.validation.device.changePasswordFailed", "Incorrect password.");
  }
  const auto new_hash = auth::HashPassword(new_password);
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto device = RequireOwnDevice(tx, caller);
    if (device.password_hash != current_hash) {
      // Changed concurrently: the old password we checked is no longer the current one.
      throw CodedError("error.platform.validation.device.changePasswordFailed", "Incorrect password.");
    }
    device.password_hash = new_hash;
    tx.Replace(kDevices, device.id, device.ToDocument());
  });
  return Empty();
}

http::Response UpdateDevice(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto language = RequiredString(body, "communicationLanguage");
  ValidateCommunicationLanguage(language);
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto device = RequireOwnDevice(tx, caller);
    if (device.communication_language == language) return;
    device.communication_language = language;
    tx.Replace(kDevices, device.id, device.ToDocument());
  });
  return Empty();
}

http::Response ListDevices(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto page = ReadPageRequest(request, ctx.config.limits.defaultPageSize, ctx.config.limits.maxPageSize);
  auto ids = request.QueryValues("ids");
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  std::vector<DeviceRecord> devices;
  for (auto& d : DevicesOfIdentity(*tx, caller.address)) {
    if (ids.empty() || std::find(ids.begin(), ids.end(), d.id) != ids.end()) devices.push_back(std::move(d));
  }
  json::array items;
  const auto first = static_cast<std::size_t>((page.number - 1) * page.size);
  for (std::size_t i = first; i < devices.size() && i < first + static_cast<std::size_t>(page.size); ++i) {
    items.push_back(devices[i].ToDto());
  }
  return PagedResult(items, page, devices.size());
}

http::Response DeleteDevice(const BackboneContext& ctx, auth::AccessTokens& tokens, http::Request& request,
                            const Caller& caller) {
  const auto& id = request.PathParam("id");
  core::ValidateBackboneId(id, core::backbone_ids::kDevice, "id");
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto device = FindDevice(tx, id);
    if (!device) throw NotFound("Device");
    if (device->IsOnboarded()) {
      throw CodedError("error.platform.validation.device.deviceCannotBeDeleted",
                       "The device cannot be deleted because it is already onboarded.");
    }
    if (device->identity_address != caller.address) {
      throw CodedError("error.platform.validation.device.deviceCannotBeDeleted",
                       "You are not allowed to delete this device as it belongs to another identity.");
    }
    tx.Delete(kDevices, id);
    tx.Delete(kPnsRegistrations, id);
  });
  tokens.RevokeDevice(id);
  return Empty();
}

http::Response RegisterPush(const BackboneContext& ctx, http::Request& request, const Caller& caller) {
  const auto body = JsonBody(request);
  const auto platform = RequiredString(body, "platform");
  if (platform != "fcm" && platform != "apns" && platform != "dummy" && platform != "sse") {
    throw InvalidPropertyValue("platform", "must be one of fcm, apns, dummy, sse.");
  }
  const auto handle = RequiredNonEmptyString(body, "handle");
  if (handle.size() < 10 || handle.size() > 500) throw InvalidPropertyValue("handle", "must have 10..500 characters.");
  const auto app_id = RequiredNonEmptyString(body, "appId");
  const auto environment = OptionalString(body, "environment").value_or("Production");
  if (environment != "Development" && environment != "Production") {
    throw InvalidPropertyValue("environment", "must be Development or Production.");
  }
  auto identifier = ctx.db.WithTransaction([&](storage::Transaction& tx) {
    std::string dpi;
    if (auto existing = tx.Get(kPnsRegistrations, caller.device_id)) {
      dpi = json::value_to<std::string>(existing->at("devicePushIdentifier"));
    } else {
      dpi = core::GenerateBackboneId(core::backbone_ids::kDevicePushIdentifier);
    }
    tx.Upsert(kPnsRegistrations, caller.device_id,
              json::object{{"deviceId", caller.device_id},
                           {"identityAddress", caller.address},
                           {"devicePushIdentifier", dpi},
                           {"platform", platform},
                           {"handle", handle},
                           {"appId", app_id},
                           {"environment", environment},
                           {"updatedAt", FormatIsoUtc(ctx.now())}});
    return dpi;
  });
  return Result(json::object{{"devicePushIdentifier", identifier}});
}

}  // namespace

void RegisterDeviceRoutes(ApiRoutes& routes, const BackboneContext& ctx, auth::AccessTokens& tokens) {
  routes.Authenticated("POST", "/api/v2/Devices",
                       [&ctx](http::Request& r, const Caller& c) { return RegisterDevice(ctx, r, c); });
  routes.Authenticated("GET", "/api/v2/Devices",
                       [&ctx](http::Request& r, const Caller& c) { return ListDevices(ctx, r, c); });
  routes.Authenticated("PUT", "/api/v2/Devices/Self/Password",
                       [&ctx](http::Request& r, const Caller& c) { return ChangePassword(ctx, r, c); });
  routes.Authenticated("PUT", "/api/v2/Devices/Self",
                       [&ctx](http::Request& r, const Caller& c) { return UpdateDevice(ctx, r, c); });
  routes.Authenticated("GET", "/api/v2/Devices/Self", [&ctx](http::Request&, const Caller& c) {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    return Result(RequireOwnDevice(*tx, c).ToDto());
  });
  routes.Authenticated("DELETE", "/api/v2/Devices/{id}", [&ctx, &tokens](http::Request& r, const Caller& c) {
    return DeleteDevice(ctx, tokens, r, c);
  });
  routes.Authenticated("PUT", "/api/v2/Devices/Self/PushNotifications",
                       [&ctx](http::Request& r, const Caller& c) { return RegisterPush(ctx, r, c); });
  routes.Authenticated("DELETE", "/api/v2/Devices/Self/PushNotifications", [&ctx](http::Request&, const Caller& c) {
    ctx.db.WithTransaction([&](storage::Transaction& tx) { tx.Delete(kPnsRegistrations, c.device_id); });
    return Empty();
  });
}

}  // namespace nmshd::backbone::identities
