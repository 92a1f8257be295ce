#pragma once
// Seals secrets for storage under the master key: XChaCha20-Poly1305 with the document's place
// ("<collection>/<id>/<field>") as associated data, so a sealed value copied into another document
// does not open. Stored form: "v1." + base64url(nonce ‖ ciphertext ‖ tag).
//
// A key check value is kept in the database (KeyCheck*) so that a wrong master key is reported as
// exactly that at start, and not as a corrupted record later.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "transport/account/master_key.h"

namespace nmshd::transport {

class SecretBox {
 public:
  explicit SecretBox(MasterKey key);

  std::string Seal(const boost::json::object& secrets, std::string_view context) const;
  // Throws CodedError error.connector.keyMaterial.cannotDecrypt when the value was sealed under
  // another key or context, or was altered.
  boost::json::object Open(std::string_view sealed, std::string_view context) const;

  // A sealed constant that only this key opens.
  std::string MakeKeyCheck() const;
  bool MatchesKeyCheck(std::string_view key_check) const;

  const MasterKey& key() const { return key_; }

 private:
  MasterKey key_;
};

}  // namespace nmshd::transport
