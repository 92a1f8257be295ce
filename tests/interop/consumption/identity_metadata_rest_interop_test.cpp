// IdentityMetadata (PUT/GET/DELETE) and the IQL routes of our connector next to the official
// @nmshd/runtime 7.0.0 on our backbone (identity_metadata_rest.js): the same requests on both
// sides, every answer compared (status, error code and message, result JSON).
#include <gtest/gtest.h>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

using backbone::testing::BackboneProcess;
using backbone::testing::ExpectFlowPassed;
using backbone::testing::RunNodePeer;

TEST(IdentityMetadataRestInterop, ConnectorAnswersLikeTheOfficialRuntime) {
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess connector(connector::testing::ConnectorOptionsFor(backbone));
  connector.Start();
  const auto run = RunNodePeer("../consumption/identity_metadata_rest.js",
                               {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()});
  ExpectFlowPassed(run, {"identityMetadata.upsertGetDelete", "identityMetadata.errors", "iql"}, connector.LogTail());
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
