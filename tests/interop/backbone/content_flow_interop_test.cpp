// Two official @nmshd/runtime 7.0.0 peers exchange content through our backbone executable
// (content_flow.js): templates and tokens with and without password, loading by truncated
// reference and by URL, relationship request/accept, messages both ways with attachments, a file
// by reference, terminate, reactivation rejected and accepted, decomposition by both sides.
// SQLite by default; NMSHD_BACKBONE_TEST_DRIVER=postgres (the "pg." variant) runs it on PostgreSQL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "interop/backbone/backbone_process.h"

namespace nmshd::backbone::testing {
namespace {

TEST(ContentFlowInterop, TwoOfficialRuntimesExchangeTemplatesTokensRelationshipsMessagesAndFiles) {
  BackboneProcessOptions options;
  const char* driver = std::getenv("NMSHD_BACKBONE_TEST_DRIVER");
  if (driver != nullptr && *driver != '\0') options.driver = driver;
  // The runtime dev stack allows 5 recipients; one is enough here, the official default.
  BackboneProcess backbone(options);
  ASSERT_NO_THROW(backbone.Start());
  auto run = RunNodePeer("content_flow.js",
                         {backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()});
  const auto context = run.output + "\n--- node stderr:\n" + run.stderr_tail + "\n--- backbone:\n" +
                       backbone.LogTail();
  EXPECT_EQ(run.exit_code, 0) << context;
  const auto steps = ParseSteps(run.output);
  for (const char* name : {"setup.runtimes",
                           "template.create",
                           "token.create",
                           "token.createWithPassword",
                           "template.createWithPassword",
                           "load.byTruncatedTokenReference",
                           "load.byTokenUrl",
                           "load.passwordTokenRefusedWithoutPassword",
                           "load.passwordTokenRefusedWithWrongPassword",
                           "load.passwordTokenWithPassword",
                           "load.pinTemplateByReference",
                           "relationship.canCreate",
                           "relationship.request",
                           "relationship.requestTwiceRefused",
                           "relationship.ownerSeesRequest",
                           "relationship.accept",
                           "relationship.requestorSeesActive",
                           "message.aToBWithAttachment",
                           "message.bToAWithAttachment",
                           "message.senderSeesReceipt",
                           "file.loadByReference",
                           "relationship.terminate",
                           "reactivation.rejected",
                           "reactivation.accepted",
                           "message.afterReactivation",
                           "relationship.decompose",
                           "relationship.canCreateAgainAfterDecomposition"}) {
    auto it = steps.find(name);
    ASSERT_NE(it, steps.end()) << "step " << name << " did not run\n" << context;
    EXPECT_EQ(it->second.substr(0, 2), "OK") << name << ": " << it->second << "\n" << context;
  }
  EXPECT_NE(run.output.find("\"failed\":0"), std::string::npos) << context;
  EXPECT_EQ(backbone.Stop(), 0);
}

}  // namespace
}  // namespace nmshd::backbone::testing
