// Two official @nmshd/runtime 7.0.0 peers exchange content through our backbone executable
// (content_flow.js): templates and tokens with and without password, loading by truncated
// reference and by URL, relationship request/accept, messages both ways with attachments, a file
// by reference, terminate, reactivation rejected and accepted, decomposition by both sides.
// SQLite by default; NMSHD_BACKBONE_TEST_DRIVER=postgres (the "pg." variant) runs it on PostgreSQL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "interop/backbone/backbone_process.h"

namespace nmshd::backbone::testing {
namespace {

// "STEP <name> OK|FAILED <detail>" lines: name -> "OK…" / "FAILED…". (No std::regex: GCC 12
// warns falsely about it under -O1 with sanitizers.)
std::map<std::string, std::string> StepsOf(const std::string& output) {
  std::map<std::string, std::string> steps;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("STEP ", 0) != 0) continue;
    auto name_end = line.find(' ', 5);
    if (name_end == std::string::npos) continue;
    auto verdict = line.substr(name_end + 1);
    if (verdict.rfind("OK", 0) == 0 || verdict.rfind("FAILED", 0) == 0) {
      steps[line.substr(5, name_end - 5)] = verdict;
    }
  }
  return steps;
}

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
  const auto steps = StepsOf(run.output);
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
