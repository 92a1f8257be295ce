// The executable refuses a database restored from an older backup (connector_restore.js, issue #6):
// an official runtime peer and our connector exchange messages; `connector backup` runs while the
// peer keeps sending and clients keep reading; more messages arrive; the connector is stopped and
// `connector restore --force` puts the backup back. The plain start exits with code 2 naming what is
// missing; `connector start --accept-stale-database` starts and syncs what the Backbone still has,
// and a message it sends reaches the peer with a fresh counter; the next plain start is accepted
// again. With NMSHD_CONNECTOR_TEST_DRIVER=postgres (the "pg." variant) the database is PostgreSQL.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_cli.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassphrase = "backup passphrase for the restore test";

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

CliRun ConnectorCommand(const ConnectorProcess& connector, std::vector<std::string> args) {
  const char* bin = std::getenv("NMSHD_CONNECTOR_BIN");
  args.insert(args.begin(), bin != nullptr ? bin : "connector");
  args.insert(args.end(), {"--config", (connector.dir() / "config.json").string()});
  return RunCli(std::move(args), connector.dir(), {{"CONNECTOR_BACKUP_PASSPHRASE", kPassphrase}});
}

TEST(ConnectorRestore, AnOlderBackupIsRefusedAndStartsOnlyWithTheOverride) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  ConnectorProcess connector(options);
  connector.Start();
  const auto backup = connector.dir() / "older.nmshdbak";

  int requests = 0;
  CliRun backup_run;
  int served_during_backup = 0;
  int failed_during_backup = 0;
  CliRun restore_run;
  std::string refusal;
  const auto run = backbone::testing::RunNodePeer(
      "../connector/connector_restore.js",
      {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()}, [&] {
        if (++requests == 1) {
          // The backup while two clients keep reading (and the peer keeps sending).
          std::atomic<bool> stop{false};
          std::atomic<int> served{0};
          std::atomic<int> failed{0};
          std::vector<std::thread> clients;
          for (const char* path : {"/api/core/v1/Messages", "/api/core/v1/Relationships"}) {
            clients.emplace_back([&, path] {
              httplib::Client client(connector.Url());
              client.set_read_timeout(30, 0);
              while (!stop) {
                auto r = client.Get(path, {{"X-API-KEY", kApiKey}});
                (r && r->status == 200 ? served : failed)++;
              }
            });
          }
          while (served < 10 && failed == 0) std::this_thread::sleep_for(10ms);
          const int before = served;
          backup_run = ConnectorCommand(connector, {"backup", backup.string()});
          served_during_backup = served - before;
          stop = true;
          for (auto& t : clients) t.join();
          failed_during_backup = failed;
          return;
        }
        EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
        restore_run = ConnectorCommand(connector, {"restore", backup.string(), "--force"});
        try {
          connector.Start();
          ADD_FAILURE() << "the restored older database was accepted";
        } catch (const std::exception& e) {
          refusal = e.what();
        }
        connector.SetExtraArgs({"--accept-stale-database"});
        connector.Start();
      });
  const auto steps = backbone::testing::ParseSteps(run.output);
  for (const char* name : {"backupWhileThePeerSends", "messagesAfterTheBackup", "restoredStateHasTheBackupsMessagesOnly",
                           "whatTheBackboneStillHasArrivesTheLostIsNotDeliveredAgain",
                           "ourMessageAfterTheRestoreReachesThePeerWithAnUnusedCounter"}) {
    ASSERT_TRUE(steps.count(name)) << name << "\n" << run.output << run.stderr_tail << connector.LogTail();
    EXPECT_EQ(steps.at(name).rfind("OK", 0), 0u) << name << ": " << steps.at(name);
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << connector.LogTail();
  EXPECT_EQ(requests, 2);
  std::cout << "after the restore: " << steps.at("whatTheBackboneStillHasArrivesTheLostIsNotDeliveredAgain")
            << "; transmit " << steps.at("ourMessageAfterTheRestoreReachesThePeerWithAnUnusedCounter") << "\n";

  EXPECT_EQ(backup_run.exit_code, 0) << backup_run.output;
  EXPECT_TRUE(Contains(backup_run.output, "backup written: " + backup.string())) << backup_run.output;
  EXPECT_GT(served_during_backup, 0) << "the connector answered nothing while the backup ran";
  EXPECT_EQ(failed_during_backup, 0);
  EXPECT_EQ(restore_run.exit_code, 0) << restore_run.output;
  EXPECT_TRUE(Contains(restore_run.output, "restored: identity ")) << restore_run.output;

  // Lost since the backup: the 3 messages the peer sent and the 1 the connector sent.
  EXPECT_NE(refusal.find("exit code 2"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("error.connector.database.stale"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("among them 4 messages"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("--accept-stale-database"), std::string::npos) << refusal;
  EXPECT_NE(connector.LogTail().find("starting on a stale database"), std::string::npos) << connector.LogTail();

  // Accepted once: the next plain start is not refused.
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
  connector.SetExtraArgs({});
  EXPECT_NO_THROW(connector.Start());
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
