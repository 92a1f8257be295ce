#include "transport/transmission/relationship_identity.h"

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::transport {

boost::json::object PublicIdentity::ToJson() const {
  return {{"address", address.str()}, {"publicKey", public_key.ToJson(false)}};
}

PublicIdentity PublicIdentity::FromJson(const boost::json::value& json) {
  const auto& o = json::AsObject(json, "Identity");
  const auto* key = json::Find(o, "publicKey");
  if (key == nullptr)
    throw CodedError("error.base.invalidProperty", "Identity.publicKey is missing");
  return {core::IdentityAddress::Parse(json::RequireString(o, "address", "Identity")),
          crypto::SignaturePublicKey::FromJson(*key)};
}

}  // namespace nmshd::transport
