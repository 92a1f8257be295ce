// TransferFileOwnershipRequestItem in both directions between our connector and an official
// @nmshd/runtime 7.0.0 peer (transfer_file_ownership.js): ownership moves on the Backbone, the file
// records of both sides follow, the new owner's IdentityFileReference attribute is held by the other
// side under the same id, and a wrong token is refused as the official runtime refuses it.
#include <gtest/gtest.h>

#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

TEST(RequestsInterop, TransferFileOwnershipBothDirections) {
  RunFlowNextToConnector(
      "../requests/transfer_file_ownership.js",
      {"relationship", "peerTransfersItsFileToUs", "weTransferOurFileToThePeer", "wrongTokenIsRefusedLikeOfficially"});
}

}  // namespace
}  // namespace nmshd::connector::testing
