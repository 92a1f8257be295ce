#include "core/reference.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <vector>

#include "base/split.h"
#include "base/base64.h"
#include "base/coded_error.h"
#include "core/backbone_ids.h"
#include "core/core_id.h"

namespace nmshd::core {
namespace {

std::string Shown(std::string_view text, std::size_t max = 60) {
  return "'" + std::string(text.substr(0, max)) + (text.size() > max ? "...'" : "'");
}

std::string DecodeBase64Url(std::string_view text, std::string_view what) {
  try {
    return base64::ToString(base64::DecodeUrlNoPad(text));
  } catch (const CodedError&) {
    throw CodedError("error.core.reference.invalidBase64",
                     std::string(what) + " must be base64url without padding, got " + Shown(text));
  }
}

crypto::SecretKey ParseKey(std::string_view alg, std::string_view key) {
  bool digits = !alg.empty() && alg.size() <= 3 &&
                std::all_of(alg.begin(), alg.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    throw CodedError("error.core.reference.invalidAlgorithm",
                     "the encryption algorithm of a reference must be an integer, got " + Shown(alg, 20));
  }
  if (std::stoi(std::string(alg)) != static_cast<int>(crypto::EncryptionAlgorithm::kXChaCha20Poly1305)) {
    throw CodedError("error.core.reference.invalidAlgorithm",
                     "the encryption algorithm of a reference must be 3 (XCHACHA20_POLY1305), got " +
                         std::string(alg));
  }
  std::vector<std::uint8_t> bytes;
  try {
    bytes = base64::DecodeUrlNoPad(key);
  } catch (const CodedError&) {
    throw CodedError("error.core.reference.invalidKey",
                     "the secret key of a reference must be base64url without padding, got " + Shown(key));
  }
  if (bytes.size() != 32) {
    throw CodedError("error.core.reference.invalidKey",
                     "the secret key of a reference must be 32 bytes long, got " + std::to_string(bytes.size()));
  }
  return crypto::SecretKey(std::move(bytes), crypto::EncryptionAlgorithm::kXChaCha20Poly1305);
}

std::optional<std::string> NonEmpty(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}

std::optional<SharedPasswordProtection> PasswordPart(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return SharedPasswordProtection::FromTruncated(s);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

[[noreturn]] void BadUrl(std::string_view url, const std::string& why) {
  throw CodedError("error.core.reference.invalidUrl", "the reference URL " + Shown(url, 120) + " " + why);
}

}  // namespace

std::string_view IdPrefixOf(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kToken: return backbone_ids::kToken;
    case ReferenceKind::kRelationshipTemplate: return backbone_ids::kRelationshipTemplate;
    case ReferenceKind::kFile: return backbone_ids::kFile;
    case ReferenceKind::kAny: break;
  }
  return {};
}

Reference::Reference(ReferenceKind kind, std::string id, std::optional<std::string> backbone_base_url,
                     crypto::SecretKey key, std::optional<std::string> for_identity_truncated,
                     std::optional<SharedPasswordProtection> password_protection)
    : kind_(kind),
      id_(std::move(id)),
      backbone_base_url_(std::move(backbone_base_url)),
      key_(std::move(key)),
      for_identity_truncated_(std::move(for_identity_truncated)),
      password_protection_(std::move(password_protection)) {
  if (!IsAlphanumericId(id_)) {
    throw CodedError("error.core.reference.invalidId",
                     "the id of a reference must be 20 characters from A-Z, a-z, 0-9, got " + Shown(id_, 40));
  }
  std::string_view prefix = IdPrefixOf(kind_);
  if (id_.compare(0, prefix.size(), prefix) != 0) {
    throw CodedError("error.core.reference.wrongIdPrefix",
                     "id must start with '" + std::string(prefix) + "' but is '" + id_ + "'");
  }
  if (backbone_base_url_ && backbone_base_url_->empty()) backbone_base_url_.reset();
  if (for_identity_truncated_) {
    const std::string& f = *for_identity_truncated_;
    bool ok = f.size() == 4 && std::all_of(f.begin(), f.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
              });
    if (!ok) {
      throw CodedError("error.core.reference.invalidForIdentityTruncated",
                       "forIdentityTruncated must be the last 4 (lowercase hex) characters of an address, got " +
                           Shown(f, 20));
    }
  }
}

Reference Reference::Parse(std::string_view text, ReferenceKind kind) {
  if (text.substr(0, 4) == "http") return FromUrl(text, kind);
  return FromTruncated(text, kind);
}

