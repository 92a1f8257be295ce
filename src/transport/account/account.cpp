#include "transport/account/account.h"

#include <sodium.h>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/core_date.h"
#include "core/identity_address.h"
#include "crypto/derivation.h"
#include "crypto/signatures.h"
#include "logging/log_system.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

constexpr std::string_view kSelf = "self";
constexpr std::string_view kKeyCheck = "keyCheck";
constexpr std::string_view kSecretsContext = "account/self/secrets";
// The datawallet version transport 7 supports; the Backbone needs the upgrade run once.
constexpr int kDatawalletVersion = 1;

std::span<const std::uint8_t> Utf8(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

std::string GenerateDevicePassword() {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!$%&/()=?*+#-_.,:;";
  const std::size_t length = 45 + randombytes_uniform(6);
  std::string password(length, '\0');
  for (auto& c : password) c = kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  return password;
}

Account::Account(std::string address, crypto::SignatureKeypair identity_keys, crypto::SignatureKeypair device_keys,
                 crypto::SecretKey shared_base_key, std::string device_password, DeviceInfo device,
                 std::string created_at)
    : address_(std::move(address)),
      identity_keys_(std::move(identity_keys)),
      device_keys_(std::move(device_keys)),
      shared_base_key_(std::move(shared_base_key)),
      device_password_(std::move(device_password)),
      device_(std::move(device)),
      created_at_(std::move(created_at)) {}

bool Account::Exists(storage::Database& db) { return db.Get(kCollection, kSelf).has_value(); }

Account Account::OpenOrRegister(storage::Database& db, const SecretBox& box, BackboneClient& client,
                                const AccountOptions& options) {
  auto self = db.Get(kCollection, kSelf);
  if (!self) {
    if (!options.allow_identity_creation) {
      throw CodedError("error.transport.general.noIdentityFound",
                       "No Identity was found and the identity creation is not enabled.");
    }
    auto account = Register(db, box, client, options);
    client.SetDeviceCredentials({account.device_.username, account.device_password_});
    UpgradeDatawalletVersion(client);
    db.WithTransaction([&](storage::Transaction& tx) {
      auto stored = tx.Get(kCollection, kSelf).value();
      stored["datawalletVersion"] = kDatawalletVersion;
      tx.Replace(kCollection, kSelf, stored);
    });
    return account;
  }
  const auto key_check = db.Get(kCollection, kKeyCheck);
  const auto* check_value = key_check ? key_check->if_contains("value") : nullptr;
  if (check_value == nullptr || !check_value->is_string() || !box.MatchesKeyCheck(check_value->get_string())) {
    throw CodedError("error.connector.keyMaterial.wrongKey",
                     "the configured key material (" + box.key().source() +
                         ") is not the key this database's identity was stored with; refusing to start");
  }
  auto account = Load(*self, box);
  client.SetDeviceCredentials({account.device_.username, account.device_password_});
  // A crash right after registration may have skipped the upgrade run; it is idempotent enough to
  // repeat (the Backbone answers an existing datawallet with its version).
  if (!self->contains("datawalletVersion")) {
    UpgradeDatawalletVersion(client);
    db.WithTransaction([&](storage::Transaction& tx) {
      auto stored = tx.Get(kCollection, kSelf).value();
      stored["datawalletVersion"] = kDatawalletVersion;
      tx.Replace(kCollection, kSelf, stored);
    });
  }
  return account;
}

Account Account::Load(const js::object& self, const SecretBox& box) {
  auto str = [&](std::string_view key) -> std::string {
    const auto* v = self.if_contains(key);
    if (v == nullptr || !v->is_string()) {
      throw CodedError("error.connector.storage.corruptRecord", "the account record lacks '" + std::string(key) + "'");
    }
    return std::string(v->get_string());
  };
  const auto secrets = box.Open(str("secrets"), kSecretsContext);
  try {
    return Account(str("address"),
                   crypto::SignatureKeypair(crypto::SignaturePublicKey::FromBase64(str("identityPublicKey")),
                                            crypto::SignaturePrivateKey::FromJson(secrets.at("identityPrivateKey"))),
                   crypto::SignatureKeypair::FromJson(secrets.at("deviceKeypair")),
                   crypto::SecretKey::FromJson(secrets.at("sharedSecretBaseKey")),
                   std::string(secrets.at("devicePassword").as_string()),
                   DeviceInfo{str("deviceId"), str("username"), str("deviceCreatedAt")}, str("createdAt"));
  } catch (const CodedError&) {
    throw;
  } catch (const std::exception& e) {
    throw CodedError("error.connector.storage.corruptRecord",
                     std::string("the account's secrets are incomplete: ") + e.what());
  }
}

Account Account::Register(storage::Database& db, const SecretBox& box, BackboneClient& client,
                          const AccountOptions& options) {
  auto log = logging::GetLogger("transport.account");
  auto identity_keys = crypto::SignatureKeypair::Generate();
  auto device_keys = crypto::SignatureKeypair::Generate();
  auto shared_base_key = crypto::SecretKey::Generate();
  const auto device_password = GenerateDevicePassword();

  const auto challenge = client.Post("/api/v2/Challenges", js::object{}, Auth::kAnonymous).as_object();
  // Challenge.serialize(false): ts-serval writes the members alphabetically, no @type, and leaves
  // out createdBy/createdByDevice, which an anonymous challenge does not have.
  js::object challenge_json;
  challenge_json["expiresAt"] = challenge.at("expiresAt");
  challenge_json["id"] = challenge.at("id");
  challenge_json["type"] = "Identity";
  const auto challenge_text = json::Stringify(challenge_json);
  const auto signature = crypto::Sign(Utf8(challenge_text), identity_keys.privateKey());

  js::object request;
  request["devicePassword"] = device_password;
  request["identityPublicKey"] = identity_keys.publicKey().ToBase64();
  request["signedChallenge"] = js::object{{"challenge", challenge_text}, {"signature", signature.ToBase64()}};
  request["clientId"] = options.client_id;
  request["clientSecret"] = options.client_secret;
  request["identityVersion"] = 1;
  js::object created;
  try {
    created = client.Post("/api/v2/Identities", request, Auth::kAnonymous).as_object();
  } catch (const BackboneError& e) {
    if (e.code() == "error.platform.unauthorized" || e.status() == 401) {
      throw CodedError("error.transport.general.platformClientInvalid",
                       "The combination of platform clientId and clientSecret is invalid.");
    }
    throw;
  }
  const auto local_address =
      core::IdentityAddress::Derive(identity_keys.publicKey().bytes(), options.address_hostname).str();
  const std::string address(created.at("address").as_string());
  if (address != local_address) {
    throw CodedError("error.transport.general.addressMismatch",
                     "The Backbone address '" + address + "' does not match the local address '" + local_address +
                         "' (check transportLibrary.baseUrl / addressGenerationHostnameOverride).");
  }
  const auto& device = created.at("device").as_object();
  DeviceInfo device_info{std::string(device.at("id").as_string()), std::string(device.at("username").as_string()),
                         std::string(device.at("createdAt").as_string())};

  js::object secrets;
  secrets["identityPrivateKey"] = identity_keys.privateKey().ToJson();
  secrets["deviceKeypair"] = device_keys.ToJson();
  secrets["sharedSecretBaseKey"] = shared_base_key.ToJson();
  secrets["devicePassword"] = device_password;
  js::object self;
  self["address"] = address;
  self["identityPublicKey"] = identity_keys.publicKey().ToBase64();
  self["deviceId"] = device_info.id;
  self["username"] = device_info.username;
  self["deviceCreatedAt"] = device_info.created_at;
  self["createdAt"] = created.at("createdAt");
  self["secrets"] = box.Seal(secrets, kSecretsContext);
  db.WithTransaction([&](storage::Transaction& tx) {
    tx.Insert(kCollection, kKeyCheck, js::object{{"value", box.MakeKeyCheck()}});
    tx.Insert(kCollection, kSelf, self);
  });
  log.Info("registered identity {} with device {}", address, device_info.id);
  return Account(address, std::move(identity_keys), std::move(device_keys), std::move(shared_base_key),
                 device_password, std::move(device_info), std::string(created.at("createdAt").as_string()));
}

void Account::UpgradeDatawalletVersion(BackboneClient& client) {
  const std::vector<std::pair<std::string, std::string>> headers = {{"x-supported-datawallet-version", "1"}};
  const auto started =
      client.Post("/api/v2/SyncRuns", js::object{{"type", "DatawalletVersionUpgrade"}}, Auth::kDevice, headers)
          .as_object();
  const auto* run = started.if_contains("syncRun");
  if (run == nullptr || !run->is_object()) return;
  const std::string id(run->as_object().at("id").as_string());
  client.Put("/api/v2/SyncRuns/" + id + "/FinalizeDatawalletVersionUpgrade",
             js::object{{"newDatawalletVersion", kDatawalletVersion}, {"datawalletModifications", js::array{}}},
             Auth::kDevice, headers);
}

crypto::SecretKey Account::DeriveKey(std::uint64_t key_id, std::string_view context) const {
  return crypto::DeriveKeyFromBase(shared_base_key_.bytes(), key_id, context);
}

crypto::Signature Account::SignAsIdentity(std::span<const std::uint8_t> content) const {
  return crypto::Sign(content, identity_keys_.privateKey());
}

crypto::Signature Account::SignAsDevice(std::span<const std::uint8_t> content) const {
  return crypto::Sign(content, device_keys_.privateKey());
}

js::object Account::IdentityInfo() const {
  return js::object{{"address", address_}, {"publicKey", identity_keys_.publicKey().ToBase64()}};
}

}  // namespace nmshd::transport
