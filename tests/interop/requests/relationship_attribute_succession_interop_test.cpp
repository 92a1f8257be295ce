// Succeeding relationship attributes in both directions between our connector and an official
// @nmshd/runtime 7.0.0 peer, and request inputs both must refuse without storing anything
// (relationship_attribute_succession.js).
#include <gtest/gtest.h>

#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

TEST(RequestsInterop, RelationshipAttributeSuccessionReachesThePeerBothWays) {
  RunFlowNextToConnector(
      "../requests/relationship_attribute_succession.js",
      {"onboarding", "weSucceedOurCustomerNumber", "successionRefusals", "peerOwnedAttribute",
       "peerSucceedsItsAttribute", "unknownRequestItemType", "wrongOwner", "expiredRequest", "mismatchedResponse"});
}

}  // namespace
}  // namespace nmshd::connector::testing
