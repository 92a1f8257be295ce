#pragma once
// The one identity a connector owns: its address, keys and device credentials, loaded from the
// database or registered on the Backbone on first start (@nmshd/transport AccountController.init
// and createIdentityAndDevice).
//
// Registration: anonymous challenge, signed with the new identity key as the official
// Challenge.serialize(false) string; POST /Identities; the Backbone's address must equal the one
// derived locally (IdentityUtil.createAddress); everything is stored in one transaction, secrets
// sealed under the master key; then the initial DatawalletVersionUpgrade sync run, which the
// Backbone needs before any external-event sync. A crash between registration and the local
// commit leaves an unused identity on the Backbone (as officially) but never a half-stored one.
//
// Storage: collection "account", documents "self" (public data + sealed secrets) and "keyCheck"
// (proves at start that the configured master key is the one the secrets were sealed with).
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "crypto/secret_key.h"
#include "crypto/signature.h"
#include "crypto/signature_keypair.h"
#include "storage/document_store.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::transport {

struct AccountOptions {
  bool allow_identity_creation = true;
  std::string address_hostname;  // addressGenerationHostnameOverride or the base URL's host
  std::string client_id;
  std::string client_secret;
};

struct DeviceInfo {
  std::string id;        // DVC…
  std::string username;  // USR…
  std::string created_at;
};

class Account {
 public:
  static constexpr std::string_view kCollection = "account";

  // Loads the identity or, on an empty database, registers one. Sets the device credentials on
  // `client`. Throws CodedError:
  //   error.transport.general.noIdentityFound   empty database and identity creation disabled
  //   error.connector.keyMaterial.wrongKey      the master key is not the one the secrets were sealed with
  //   error.transport.general.platformClientInvalid, BackboneError   registration failed
  static Account OpenOrRegister(storage::Database& db, const SecretBox& box, BackboneClient& client,
                                const AccountOptions& options);
  // Whether the database already holds an identity (decides whether a key file may be created).
  static bool Exists(storage::Database& db);

  const std::string& address() const { return address_; }
  const crypto::SignaturePublicKey& identity_public_key() const { return identity_keys_.publicKey(); }
  const crypto::SignatureKeypair& identity_keys() const { return identity_keys_; }
  const crypto::SignatureKeypair& device_keys() const { return device_keys_; }
  const DeviceInfo& device() const { return device_; }
  // For a second Backbone client of the same device (the health check's token probe).
  const std::string& device_password() const { return device_password_; }
  const std::string& created_at() const { return created_at_; }

  // A sub-key of the identity's shared secret base key for a purpose of our own (crypto_kdf with an
  // 8-character context), e.g. the state marker the connector keeps in its datawallet.
  crypto::SecretKey DeriveKey(std::uint64_t key_id, std::string_view context) const;

  crypto::Signature SignAsIdentity(std::span<const std::uint8_t> content) const;
  crypto::Signature SignAsDevice(std::span<const std::uint8_t> content) const;

  // {"address","publicKey"} as GET /Account/IdentityInfo answers.
  boost::json::object IdentityInfo() const;

 private:
  static Account Load(const boost::json::object& self, const SecretBox& box);
  static Account Register(storage::Database& db, const SecretBox& box, BackboneClient& client,
                          const AccountOptions& options);
  static void UpgradeDatawalletVersion(BackboneClient& client);

  std::string address_;
  crypto::SignatureKeypair identity_keys_;
  crypto::SignatureKeypair device_keys_;
  crypto::SecretKey shared_base_key_;
  std::string device_password_;
  DeviceInfo device_;
  std::string created_at_;
  bool datawallet_upgraded_ = false;

  Account(std::string address, crypto::SignatureKeypair identity_keys, crypto::SignatureKeypair device_keys,
          crypto::SecretKey shared_base_key, std::string device_password, DeviceInfo device, std::string created_at);
};

// A strong random device password as PasswordGenerator.createStrongPassword(45, 50) makes.
std::string GenerateDevicePassword();

}  // namespace nmshd::transport
