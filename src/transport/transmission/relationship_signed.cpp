#include "transport/transmission/relationship_signed.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {

std::string RelationshipSigned::Serialize(std::string_view field) const {
  return SerializeServal({
      {"deviceSignature", device_signature.ToJson(false)},
      {"relationshipSignature", relationship_signature.ToJson(false)},
      {field, serialized},
  });
}

RelationshipSigned RelationshipSigned::Parse(std::string_view text, std::string_view field,
                                             const char* code) {
  return ReportAs(code, field, [&] {
    const auto o = ParseServalObject(text, code, field);
    const auto* device = json::Find(o, "deviceSignature");
    const auto* relationship = json::Find(o, "relationshipSignature");
    if (device == nullptr || relationship == nullptr) {
      throw CodedError(code, "deviceSignature and relationshipSignature are required");
    }
    return RelationshipSigned{std::string(json::RequireString(o, field, "signed content")),
                              crypto::Signature::FromJson(*device),
                              crypto::Signature::FromJson(*relationship)};
  });
}

}  // namespace nmshd::transport
