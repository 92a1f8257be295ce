#pragma once
// The Identity of @nmshd/transport as it travels inside relationship templates and relationship
// creation contents: {"address":"did:e:…","publicKey":{"pub":"<b64url>","alg":3}} (nested, so
// neither it nor its key carries "@type"). The public key is the identity signature key, the one
// that signs templates.
#include <boost/json.hpp>
#include <string_view>

#include "core/identity_address.h"
#include "crypto/signature_public_key.h"

namespace nmshd::transport {

struct PublicIdentity {
  core::IdentityAddress address;
  crypto::SignaturePublicKey public_key;

  boost::json::object ToJson() const;
  // Structural parse (address syntax and checksum, key); throws the CodedError of the layer that
  // found the fault. Does not check that the address belongs to the key: see MatchesKey().
  static PublicIdentity FromJson(const boost::json::value& json);

  // The address is derived from the public key (IdentityUtil.createAddress), whatever its domain.
  bool MatchesKey() const { return address.MatchesPublicKey(public_key.bytes()); }

  bool operator==(const PublicIdentity&) const = default;
};

}  // namespace nmshd::transport
