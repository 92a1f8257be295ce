#include "crypto/relationship_public_request.h"

#include "base/base64.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {

RelationshipPublicRequest::RelationshipPublicRequest(ExchangePublicKey exchange_key,
                                                     SignaturePublicKey signature_key,
                                                     ExchangePublicKey ephemeral_key,
                                                     const Nonce& nonce)
    : exc_(std::move(exchange_key)),
      sig_(std::move(signature_key)),
      eph_(std::move(ephemeral_key)),
      nnc_(nonce) {}

boost::json::object RelationshipPublicRequest::ToJson(bool verbose) const {
  boost::json::object o;
  o["exc"] = exc_.ToJson(false);
  o["sig"] = sig_.ToJson(false);
  o["eph"] = eph_.ToJson(false);
  o["nnc"] = base64::EncodeUrlNoPad(nnc_);
  if (verbose) o["@type"] = "CryptoRelationshipPublicRequest";
  return o;
}

RelationshipPublicRequest RelationshipPublicRequest::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoRelationshipPublicRequest";
  const auto& o = detail::ExpectObject(json, kWhat);
  return {ExchangePublicKey::FromJson(detail::RequireObjectField(o, "exc", kWhat)),
          SignaturePublicKey::FromJson(detail::RequireObjectField(o, "sig", kWhat)),
          ExchangePublicKey::FromJson(detail::RequireObjectField(o, "eph", kWhat)),
          ToNonce(detail::RequireBytes(o, "nnc", kWhat, 24, 24, errc::kEncryptionWrongNonce))};
}

std::string RelationshipPublicRequest::ToBase64() const { return detail::JsonToBase64(ToJson()); }

RelationshipPublicRequest RelationshipPublicRequest::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoRelationshipPublicRequest"));
}

}  // namespace nmshd::crypto
