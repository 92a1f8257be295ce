#include "identities/identities_routes.h"

#include <sodium.h>

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "auth/password_hasher.h"
#include "base/base64.h"
#include "core/backbone_ids.h"
#include "core/identity_address.h"
#include "identities/communication_language.h"
#include "identities/identity_store.h"
#include "identities/signed_challenge.h"
#include "logging/log_system.h"

namespace nmshd::backbone::identities {

namespace json = boost::json;

namespace {

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

CodedError ClientUnauthorized() {
  return CodedError("error.platform.unauthorized",
                    "You have to authenticate in order to execute this action. Further make sure "
                    "that the auth token has not expired.");
}

http::Response CreateIdentity(const BackboneContext& ctx, http::Request& request) {
  const auto body = JsonBody(request);
  const auto client_id = RequiredString(body, "clientId");
  const auto client_secret = RequiredString(body, "clientSecret");
  const auto* client = ctx.config.FindClient(client_id);
  if (client == nullptr || !SecretsEqual(client->clientSecret, client_secret)) throw ClientUnauthorized();

  const auto public_key_bytes = RequiredBytes(body, "identityPublicKey");
  const auto password = RequiredNonEmptyString(body, "devicePassword");
  const auto identity_version = RequiredInteger(body, "identityVersion", 0, 255);
  const auto signed_challenge = SignedChallenge::FromJson(RequiredObject(body, "signedChallenge"));
  const auto language =
      OptionalString(body, "deviceCommunicationLanguage").value_or(std::string(kDefaultCommunicationLanguage));
  ValidateCommunicationLanguage(language);
  const auto public_key = ParseIdentityPublicKey(public_key_bytes, "identityPublicKey");

  // Hash outside the transaction: it takes tens of milliseconds and SQLite has one writer.
  const auto password_hash = auth::HashPassword(password);

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    VerifySignedChallenge(tx, ctx, signed_challenge, public_key);

    const auto address = core::IdentityAddress::Derive(public_key.bytes(), ctx.config.didDomainName).str();
    if (FindIdentity(tx, address)) {
      throw CodedError("error.platform.validation.device.addressAlreadyExists",
                       "The address derived from the given public key already exists. Try again with a different public key.");
    }
    if (client->maxIdentities) {
      // Serialize creations of one client so two concurrent requests cannot both pass the limit.
      tx.Lock("clientIdentityLock:" + client_id);
      if (static_cast<std::int64_t>(CountIdentitiesOfClient(tx, client_id)) >= *client->maxIdentities) {
        throw CodedError("error.platform.validation.device.clientReachedIdentitiesLimit",
                         "The client's Identity limit has been reached. A new Identity cannot be created with this client.");
      }
    }

    const auto now = ctx.now();
    IdentityRecord identity;
    identity.address = address;
    identity.client_id = client_id;
    identity.public_key = base64::EncodeUrlNoPad(public_key_bytes);
    identity.identity_version = identity_version;
    identity.created_at = now;

    DeviceRecord device;
    device.id = core::GenerateBackboneId(core::backbone_ids::kDevice);
    device.identity_address = address;
    device.username = core::GenerateBackboneId(core::backbone_ids::kUsername);
    device.password_hash = password_hash;
    device.created_at = now;
    device.created_by_device = device.id;
    device.communication_language = language;

    try {
      tx.Insert(kIdentities, address, identity.ToDocument());
    } catch (const CodedError& e) {
      if (e.code() != "error.storage.duplicateId") throw;
      throw CodedError("error.platform.validation.device.addressAlreadyExists",
                       "The address derived from the given public key already exists. Try again with a different public key.");
    }
    tx.Insert(kDevices, device.id, device.ToDocument());
    logging::GetLogger("backbone.identities").Info("identity created with device {}", device.id);

    json::object device_dto{{"id", device.id}, {"username", device.username}, {"createdAt", FormatIsoUtc(now)}};
    return Result(json::object{{"address", address}, {"createdAt", FormatIsoUtc(now)}, {"device", device_dto}}, 201);
  });
}

http::Response IsDeleted(const BackboneContext& ctx, http::Request& request) {
  auto username = request.QueryValue("username");
  if (!username || username->empty()) {
    throw CodedError("error.platform.validation.invalidPropertyValue", "The query parameter 'username' is required.");
  }
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  bool deleted = false;
  json::value date = nullptr;
  if (username->size() <= 100) {
    if (auto device = FindDeviceByUsername(*tx, *username)) {
      if (auto identity = FindIdentity(*tx, device->identity_address); identity && identity->IsGracePeriodOver(ctx.now())) {
        deleted = true;
        date = FormatIsoUtc(*identity->deletion_grace_period_ends_at);
      }
    }
  }
  return Result(json::object{{"isDeleted", deleted}, {"deletionDate", date}});
}

http::Response OwnIdentity(const BackboneContext& ctx, const Caller& caller) {
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto identity = FindIdentity(*tx, caller.address);
  if (!identity) throw NotFound("Identity");
  return Result(json::object{{"address", identity->address},
                             {"clientId", identity->client_id},
                             {"publicKey", identity->public_key},
                             {"identityVersion", identity->identity_version},
                             {"createdAt", FormatIsoUtc(identity->created_at)},
                             {"status", StatusName(identity->status)}});
}

}  // namespace

void RegisterIdentityRoutes(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.Anonymous("POST", "/api/v2/Identities", [&ctx](http::Request& r) { return CreateIdentity(ctx, r); });
  routes.Anonymous("GET", "/api/v2/Identities/IsDeleted", [&ctx](http::Request& r) { return IsDeleted(ctx, r); });
  routes.Authenticated("GET", "/api/v2/Identities/Self",
                       [&ctx](http::Request&, const Caller& c) { return OwnIdentity(ctx, c); });
}

}  // namespace nmshd::backbone::identities
