#pragma once
// MessageSigned / MessageSignature of @nmshd/transport 7.0.0: the serialized MessageContentWrapper
// (kept verbatim: the signatures are over its exact UTF-8 bytes) and one relationship signature
// per recipient. The signature is written as a JSON *string* (ts-serval enforceString) holding the
// non-verbose CryptoSignature JSON:
//   {"@type":"MessageSigned","message":"<wrapper text>",
//    "signatures":[{"recipient":"<address>","signature":"{\"sig\":\"…\",\"alg\":1}"}]}
#include <string>
#include <string_view>
#include <vector>

#include "crypto/signature.h"

namespace nmshd::transport {

struct MessageSignature {
  std::string recipient;
  crypto::Signature signature;
};

struct MessageSigned {
  std::string message;
  std::vector<MessageSignature> signatures;

  std::string Serialize() const;
  // Accepts the signature as a JSON string or an object. error.transport.messages.invalidMessage
  // for a wrong shape, crypto codes for a malformed signature.
  static MessageSigned Parse(std::string_view json_text);
};

}  // namespace nmshd::transport
