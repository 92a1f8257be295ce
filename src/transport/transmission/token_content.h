#pragma once
// Token contents of @nmshd/transport 7.0.0 (TokenController): the content is serialized with its
// "@type" (ts-serval, keys sorted), encrypted with a random key K_tok (XChaCha20, random nonce) and
// stored as base64url(CryptoCipher JSON); K_tok travels in the token reference. Readers parse the
// plaintext with Serializable.deserializeUnknown: a known "@type" selects the class, JSON without
// "@type" becomes a JSONWrapper whose serialization is the JSON itself (how the runtime's
// POST /Tokens/Own stores arbitrary `content`).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/shared_password_protection.h"
#include "crypto/secret_key.h"

namespace nmshd::transport {

// {"@type":"TokenContentRelationshipTemplate","forIdentity"?:"did:e:…","passwordProtection"?:
//  {"password"?,"passwordLocationIndicator"?,"passwordType","salt":"<b64url 16 B>"},
//  "secretKey":{"key","alg"},"templateId":"RLT…"}
struct TokenContentRelationshipTemplate {
  static constexpr std::string_view kType = "TokenContentRelationshipTemplate";

  std::string template_id;
  crypto::SecretKey secret_key;  // the template's K_T
  std::optional<std::string> for_identity;
  std::optional<core::SharedPasswordProtection> password_protection;

  boost::json::object ToJson() const;
  // error.transport.tokens.invalidTokenContent for a wrong "@type" or a missing/malformed field.
  static TokenContentRelationshipTemplate FromJson(const boost::json::value& json);

  bool operator==(const TokenContentRelationshipTemplate&) const = default;
};

// {"@type":"TokenContentFile","fileId":"FIL…","secretKey":{"key","alg"}}; the key is the file's
// metadata key.
struct TokenContentFile {
  static constexpr std::string_view kType = "TokenContentFile";

  std::string file_id;
  crypto::SecretKey secret_key;

  boost::json::object ToJson() const;
  static TokenContentFile FromJson(const boost::json::value& json);

  bool operator==(const TokenContentFile&) const = default;
};

// SharedPasswordProtection as ts-serval writes it inside token contents (salt base64url).
boost::json::object SharedPasswordProtectionToJson(
    const core::SharedPasswordProtection& protection);
core::SharedPasswordProtection SharedPasswordProtectionFromJson(const boost::json::value& json);

struct SealedToken {
  std::string content;           // the Backbone's Token.content
  crypto::SecretKey secret_key;  // K_tok, for the token reference
};

// The plaintext the official writer produces for `content`: the transport token types are
// normalised through their classes (sorted, validated: invalidTokenContent when malformed); any
// other object, with or without "@type", is written as given.
std::string SerializeTokenContent(const boost::json::object& content);
// Encrypts SerializeTokenContent(content) with a fresh K_tok.
SealedToken SealTokenContent(const boost::json::object& content);
// The same with the token's existing key (updateTokenContent).
std::string SealTokenContent(const boost::json::object& content, const crypto::SecretKey& key);

// Decrypts and parses. error.crypto.encryption.decrypt for a wrong key; a content that is no
// cipher, a plaintext that is no JSON object or an invalid transport token type throws
// error.transport.tokens.invalidTokenContent.
boost::json::object OpenTokenContent(std::string_view content, const crypto::SecretKey& key);

}  // namespace nmshd::transport
