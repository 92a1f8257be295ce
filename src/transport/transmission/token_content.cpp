#include "transport/transmission/token_content.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/encryption.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {

namespace {

constexpr const char* kInvalid = "error.transport.tokens.invalidTokenContent";

std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

const boost::json::object& ExpectTyped(const boost::json::value& json, std::string_view type) {
  const auto& o = json::AsObject(json, type);
  const auto* t = json::Find(o, "@type");
  if (t == nullptr || !t->is_string() || t->as_string() != type) {
    throw CodedError(kInvalid, "the token content is not of type " + std::string(type));
  }
  return o;
}

const boost::json::value& RequireField(const boost::json::object& o, std::string_view key,
                                       std::string_view what) {
  const auto* v = json::Find(o, key);
  if (v == nullptr || v->is_null()) {
    throw CodedError(kInvalid, std::string(what) + "." + std::string(key) + " is missing");
  }
  return *v;
}

// An optional field: absent and null are both none (ts-serval nullable).
const boost::json::value* OptionalField(const boost::json::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<std::string_view> TypeOf(const boost::json::object& o) {
  const auto* t = json::Find(o, "@type");
  if (t == nullptr || !t->is_string()) return std::nullopt;
  return std::string_view(t->as_string());
}

}  // namespace

boost::json::object SharedPasswordProtectionToJson(const core::SharedPasswordProtection& p) {
  boost::json::object o;
  if (p.password()) o["password"] = *p.password();
  if (p.password_location_indicator())
    o["passwordLocationIndicator"] = *p.password_location_indicator();
  o["passwordType"] = p.password_type();
  o["salt"] = base64::EncodeUrlNoPad(p.salt());
  return o;
}

core::SharedPasswordProtection SharedPasswordProtectionFromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "SharedPasswordProtection";
  const auto& o = json::AsObject(json, kWhat);
  std::optional<int> indicator;
  if (const auto* v = OptionalField(o, "passwordLocationIndicator")) {
    if (!v->is_int64() && !v->is_uint64()) {
      throw CodedError("error.base.invalidProperty",
                       "SharedPasswordProtection.passwordLocationIndicator must be an integer");
    }
    const auto n = v->to_number<std::int64_t>();
    if (n < 0 || n > 99) {
      throw CodedError("error.core.reference.invalidPasswordLocationIndicator",
                       "passwordLocationIndicator must be 0..99");
    }
    indicator = static_cast<int>(n);
  }
  std::optional<std::string> password;
  if (const auto* v = OptionalField(o, "password")) {
    if (!v->is_string())
      throw CodedError("error.base.invalidProperty",
                       "SharedPasswordProtection.password must be a string");
    password = std::string(v->as_string());
  }
  return core::SharedPasswordProtection(
      std::string(json::RequireString(o, "passwordType", kWhat)),
      base64::DecodeUrlNoPad(json::RequireString(o, "salt", kWhat)), indicator,
      std::move(password));
}

boost::json::object TokenContentRelationshipTemplate::ToJson() const {
  boost::json::object o{{"@type", kType}};
  if (for_identity) o["forIdentity"] = *for_identity;
  if (password_protection)
    o["passwordProtection"] = SharedPasswordProtectionToJson(*password_protection);
  o["secretKey"] = secret_key.ToJson(false);
  o["templateId"] = template_id;
  return o;
}

TokenContentRelationshipTemplate TokenContentRelationshipTemplate::FromJson(
    const boost::json::value& json) {
  return ReportAs(kInvalid, kType, [&] {
    const auto& o = ExpectTyped(json, kType);
    std::optional<std::string> for_identity;
    if (const auto* v = OptionalField(o, "forIdentity")) {
      if (!v->is_string()) throw CodedError(kInvalid, "forIdentity must be a string");
      for_identity = std::string(v->as_string());
    }
    std::optional<core::SharedPasswordProtection> protection;
    if (const auto* v = OptionalField(o, "passwordProtection"))
      protection = SharedPasswordProtectionFromJson(*v);
    return TokenContentRelationshipTemplate{
        std::string(json::RequireString(o, "templateId", kType)),
        crypto::SecretKey::FromJson(RequireField(o, "secretKey", kType)), std::move(for_identity),
        std::move(protection)};
  });
}

boost::json::object TokenContentFile::ToJson() const {
  return {{"@type", kType}, {"fileId", file_id}, {"secretKey", secret_key.ToJson(false)}};
}

TokenContentFile TokenContentFile::FromJson(const boost::json::value& json) {
  return ReportAs(kInvalid, kType, [&] {
    const auto& o = ExpectTyped(json, kType);
    return TokenContentFile{std::string(json::RequireString(o, "fileId", kType)),
                            crypto::SecretKey::FromJson(RequireField(o, "secretKey", kType))};
  });
}

std::string SerializeTokenContent(const boost::json::object& content) {
  const auto type = TypeOf(content);
  if (type == TokenContentRelationshipTemplate::kType) {
    return SerializeServal(TokenContentRelationshipTemplate::FromJson(content).ToJson());
  }
  if (type == TokenContentFile::kType)
    return SerializeServal(TokenContentFile::FromJson(content).ToJson());
  return json::Stringify(content);
}

std::string SealTokenContent(const boost::json::object& content, const crypto::SecretKey& key) {
  return crypto::Encrypt(Utf8(SerializeTokenContent(content)), key).ToBase64();
}

SealedToken SealTokenContent(const boost::json::object& content) {
  auto key = crypto::SecretKey::Generate();
  auto sealed = SealTokenContent(content, key);
  return {std::move(sealed), std::move(key)};
}

boost::json::object OpenTokenContent(std::string_view content, const crypto::SecretKey& key) {
  const auto cipher =
      ReportAs(kInvalid, "token cipher", [&] { return crypto::Cipher::FromBase64(content); });
  const auto plain = crypto::Decrypt(cipher, key);
  auto o =
      ParseServalObject(std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()),
                        kInvalid, "token content");
  const auto type = TypeOf(o);
  if (type == TokenContentRelationshipTemplate::kType)
    TokenContentRelationshipTemplate::FromJson(o);
  if (type == TokenContentFile::kType) TokenContentFile::FromJson(o);
  return o;
}

}  // namespace nmshd::transport
