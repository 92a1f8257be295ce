#pragma once
// Identity addresses "did:e:<domain>:dids:<20 hex><2 hex checksum>", derived exactly as
// @nmshd/transport IdentityUtil.createAddress and the Backbone's IdentityAddress.Create:
//   h        = SHA-256(SHA-512(raw 32-byte Ed25519 public key))[0..10)  -> 20 lowercase hex
//   main     = "did:e:" + domain + ":dids:" + hex(h)
//   checksum = hex(SHA-256(ASCII(main))[0])                            -> 2 lowercase hex
//
// Two levels of validity exist in the official code and both are needed here:
//  * structural (what a client derives and accepts): any non-empty host name as domain, e.g.
//    "127.0.0.1" when the Backbone runs on loopback; CoreAddress itself accepts any string, and
//    IdentityUtil.checkAddress only checks the checksum and the hash part.
//  * the Backbone's stricter IdentityAddress.IsValid: the regex below (last label >= 2 letters,
//    lowercase only) and at most 80 characters; "127.0.0.1" fails it.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace nmshd::core {

class IdentityAddress {
 public:
  static constexpr std::string_view kPrefix = "did:e:";
  static constexpr std::string_view kDidsSeparator = ":dids:";
  static constexpr std::size_t kBackboneMaxLength = 80;  // IdentityAddress.MAX_LENGTH
  static constexpr std::size_t kSuffixLength = 22;       // 20 hex hash + 2 hex checksum

  // Throws "error.core.address.invalidPublicKey" unless the key is 32 bytes, and
  // "error.core.address.invalidDomain" for a domain that cannot appear in an address.
  static IdentityAddress Derive(std::span<const std::uint8_t> public_key, std::string_view domain);

  // Structural parse with checksum check. Codes: error.core.address.malformed,
  // error.core.address.invalidDomain, error.core.address.invalidChecksum.
  static IdentityAddress Parse(std::string_view text);
  // Parse plus the Backbone's rules. Codes as Parse, plus error.core.address.tooLong and
  // error.core.address.notAcceptedByBackbone.
  static IdentityAddress ParseForBackbone(std::string_view text);

  // The Backbone's IdentityAddress.IsValid (regex, max length, checksum); never throws.
  static bool IsValidForBackbone(std::string_view text) noexcept;
  // Structural validity with checksum; never throws.
  static bool IsValid(std::string_view text) noexcept;

  const std::string& str() const { return value_; }
  std::string_view domain() const;
  // The 20-hex hash part that identifies the public key.
  std::string_view hash_part() const;
  // Last 4 characters: `forIdentityTruncated` in references (Token/RelationshipTemplate .slice(-4)).
  std::string_view Truncated() const;
  // IdentityUtil.checkAddress(address, domain, publicKey) without the domain check: the hash part
  // equals SHA-256(SHA-512(pk))[0..10).
  bool MatchesPublicKey(std::span<const std::uint8_t> public_key) const;

  bool operator==(const IdentityAddress&) const = default;

 private:
  explicit IdentityAddress(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace nmshd::core
