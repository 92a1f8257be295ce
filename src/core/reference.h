#pragma once
// Truncated references and reference URLs of tokens, relationship templates and files
// (@nmshd/core-types 7.0.0 Reference / FileReference, @nmshd/transport TokenReference /
// RelationshipTemplateReference, which only add an id-prefix check).
//
//   truncated = base64url_nopad(UTF-8("<id>[@<baseUrl>]|<alg>|<key b64url>|<forId4>|<password>"))
//   url       = "<baseUrl>/r/<id>[?app=<appId>]#" + base64url_nopad("<alg>|<key>|<forId4>|<password>")
//
// Which key: token -> token content key; template -> template content key; file -> metadata key.
// Every malformed input throws CodedError with one code per fault, all "error.core.reference.*"
// (the official library reports most of them as error.core-types.invalidTruncatedReference):
//   invalidBase64, wrongComponentCount, invalidId, wrongIdPrefix, invalidAlgorithm, invalidKey,
//   invalidForIdentityTruncated, invalidPasswordProtection, invalidPasswordType, invalidSalt,
//   wrongSaltLength, invalidPasswordLocationIndicator, invalidUrl, missingBackboneBaseUrl.
#include <optional>
#include <string>
#include <string_view>

#include "core/shared_password_protection.h"
#include "crypto/secret_key.h"

namespace nmshd::core {

// Which class parses: kAny is core-types Reference (any 20-character id); the others require the
// id prefix of their entity (TOK, RLT, FIL).
enum class ReferenceKind { kAny, kToken, kRelationshipTemplate, kFile };

std::string_view IdPrefixOf(ReferenceKind kind);  // "" for kAny

class Reference {
 public:
  // Validates: id ^[A-Za-z0-9]{20}$ (invalidId) with the kind's prefix (wrongIdPrefix),
  // for_identity_truncated ^[0-9a-f]{4}$ (invalidForIdentityTruncated). An empty base URL is none.
  Reference(ReferenceKind kind, std::string id, std::optional<std::string> backbone_base_url,
            crypto::SecretKey key, std::optional<std::string> for_identity_truncated = std::nullopt,
            std::optional<SharedPasswordProtection> password_protection = std::nullopt);

  // Reference.from(string): a value starting with "http" is a URL, anything else truncated.
  static Reference Parse(std::string_view text, ReferenceKind kind = ReferenceKind::kAny);
  static Reference FromTruncated(std::string_view truncated, ReferenceKind kind = ReferenceKind::kAny);
  static Reference FromUrl(std::string_view url, ReferenceKind kind = ReferenceKind::kAny);

  std::string Truncate() const;
  // Throws "error.core.reference.missingBackboneBaseUrl" without a base URL. The app id is
  // appended as is, exactly like the official toUrl (no percent-encoding).
  std::string ToUrl(std::optional<std::string_view> app_id = std::nullopt) const;

  ReferenceKind kind() const { return kind_; }
  const std::string& id() const { return id_; }
  const std::optional<std::string>& backbone_base_url() const { return backbone_base_url_; }
  const crypto::SecretKey& key() const { return key_; }
  const std::optional<std::string>& for_identity_truncated() const { return for_identity_truncated_; }
  const std::optional<SharedPasswordProtection>& password_protection() const { return password_protection_; }

  bool operator==(const Reference&) const = default;

 private:
  std::string KeyPart() const;  // "<alg>|<key>|<forId>|<password>"

  ReferenceKind kind_;
  std::string id_;
  std::optional<std::string> backbone_base_url_;
  crypto::SecretKey key_;
  std::optional<std::string> for_identity_truncated_;
  std::optional<SharedPasswordProtection> password_protection_;
};

}  // namespace nmshd::core
