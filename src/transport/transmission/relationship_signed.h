#pragma once
// The signed envelope shared by relationship creation contents and creation responses
// (RelationshipCreation[Response]ContentSigned): the serialized wrapper as a string plus a device
// and a relationship signature. Both are encrypted as serialize(false): no "@type" at the top
// level, keys sorted, signatures nested without "@type".
#include <string>
#include <string_view>

#include "crypto/signature.h"

namespace nmshd::transport {

struct RelationshipSigned {
  std::string serialized;  // serializedCreationContent / serializedCreationResponseContent
  crypto::Signature device_signature;
  crypto::Signature relationship_signature;

  // `field` is the name of the serialized text's property.
  std::string Serialize(std::string_view field) const;
  // Malformed text or fields throw CodedError `code`.
  static RelationshipSigned Parse(std::string_view text, std::string_view field, const char* code);
};

}  // namespace nmshd::transport