Reference Reference::FromTruncated(std::string_view truncated, ReferenceKind kind) {
  const std::string decoded = DecodeBase64Url(truncated, "a truncated reference");
  auto parts = SplitKeepEmpty(decoded, '|');
  if (parts.size() != 3 && parts.size() != 5) {
    throw CodedError("error.core.reference.wrongComponentCount",
                     "a truncated reference must consist of either exactly 3 or exactly 5 '|'-separated components, but it consists of " +
                         std::to_string(parts.size()));
  }
  // The official parser destructures idPart.split("@") into [id, backboneBaseUrl]: anything after
  // a second '@' is dropped. Done the same way so both sides read the same reference.
  auto id_parts = SplitKeepEmpty(parts[0], '@');
  std::optional<std::string> base_url;
  if (id_parts.size() > 1) base_url = std::string(id_parts[1]);
  crypto::SecretKey key = ParseKey(parts[1], parts[2]);
  return Reference(kind, std::string(id_parts[0]), std::move(base_url), std::move(key),
                   parts.size() > 3 ? NonEmpty(parts[3]) : std::nullopt,
                   parts.size() > 4 ? PasswordPart(parts[4]) : std::nullopt);
}

Reference Reference::FromUrl(std::string_view url, ReferenceKind kind) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) BadUrl(url, "is not a URL (" + parsed.error().message() + ")");
  const auto& u = *parsed;
  const std::string scheme = Lower(u.scheme());
  if (scheme != "http" && scheme != "https") BadUrl(url, "must use http or https");
  if (!u.has_authority() || u.encoded_host().empty()) BadUrl(url, "has no host");
  // URL.origin: lowercase scheme and host, port only when it is not the scheme's default.
  std::string origin = scheme + "://" + Lower(u.encoded_host());
  if (u.has_port() && !u.port().empty()) {
    const bool default_port = (scheme == "http" && u.port() == "80") || (scheme == "https" && u.port() == "443");
    if (!default_port) origin += ":" + std::string(u.port());
  }
  std::string_view path = u.encoded_path();
  std::size_t marker = path.rfind("/r/");
  if (marker == std::string_view::npos || marker + 3 >= path.size() ||
      path.find('/', marker + 3) != std::string_view::npos) {
    BadUrl(url, "has no path ending in '/r/<id>'");
  }
  std::string id(path.substr(marker + 3));
  std::string base_url = origin + std::string(path.substr(0, marker));
  if (!u.has_fragment() || u.encoded_fragment().empty()) {
    BadUrl(url, "has no '#<key part>' fragment");
  }
  const std::string decoded = DecodeBase64Url(u.encoded_fragment(), "the fragment of a reference URL");
  auto parts = SplitKeepEmpty(decoded, '|');
  if (parts.size() != 4) {
    throw CodedError("error.core.reference.wrongComponentCount",
                     "the fragment of a reference URL must consist of exactly 4 '|'-separated components (alg|key|forIdentity|password), but it consists of " +
                         std::to_string(parts.size()));
  }
  crypto::SecretKey key = ParseKey(parts[0], parts[1]);
  return Reference(kind, std::move(id), std::move(base_url), std::move(key), NonEmpty(parts[2]),
                   PasswordPart(parts[3]));
}

std::string Reference::KeyPart() const {
  std::string out = std::to_string(static_cast<int>(key_.algorithm()));
  out += "|";
  out += base64::EncodeUrlNoPad(key_.bytes());
  out += "|";
  if (for_identity_truncated_) out += *for_identity_truncated_;
  out += "|";
  if (password_protection_) out += password_protection_->Truncate();
  return out;
}

std::string Reference::Truncate() const {
  std::string id_part = id_;
  if (backbone_base_url_) id_part += "@" + *backbone_base_url_;
  return base64::EncodeUrlNoPad(id_part + "|" + KeyPart());
}

std::string Reference::ToUrl(std::optional<std::string_view> app_id) const {
  if (!backbone_base_url_) {
    throw CodedError("error.core.reference.missingBackboneBaseUrl",
                     "The backboneBaseUrl is required to create a URL from a reference.");
  }
  std::string url = *backbone_base_url_ + "/r/" + id_;
  if (app_id && !app_id->empty()) url += "?app=" + std::string(*app_id);
  return url + "#" + base64::EncodeUrlNoPad(KeyPart());
}

}  // namespace nmshd::core
