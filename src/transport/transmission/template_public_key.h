#pragma once
// RelationshipTemplatePublicKey of @nmshd/transport: the templator's X25519 key for one template,
// with its id ("TRPRTK" + 14 alphanumeric, also the name under which the private key is kept).
// Its own toJSON writes
//   {"id":…,"pub":"<b64url>","alg":3[,"@type":"RelationshipTemplatePublicKey"]}
// in that order (not sorted); inside a template wrapper it is nested, so without "@type".
#include <boost/json.hpp>
#include <string>

#include "crypto/exchange_keypair.h"
#include "crypto/exchange_public_key.h"

namespace nmshd::transport {

struct TemplatePublicKey {
  static constexpr std::string_view kIdPrefix = "TRPRTK";  // TransportIds.relationshipTemplateKey

  std::string id;
  crypto::ExchangePublicKey key;

  // A fresh id (TransportIds.relationshipTemplateKey.generate()).
  static std::string GenerateId();

  boost::json::object ToJson(bool verbose = true) const;
  // Accepts the JSON with or without "@type"; a wrong "@type", a missing id or a bad key throws
  // CodedError (error.crypto.* for the key, error.base.invalidProperty for the id).
  static TemplatePublicKey FromJson(const boost::json::value& json);

  bool operator==(const TemplatePublicKey&) const = default;
};

// A new template key: the public part for the template, the key pair for the templator to keep
// under `public_key.id` until relationships created from the template are answered.
struct TemplateKey {
  TemplatePublicKey public_key;
  crypto::ExchangeKeypair keypair;

  static TemplateKey Generate();
};

}  // namespace nmshd::transport
