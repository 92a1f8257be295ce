#pragma once
// Shared by the template, token and relationship unit tests: identities with their key pairs, a
// CodedError expectation, and raw access to sealed payloads for building tampered ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/identity_address.h"
#include "crypto/encryption.h"
#include "crypto/signature_keypair.h"
#include "transport/transmission/relationship_identity.h"

namespace nmshd::transport::relationship_test {

struct TestIdentity {
  crypto::SignatureKeypair identity_keypair;
  crypto::SignatureKeypair device_keypair;
  PublicIdentity identity;
};

inline TestIdentity MakeIdentity(std::string_view domain = "localhost") {
  auto identity_keypair = crypto::SignatureKeypair::Generate();
  auto address = core::IdentityAddress::Derive(identity_keypair.publicKey().bytes(), domain);
  PublicIdentity identity{address, identity_keypair.publicKey()};
  return {std::move(identity_keypair), crypto::SignatureKeypair::Generate(), std::move(identity)};
}

inline std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

inline std::string AsText(const crypto::Bytes& bytes) { return {bytes.begin(), bytes.end()}; }

// The plaintext of a base64url cipher sealed with `key`.
inline std::string DecryptText(std::string_view sealed, const crypto::SecretKey& key) {
  return AsText(crypto::Decrypt(crypto::Cipher::FromBase64(sealed), key));
}

inline std::string EncryptText(std::string_view text, const crypto::SecretKey& key) {
  return crypto::Encrypt(Utf8(text), key).ToBase64();
}

// The JSON object inside a base64url(JSON) outer envelope, and back.
inline boost::json::object DecodeOuter(std::string_view b64) {
  return json::Parse(base64::ToString(base64::DecodeUrlNoPad(b64))).as_object();
}
inline std::string EncodeOuter(const boost::json::object& o) {
  return base64::EncodeUrlNoPad(json::Stringify(o));
}

// Runs `f`, expects a CodedError with `code`.
template <typename F>
void ExpectCode(F&& f, std::string_view code) {
  try {
    f();
    ADD_FAILURE() << "expected CodedError " << code;
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

}  // namespace nmshd::transport::relationship_test
