#pragma once
// The runtime's IQL use cases (useCases/consumption/attributes/ExecuteIQLQuery.ts and
// ValidateIQLQuery.ts of 7.0.0), as the Connector's AttributesController calls them with the
// request body:
//   executeIQLQuery {query: {queryString, attributeCreationHints?, @type?}}: the JSON-schema check,
//     IQLQuery.from(query) (a query that does not parse is refused there with
//     error.runtime.requestDeserialization "IQLQuery.queryString:String :: invalid IQL query at
//     character offset <column>"), then the query over the contents of ALL OwnIdentityAttributes
//     (every version, in creation order: AttributesController.executeIQLQuery) -> LocalAttributeDTOs
//   validateIQLQuery {query: {@type: "IQLQuery", queryString, …}}: the same checks (here "@type" is
//     required), then @nmshd/iql's validate -> {isValid: true}. Because IQLQuery.from already
//     refuses a query that does not parse, {isValid: false, error} cannot come out of this use case
//     for a well-formed request; iql::ValidateIql (iql.h) is the library call that reports it.
#include <boost/json.hpp>

#include "consumption/attributes/attributes_controller.h"

namespace nmshd::consumption {

class IqlUseCases {
 public:
  explicit IqlUseCases(AttributesController& attributes) : attributes_(attributes) {}

  boost::json::array ExecuteIQLQuery(const boost::json::value& request);
  boost::json::object ValidateIQLQuery(const boost::json::value& request);

 private:
  AttributesController& attributes_;
};

}  // namespace nmshd::consumption
