#include "core/identity_address.h"

#include <algorithm>

#include "base/coded_error.h"
#include "base/hex.h"
#include "crypto/hash.h"

namespace nmshd::core {
namespace {

constexpr std::size_t kHashHexLength = 20;

std::string Quote(std::string_view text) {
  return "'" + std::string(text.substr(0, 100)) + (text.size() > 100 ? "...'" : "'");
}

// A domain is whatever host name the client took from its Backbone URL. It must not contain the
// characters that would make the address ambiguous to split or unsafe to embed (the address goes
// into URLs, JSON and the "|"-separated reference format).
bool IsPlausibleDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == '[' || c == ']' || c == ':';
  });
}

bool IsLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string Checksum(std::string_view main_part) {
  const auto digest = crypto::Sha256(main_part);
  return ToHex(std::span(digest).first(1));
}

std::string HashPart(std::span<const std::uint8_t> public_key) {
  auto sha512 = crypto::Sha512(public_key);
  auto sha256 = crypto::Sha256(std::span<const std::uint8_t>(sha512));
  return ToHex(std::span(sha256).first(kHashHexLength / 2));
}

// The domain part of the Backbone's IdentityAddressValidatorRegex
// ^did:e:((?:[a-z0-9-]+\.)*[a-z]{2,}):dids:[0-9a-f]{20}[0-9a-f]{2}$ : dot-separated non-empty labels
// of [a-z0-9-], the last one at least two letters [a-z]. (The rest of the regex is what Parse checks.)
bool IsBackboneDomain(std::string_view domain) {
  std::size_t last_dot = domain.rfind('.');
  std::string_view last = last_dot == std::string_view::npos ? domain : domain.substr(last_dot + 1);
  if (last.size() < 2 || !std::all_of(last.begin(), last.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return false;
  }
  if (last_dot == std::string_view::npos) return true;
  std::size_t start = 0;
  while (start <= last_dot) {
    std::size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot - start);
    bool ok = !label.empty() && std::all_of(label.begin(), label.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) return false;
    start = dot + 1;
  }
  return true;
}

}  // namespace

IdentityAddress IdentityAddress::Derive(std::span<const std::uint8_t> public_key,
                                        std::string_view domain) {
  if (public_key.size() != 32) {
    throw CodedError("error.core.address.invalidPublicKey",
                     "an identity address is derived from a 32-byte Ed25519 public key, got " +
                         std::to_string(public_key.size()) + " bytes");
  }
  if (!IsPlausibleDomain(domain)) {
    throw CodedError("error.core.address.invalidDomain",
                     "the address domain " + Quote(domain) + " is empty or contains characters a host name cannot have");
  }
  std::string main_part = std::string(kPrefix) + std::string(domain) + std::string(kDidsSeparator) +
                          HashPart(public_key);
  return IdentityAddress(main_part + Checksum(main_part));
}

IdentityAddress IdentityAddress::Parse(std::string_view text) {
  if (text.size() <= kPrefix.size() + kDidsSeparator.size() + kSuffixLength ||
      text.substr(0, kPrefix.size()) != kPrefix) {
    throw CodedError("error.core.address.malformed",
                     Quote(text) + " is not an identity address: expected 'did:e:<domain>:dids:<22 hex>'");
  }
  std::string_view suffix = text.substr(text.size() - kSuffixLength);
  std::string_view before = text.substr(0, text.size() - kSuffixLength);
  if (before.size() < kDidsSeparator.size() ||
      before.substr(before.size() - kDidsSeparator.size()) != kDidsSeparator) {
    throw CodedError("error.core.address.malformed",
                     Quote(text) + " is not an identity address: missing ':dids:' before the last 22 characters");
  }
  if (!IsLowerHex(suffix)) {
    throw CodedError("error.core.address.malformed",
                     Quote(text) + " is not an identity address: the last 22 characters must be lowercase hex");
  }
  std::string_view domain =
      before.substr(kPrefix.size(), before.size() - kPrefix.size() - kDidsSeparator.size());
  if (!IsPlausibleDomain(domain)) {
    throw CodedError("error.core.address.invalidDomain",
                     "the domain of the identity address " + Quote(text) + " is empty or not a host name");
  }
  std::string_view main_part = text.substr(0, text.size() - 2);
  if (Checksum(main_part) != text.substr(text.size() - 2)) {
    throw CodedError("error.core.address.invalidChecksum",
                     "the checksum of the identity address " + Quote(text) + " is wrong (expected '" +
                         Checksum(main_part) + "')");
  }
  return IdentityAddress(std::string(text));
}

IdentityAddress IdentityAddress::ParseForBackbone(std::string_view text) {
  if (text.size() > kBackboneMaxLength) {
    throw CodedError("error.core.address.tooLong",
                     "an identity address has at most 80 characters, got " + std::to_string(text.size()));
  }
  IdentityAddress address = Parse(text);
  if (!IsBackboneDomain(address.domain())) {
    throw CodedError("error.core.address.notAcceptedByBackbone",
                     Quote(text) + " does not match the Backbone's address format (lowercase domain whose last label has at least 2 letters)");
  }
  return address;
}

bool IdentityAddress::IsValidForBackbone(std::string_view text) noexcept {
  try {
    ParseForBackbone(text);
    return true;
  } catch (const CodedError&) {
    return false;
  }
}

bool IdentityAddress::IsValid(std::string_view text) noexcept {
  try {
    Parse(text);
    return true;
  } catch (const CodedError&) {
    return false;
  }
}

std::string_view IdentityAddress::domain() const {
  std::string_view v = value_;
  return v.substr(kPrefix.size(), v.size() - kPrefix.size() - kDidsSeparator.size() - kSuffixLength);
}

std::string_view IdentityAddress::hash_part() const {
  return std::string_view(value_).substr(value_.size() - kSuffixLength, kHashHexLength);
}

std::string_view IdentityAddress::Truncated() const {
  return std::string_view(value_).substr(value_.size() - 4);
}

bool IdentityAddress::MatchesPublicKey(std::span<const std::uint8_t> public_key) const {
  return public_key.size() == 32 && HashPart(public_key) == hash_part();
}

}  // namespace nmshd::core
