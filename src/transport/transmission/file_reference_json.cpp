#include "transport/transmission/file_reference_json.h"

#include <optional>
#include <string>

#include "base/coded_error.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {
namespace {

[[noreturn]] void Invalid(const std::string& why) {
  throw CodedError(message_errc::kInvalidMessage, "FileReference: " + why);
}

std::optional<std::string> NullableString(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) Invalid(std::string(key) + " must be a string");
  return std::string(v->get_string());
}

}  // namespace

boost::json::object FileReferenceToJson(const core::Reference& reference) {
  if (reference.password_protection()) Invalid("password protected file references cannot be attached");
  boost::json::object o;
  if (reference.backbone_base_url()) o["backboneBaseUrl"] = *reference.backbone_base_url();
  if (reference.for_identity_truncated()) o["forIdentityTruncated"] = *reference.for_identity_truncated();
  o["id"] = reference.id();
  o["key"] = reference.key().ToJson(false);
  return ServalSorted(o);
}

core::Reference FileReferenceFromJson(const boost::json::value& json) {
  if (!json.is_object()) Invalid("not a JSON object");
  const auto& o = json.get_object();
  auto id = NullableString(o, "id");
  if (!id) Invalid("id is missing");
  const auto* key = o.if_contains("key");
  if (key == nullptr) Invalid("key is missing");
  return core::Reference(core::ReferenceKind::kFile, std::move(*id), NullableString(o, "backboneBaseUrl"),
                         crypto::SecretKey::FromJson(*key), NullableString(o, "forIdentityTruncated"));
}

}  // namespace nmshd::transport
