#pragma once
// The runtime's identityMetadata use cases (useCases/consumption/identityMetadata/* of 7.0.0), as
// the Connector's IdentityMetadataController calls them: the JSON-schema check of the request (the
// first failure as error.runtime.validation.invalidPropertyValue), then
//   upsertIdentityMetadata {reference, key?, value}: the reference must be the own address or the
//     peer of a relationship of any status (error.runtime.identityMetadata.unfamiliarReferencedIdentity);
//     the value is kept as JSONWrapper.fromAny keeps it (an object loses its top-level "@type" and
//     "@version"; null is refused with the TypeError the runtime reports) -> IdentityMetadataDTO
//   getIdentityMetadata {reference, key?} -> IdentityMetadataDTO, or
//     error.runtime.identityMetadata.notFound (400 over REST, not 404)
//   deleteIdentityMetadata {reference, key?} -> nothing, or notFound
// Each runs in one transaction.
#include <boost/json.hpp>

#include "consumption/consumption_context.h"

namespace nmshd::consumption {

class IdentityMetadataUseCases {
 public:
  explicit IdentityMetadataUseCases(ConsumptionContext& ctx);

  boost::json::object Upsert(const boost::json::value& request);
  boost::json::object Get(const boost::json::value& request);
  void Delete(const boost::json::value& request);

 private:
  ConsumptionContext& ctx_;
};

}  // namespace nmshd::consumption
