// onExistingRelationship requests and third-party / IQL reads between our connector and official
// @nmshd/runtime 7.0.0 peers (existing_and_queries.js): the onExistingRelationship request of our
// template taken by the peer and of the peer's template taken by us, both answered by message and
// completed on the other side under one id; ReadAttributeRequestItems with an IQLQuery and with a
// ThirdPartyRelationshipAttributeQuery (a third runtime) in both directions, the records on both
// sides under the same id and of the official kind.
#include <gtest/gtest.h>

#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

TEST(RequestsInterop, ExistingRelationshipRequestsAndThirdPartyAndIqlReads) {
  RunFlowNextToConnector(
      "../requests/existing_and_queries.js",
      {"ourTemplate", "relationshipFromOnNewRelationship", "peerLoadsOurTemplateAgain",
       "ourRequestFromTheExistingRelationshipCompletes", "peerTemplate", "weLoadThePeersTemplate",
       "peersRequestFromTheExistingRelationshipCompletes", "weLoadThePeersTemplateAgainAndReject", "iqlReadsBothWays",
       "thirdPartyRelationships", "thirdPartyReadsBothWays", "thirdPartyQueriesAreValidatedAsOfficially"});
}

}  // namespace
}  // namespace nmshd::connector::testing
