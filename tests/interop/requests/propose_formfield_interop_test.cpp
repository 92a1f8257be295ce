// ProposeAttribute, FormField and DeleteAttribute requests between our connector and an official
// @nmshd/runtime 7.0.0 peer (propose_formfield.js): ProposeAttribute (identity and relationship)
// and FormField items answered in both directions — we send by message and the peer accepts via
// its runtime, the peer sends and we accept over REST — with the response contents equal on both
// sides and each attribute held on both sides under one id with the official kinds; then a
// DeleteAttributeRequestItem from us accepted by the peer (ToBeDeleted / ToBeDeletedByRecipient),
// and refusals compared with the official canCreate results.
#include <gtest/gtest.h>

#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

TEST(RequestsInterop, ProposeAndFormFieldBothDirectionsAndDeleteAttribute) {
  RunFlowNextToConnector("../requests/propose_formfield.js",
                         {"onboarding", "weProposeThePeerAccepts", "peerProposesWeAccept", "weAskThePeerToDelete",
                          "refusalsMatchTheOfficialOnes"});
}

}  // namespace
}  // namespace nmshd::connector::testing
