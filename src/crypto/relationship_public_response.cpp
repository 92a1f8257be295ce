#include "crypto/relationship_public_response.h"

#include "crypto/json_fields.h"
#include "crypto/signatures.h"

namespace nmshd::crypto {

RelationshipPublicResponse::RelationshipPublicResponse(ExchangePublicKey exchange_key,
                                                       SignaturePublicKey signature_key,
                                                       PublicState state,
                                                       std::optional<std::string> id)
    : exc_(std::move(exchange_key)),
      sig_(std::move(signature_key)),
      sta_(std::move(state)),
      id_(std::move(id)) {}

bool RelationshipPublicResponse::Verify(std::span<const std::uint8_t> content,
                                        const Signature& signature) const {
  return crypto::Verify(content, signature, sig_);
}

boost::json::object RelationshipPublicResponse::ToJson(bool verbose) const {
  boost::json::object o;
  o["exc"] = exc_.ToJson(false);
  o["sig"] = sig_.ToJson(false);
  o["sta"] = sta_.ToJson(false);
  if (id_) o["id"] = *id_;
  if (verbose) o["@type"] = "CryptoRelationshipPublicResponse";
  return o;
}

RelationshipPublicResponse RelationshipPublicResponse::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoRelationshipPublicResponse";
  const auto& o = detail::ExpectObject(json, kWhat);
  return {ExchangePublicKey::FromJson(detail::RequireObjectField(o, "exc", kWhat)),
          SignaturePublicKey::FromJson(detail::RequireObjectField(o, "sig", kWhat)),
          PublicState::FromJson(detail::RequireObjectField(o, "sta", kWhat)),
          detail::OptionalString(o, "id", kWhat)};
}

std::string RelationshipPublicResponse::ToBase64() const { return detail::JsonToBase64(ToJson()); }

RelationshipPublicResponse RelationshipPublicResponse::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoRelationshipPublicResponse"));
}

}  // namespace nmshd::crypto
