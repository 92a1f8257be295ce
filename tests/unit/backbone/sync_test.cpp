// Sync runs, external events and the datawallet (backbone-protocol §1.10).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "sync/external_events.h"
#include "sync/sync_store.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

class SyncTest : public ::testing::Test {
 protected:
  std::string Append(const std::string& owner, const std::string& type = "MessageReceived",
                     std::optional<std::string> context = std::nullopt, bool blocked = false) {
    return bb.context().db.WithTransaction([&](storage::Transaction& tx) {
      return AppendExternalEvent(tx, bb.context(), NewExternalEvent{owner, type, json::object{{"id", "MSG1"}}, context, blocked});
    });
  }
  ApiResponse Start(const TestIdentity& who, std::optional<int> duration = std::nullopt,
                    const std::string& type = "ExternalEventSync") {
    json::object body{{"type", type}};
    if (duration) body["duration"] = *duration;
    return bb.SyncCall("POST", "/api/v2/SyncRuns", body, who.token);
  }
  json::array Events(const TestIdentity& who, const std::string& run_id) {
    auto r = bb.SyncCall("GET", "/api/v2/SyncRuns/" + run_id + "/ExternalEvents", std::nullopt, who.token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.result().as_array() : json::array{};
  }
  ApiResponse Finalize(const TestIdentity& who, const std::string& run_id, json::array results,
                       json::array modifications = {}) {
    return bb.SyncCall("PUT", "/api/v2/SyncRuns/" + run_id + "/FinalizeExternalEventSync",
                       json::object{{"externalEventResults", results}, {"datawalletModifications", modifications}},
                       who.token);
  }
  static std::string RunId(const ApiResponse& r) { return std::string(r.result().at("syncRun").at("id").as_string()); }
  static json::array Ok(const json::array& events) {
    json::array out;
    for (const auto& e : events) out.push_back(json::object{{"externalEventId", e.at("id")}});
    return out;
  }

  BackboneHarness bb;
};

TEST_F(SyncTest, ExternalEventSyncNeedsTheDatawalletAndTheHeader) {
  auto alice = bb.CreateIdentity(false);
  auto r = Start(alice);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json.at("error").at("message"), "Datawallet not found.");
  auto no_header = bb.Call("POST", "/api/v2/SyncRuns", json::object{{"type", "ExternalEventSync"}}, alice.token);
  EXPECT_EQ(no_header.ErrorCode(), "error.platform.validation.invalidPropertyValue");
}

TEST_F(SyncTest, DatawalletVersionUpgradeCreatesTheDatawallet) {
  auto alice = bb.CreateIdentity(false);
  auto start = Start(alice, std::nullopt, "DatawalletVersionUpgrade");
  ASSERT_EQ(start.status, 201) << start.body;
  const auto& run = start.result().at("syncRun").as_object();
  std::vector<std::string> keys;
  for (const auto& kv : run) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "type", "expiresAt", "index", "createdAt", "createdBy", "createdByDevice",
                                            "eventCount"}));
  EXPECT_EQ(run.at("type"), "DatawalletVersionUpgrade");
  EXPECT_EQ(run.at("index"), 0);
  EXPECT_EQ(run.at("expiresAt"), FormatIsoUtc(bb.now() + std::chrono::seconds(10)));
  EXPECT_EQ(run.at("createdBy"), alice.address);
  EXPECT_EQ(run.at("createdByDevice"), alice.device_id);
  EXPECT_EQ(bb.Call("GET", "/api/v2/Datawallet", std::nullopt, alice.token).status, 404);
  auto fin = bb.SyncCall("PUT", "/api/v2/SyncRuns/" + RunId(start) + "/FinalizeDatawalletVersionUpgrade",
                         json::object{{"newDatawalletVersion", 1}, {"datawalletModifications", json::array{}}}, alice.token);
  ASSERT_EQ(fin.status, 200) << fin.body;
  EXPECT_EQ(fin.body, R"({"result":{"newDatawalletModificationIndex":null,"datawalletModifications":[]}})");
  EXPECT_EQ(bb.Call("GET", "/api/v2/Datawallet", std::nullopt, alice.token).body, R"({"result":{"version":1}})");
  // Finalizing twice or with the wrong type fails.
  auto again = bb.SyncCall("PUT", "/api/v2/SyncRuns/" + RunId(start) + "/FinalizeDatawalletVersionUpgrade",
                           json::object{{"newDatawalletVersion", 1}}, alice.token);
  EXPECT_EQ(again.ErrorCode(), "error.platform.validation.syncRun.syncRunAlreadyFinalized");
  auto wrong = Finalize(alice, RunId(start), {});
  EXPECT_EQ(wrong.ErrorCode(), "error.platform.validation.syncRun.unexpectedSyncRunType");
}

TEST_F(SyncTest, NoEventsMeansNoNewEventsAndNoRun) {
  auto alice = bb.CreateIdentity();
  auto r = Start(alice);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"result":{"status":"NoNewEvents","syncRun":null}})");
}

TEST_F(SyncTest, LifeCycleWithGapFreeIndicesPerOwner) {
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  Append(alice.address);
  Append(bob.address);
  Append(alice.address, "RelationshipStatusChanged");
  auto start = Start(alice);
  ASSERT_EQ(start.status, 201) << start.body;
  EXPECT_EQ(start.result().at("status"), "Created");
  EXPECT_EQ(start.result().at("syncRun").at("eventCount"), 2);
  EXPECT_EQ(start.result().at("syncRun").at("index"), 1);  // the datawallet upgrade run was 0
  auto events = Events(alice, RunId(start));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at("index"), 0);
  EXPECT_EQ(events[1].at("index"), 1);
  EXPECT_EQ(events[1].at("type"), "RelationshipStatusChanged");
  std::vector<std::string> keys;
  for (const auto& kv : events[0].as_object()) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "type", "index", "createdAt", "syncErrorCount", "payload"}));
  EXPECT_EQ(events[0].at("payload"), (json::object{{"id", "MSG1"}}));

  auto fin = Finalize(alice, RunId(start), Ok(events));
  ASSERT_EQ(fin.status, 200) << fin.body;
  EXPECT_EQ(fin.body,
            R"({"result":{"newDatawalletModificationIndex":null,"datawalletModifications":[],"newUnsyncedExternalEventsExist":false}})");
  EXPECT_EQ(Start(alice).result().at("status"), "NoNewEvents");

  // Bob's own index starts at 0 as well.
  auto bob_run = Start(bob);
  EXPECT_EQ(Events(bob, RunId(bob_run))[0].at("index"), 0);
  EXPECT_EQ(Append(alice.address).substr(0, 3), "SYI");
  auto next = Start(alice);
  EXPECT_EQ(Events(alice, RunId(next))[0].at("index"), 2);
}

TEST_F(SyncTest, ErrorsAreCountedAndAfterThreeTheEventIsNeverDeliveredAgain) {
  auto alice = bb.CreateIdentity();
  const auto failing = Append(alice.address, "TokenLocked");
  for (int attempt = 0; attempt < 3; ++attempt) {
    Append(alice.address);  // another event that is processed fine each time
    auto start = Start(alice);
    ASSERT_EQ(start.status, 201) << attempt << start.body;
    auto events = Events(alice, RunId(start));
    ASSERT_EQ(events.size(), 2u) << attempt;
    json::array results;
    for (const auto& e : events) {
      if (e.at("id") == failing) {
        EXPECT_EQ(e.at("syncErrorCount"), attempt);
        results.push_back(json::object{{"externalEventId", e.at("id")}, {"errorCode", "error.transport.unknown"}});
      } else {
        results.push_back(json::object{{"externalEventId", e.at("id")}});
      }
    }
    auto fin = Finalize(alice, RunId(start), results);
    ASSERT_EQ(fin.status, 200) << fin.body;
    EXPECT_EQ(fin.result().at("newUnsyncedExternalEventsExist"), attempt < 2) << attempt;
  }
  EXPECT_EQ(Start(alice).result().at("status"), "NoNewEvents");
}

TEST_F(SyncTest, EventsWithoutAResultCountAsNotProcessed) {
  auto alice = bb.CreateIdentity();
  Append(alice.address);
  Append(alice.address);
  auto start = Start(alice);
  auto events = Events(alice, RunId(start));
  auto fin = Finalize(alice, RunId(start), json::array{json::object{{"externalEventId", events[0].at("id")}}});
  EXPECT_EQ(fin.result().at("newUnsyncedExternalEventsExist"), true);
  auto next = Start(alice);
  auto again = Events(alice, RunId(next));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].at("id"), events[1].at("id"));
  EXPECT_EQ(again[0].at("syncErrorCount"), 1);
}

TEST_F(SyncTest, OnlyOneActiveRunAndExpiredRunsAreCancelled) {
  auto alice = bb.CreateIdentity();
  Append(alice.address);
  auto first = Start(alice);
  ASSERT_EQ(first.status, 201);
  Append(alice.address);
  auto second = Start(alice);
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(second.ErrorCode(), "error.platform.validation.syncRun.cannotStartSyncRunWhenAnotherSyncRunIsRunning");
  EXPECT_NE(second.json.at("error").at("message").as_string().find(RunId(first)), std::string::npos);
  // A DatawalletVersionUpgrade is refused too.
  EXPECT_EQ(Start(alice, std::nullopt, "DatawalletVersionUpgrade").status, 400);

  bb.Advance(std::chrono::seconds(11));  // default duration 10 s: expired
  auto third = Start(alice);
  ASSERT_EQ(third.status, 201) << third.body;
  auto events = Events(alice, RunId(third));
  ASSERT_EQ(events.size(), 2u);  // the event of the cancelled run is back, with an error counted
  EXPECT_EQ(events[0].at("syncErrorCount"), 1);
  EXPECT_EQ(events[1].at("syncErrorCount"), 0);
  auto late = Finalize(alice, RunId(first), {});
  EXPECT_EQ(late.ErrorCode(), "error.platform.validation.syncRun.syncRunAlreadyFinalized");
}

TEST_F(SyncTest, DurationExtendsTheRun) {
  auto alice = bb.CreateIdentity();
  Append(alice.address);
  auto first = Start(alice, 60);
  EXPECT_EQ(first.result().at("syncRun").at("expiresAt"), FormatIsoUtc(bb.now() + std::chrono::seconds(60)));
  bb.Advance(std::chrono::seconds(30));
  EXPECT_EQ(Start(alice).ErrorCode(), "error.platform.validation.syncRun.cannotStartSyncRunWhenAnotherSyncRunIsRunning");
}

TEST_F(SyncTest, OnlyTheCreatingDeviceReadsAndFinalizes) {
  auto alice = bb.CreateIdentity();
  auto challenge = bb.CreateChallenge(alice.token);
  auto dev = bb.Call("POST", "/api/v2/Devices",
                     json::object{{"devicePassword", "pw2"}, {"signedChallenge", BackboneHarness::SignChallenge(challenge, alice.keys)}},
                     alice.token);
  ASSERT_EQ(dev.status, 201);
  TestIdentity second = alice;
  second.token = bb.LoginToken(std::string(dev.result().at("username").as_string()), "pw2");
  Append(alice.address);
  auto start = Start(alice);
  auto read = bb.SyncCall("GET", "/api/v2/SyncRuns/" + RunId(start) + "/ExternalEvents", std::nullopt, second.token);
  EXPECT_EQ(read.ErrorCode(), "error.platform.validation.syncRun.cannotReadExternalEventsOfASyncRunStartedByAnotherDevice");
  EXPECT_EQ(Finalize(second, RunId(start), {}).ErrorCode(),
            "error.platform.validation.syncRun.cannotFinalizeSyncRunStartedByAnotherDevice");
  // Another identity does not even see the run.
  auto bob = bb.CreateIdentity();
  EXPECT_EQ(Finalize(bob, RunId(start), {}).status, 404);
  EXPECT_EQ(bb.Call("GET", "/api/v2/SyncRuns/" + RunId(start), std::nullopt, bob.token).status, 404);
  EXPECT_EQ(bb.Call("GET", "/api/v2/SyncRuns/" + RunId(start), std::nullopt, alice.token).status, 200);
}

TEST_F(SyncTest, BlockedEventsWaitForTheirRelationship) {
  auto alice = bb.CreateIdentity();
  Append(alice.address, "MessageReceived", "REL00000000000000001", true);
  Append(alice.address, "MessageReceived", "REL00000000000000002", true);
  EXPECT_EQ(Start(alice).result().at("status"), "NoNewEvents");
  int notified = 0;
  bb.context().external_events->Subscribe(alice.address, [&] { ++notified; });
  bb.context().db.WithTransaction([&](storage::Transaction& tx) {
    UnblockExternalEvents(tx, bb.context(), "REL00000000000000001");
    DeleteBlockedExternalEvents(tx, "REL00000000000000002");
    EXPECT_EQ(notified, 0);  // not before the commit
  });
  EXPECT_EQ(notified, 1);  // the unblocked event can be fetched now
  auto start = Start(alice);
  ASSERT_EQ(start.status, 201);
  auto events = Events(alice, RunId(start));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("index"), 0);
}

TEST_F(SyncTest, ExternalEventsArePaged) {
  auto alice = bb.CreateIdentity();
  for (int i = 0; i < 5; ++i) Append(alice.address);
  auto start = Start(alice);
  auto page = bb.SyncCall("GET", "/api/v2/SyncRuns/" + RunId(start) + "/ExternalEvents?pageSize=2&pageNumber=3",
                          std::nullopt, alice.token);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.result().as_array().size(), 1u);
  EXPECT_EQ(page.result().as_array()[0].at("index"), 4);
  EXPECT_EQ(page.json.at("pagination").at("totalRecords"), 5);
}

TEST_F(SyncTest, DatawalletModificationsHaveAPerIdentityIndexAndTheLocalIndexRule) {
  auto alice = bb.CreateIdentity();
  auto mod = [](const std::string& object, const std::string& type) {
    return json::object{{"objectIdentifier", object}, {"collection", "Relationships"}, {"type", type},
                        {"payloadCategory", "Technical"}, {"encryptedPayload", "AAECAw"}, {"datawalletVersion", 1}};
  };
  auto push = [&](std::optional<int> local, json::array mods) {
    json::object body{{"modifications", mods}};
    if (local) body["localIndex"] = *local;
    return bb.SyncCall("POST", "/api/v2/Datawallet/Modifications", body, alice.token);
  };
  auto first = push(-1, json::array{mod("REL1", "Create"), mod("REL2", "Create")});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.result().at("newIndex"), 1);
  EXPECT_EQ(first.result().at("modifications").as_array().size(), 2u);
  EXPECT_EQ(push(0, json::array{mod("REL1", "Update")}).ErrorCode(),
            "error.platform.validation.datawallet.datawalletNotUpToDate");
  auto second = push(1, json::array{mod("REL1", "Update"), mod("REL1", "Update")});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.result().at("newIndex"), 3);

  auto all = bb.SyncCall("GET", "/api/v2/Datawallet/Modifications", std::nullopt, alice.token);
  ASSERT_EQ(all.status, 200) << all.body;
  auto items = all.result().as_array();
  ASSERT_EQ(items.size(), 3u);  // REL1 Create, REL2 Create, newest REL1 Update
  EXPECT_EQ(items[0].at("index"), 0);
  EXPECT_EQ(items[1].at("index"), 1);
  EXPECT_EQ(items[2].at("index"), 3);
  EXPECT_EQ(items[2].at("encryptedPayload"), "AAECAw");
  std::vector<std::string> keys;
  for (const auto& kv : items[0].as_object()) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "datawalletVersion", "index", "objectIdentifier", "payloadCategory",
                                            "createdAt", "createdByDevice", "collection", "type", "encryptedPayload"}));
  auto since = bb.SyncCall("GET", "/api/v2/Datawallet/Modifications?localIndex=1", std::nullopt, alice.token);
  EXPECT_EQ(since.result().as_array().size(), 1u);

  // Not during an active sync run; not with a version newer than the datawallet's.
  bb.context().db.WithTransaction([&](storage::Transaction& tx) {
    AppendExternalEvent(tx, bb.context(), NewExternalEvent{alice.address, "MessageReceived", json::object{}, std::nullopt, false});
  });
  auto run = bb.SyncCall("POST", "/api/v2/SyncRuns", json::object{}, alice.token);
  ASSERT_EQ(run.status, 201);
  EXPECT_EQ(push(3, json::array{mod("REL3", "Create")}).ErrorCode(),
            "error.platform.validation.datawallet.cannotPushDatawalletModificationsDuringActiveSyncRun");
  // ...but finalizing the run may carry modifications.
  auto fin = Finalize(alice, std::string(run.result().at("syncRun").at("id").as_string()), json::array{},
                      json::array{mod("REL3", "Create")});
  ASSERT_EQ(fin.status, 200) << fin.body;
  EXPECT_EQ(fin.result().at("newDatawalletModificationIndex"), 4);
  auto too_new = mod("REL4", "Create");
  too_new["datawalletVersion"] = 2;
  EXPECT_EQ(push(4, json::array{too_new}).ErrorCode(),
            "error.platform.validation.datawallet.datawalletVersionOfModificationTooHigh");
}

TEST_F(SyncTest, OutdatedClientsAreRefused) {
  auto alice = bb.CreateIdentity();
  auto start = Start(alice, std::nullopt, "DatawalletVersionUpgrade");
  bb.SyncCall("PUT", "/api/v2/SyncRuns/" + RunId(start) + "/FinalizeDatawalletVersionUpgrade",
              json::object{{"newDatawalletVersion", 2}}, alice.token);
  auto r = Start(alice);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.datawallet.insufficientSupportedDatawalletVersion");
  auto list = bb.SyncCall("GET", "/api/v2/Datawallet/Modifications", std::nullopt, alice.token);
  EXPECT_EQ(list.ErrorCode(), "error.platform.validation.datawallet.insufficientSupportedDatawalletVersion");
}

TEST_F(SyncTest, StateChangesOfARolledBackTransactionLeaveNoEvent) {
  auto alice = bb.CreateIdentity();
  try {
    bb.context().db.WithTransaction([&](storage::Transaction& tx) {
      AppendExternalEvent(tx, bb.context(), NewExternalEvent{alice.address, "MessageReceived", json::object{}, std::nullopt, false});
      throw std::runtime_error("the change that caused it failed");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(Start(alice).result().at("status"), "NoNewEvents");
  Append(alice.address);
  auto start = Start(alice);
  EXPECT_EQ(Events(alice, RunId(start))[0].at("index"), 0);  // the rolled-back index is reused: no gap
}

// GET /metrics counts what the sync routes did, and only what committed.
TEST_F(SyncTest, MetricsCountRunsAndEventsByOutcome) {
  auto alice = bb.CreateIdentity();  // one DatawalletVersionUpgrade run, finalized
  const auto sample = [&](const std::string& series) {
    const auto text = bb.Call("GET", "/metrics").body;
    const auto at = text.find("\n" + series + " ");
    return at == std::string::npos ? -1.0 : std::stod(text.substr(at + series.size() + 2));
  };
  try {
    bb.context().db.WithTransaction([&](storage::Transaction& tx) {
      AppendExternalEvent(tx, bb.context(), NewExternalEvent{alice.address, "MessageReceived", json::object{}, std::nullopt, false});
      throw std::runtime_error("rolled back");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(Start(alice).result().at("status"), "NoNewEvents");
  Append(alice.address);
  Append(alice.address);
  Append(alice.address);
  auto start = Start(alice);
  auto events = Events(alice, RunId(start));
  ASSERT_EQ(events.size(), 3u);
  json::array results{json::object{{"externalEventId", events[0].at("id")}},
                      json::object{{"externalEventId", events[1].at("id")}, {"errorCode", "error.x"}}};
  ASSERT_EQ(Finalize(alice, RunId(start), results).status, 200);

  EXPECT_EQ(sample(R"(nmshd_backbone_sync_runs_total{result="noNewEvents"})"), 1);
  EXPECT_EQ(sample(R"(nmshd_backbone_sync_runs_total{result="created"})"), 2);  // the upgrade run too
  EXPECT_EQ(sample(R"(nmshd_backbone_sync_runs_finalized_total{type="ExternalEventSync"})"), 1);
  EXPECT_EQ(sample(R"(nmshd_backbone_sync_runs_finalized_total{type="DatawalletVersionUpgrade"})"), 1);
  EXPECT_EQ(sample(R"(nmshd_backbone_external_events_total{stage="created"})"), 3);  // not the rolled-back one
  EXPECT_EQ(sample(R"(nmshd_backbone_external_events_total{stage="processed"})"), 1);
  EXPECT_EQ(sample(R"(nmshd_backbone_external_events_total{stage="failed"})"), 2);  // an error code, one unreported
}

// The SSE endpoint's stream as the handler produces it (the socket side is in
// tests/unit/transport/sse and tests/unit/http/streaming_test.cpp).
TEST_F(SyncTest, SseStreamsAnnounceExternalEventsOfTheCallerOnceTheyAreCommitted) {
  const std::string opened = "event: ConnectionOpened\ndata: _\n\n";
  const std::string created = "event: ExternalEventCreated\ndata: _\n\n";
  auto take = [](const ApiResponse& r) {
    bool finished = false;
    auto text = r.stream->Take(finished);
    EXPECT_FALSE(finished);
    return text;
  };
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  EXPECT_EQ(bb.Call("GET", "/api/v1/sse").status, 401);
  for (const char* path : {"/api/v1/sse", "/api/v2/sse", "/API/V1/SSE"}) {
    auto r = bb.Call("GET", path, std::nullopt, alice.token);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers.at("Content-Type"), "text/event-stream");
    EXPECT_EQ(r.headers.at("Cache-Control"), "no-cache");
    ASSERT_TRUE(r.stream) << path;
    EXPECT_EQ(take(r), opened);
    EXPECT_EQ(r.stream->options().heartbeat, ": keep-alive\n\n");
  }
  // Those streams are gone, and so are their listeners.
  EXPECT_EQ(bb.context().external_events->ListenerCount(alice.address), 0u);

  auto stream = bb.Call("GET", "/api/v1/sse", std::nullopt, alice.token);
  EXPECT_EQ(take(stream), opened);
  Append(bob.address);
  EXPECT_EQ(take(stream), "");  // someone else's event
  bb.context().db.WithTransaction([&](storage::Transaction& tx) {
    AppendExternalEvent(tx, bb.context(), NewExternalEvent{alice.address, "MessageReceived", json::object{}, std::nullopt, false});
    EXPECT_EQ(take(stream), "");  // not before the commit: a sync would not find it yet
  });
  EXPECT_EQ(take(stream), created);
  Append(alice.address, "MessageReceived", "REL00000000000000001", true);
  EXPECT_EQ(take(stream), "");  // blocked: not deliverable yet

  // A new stream of an identity with undelivered events announces them at once.
  auto later = bb.Call("GET", "/api/v2/sse", std::nullopt, alice.token);
  EXPECT_EQ(take(later), opened + created);
  EXPECT_EQ(bb.context().external_events->ListenerCount(alice.address), 2u);
  Append(alice.address);
  EXPECT_EQ(take(stream), created);
  EXPECT_EQ(take(later), created);
  later.stream->End();  // e.g. the client disconnected
  EXPECT_EQ(bb.context().external_events->ListenerCount(alice.address), 1u);
  Append(alice.address);
  EXPECT_EQ(take(stream), created);
}

TEST_F(SyncTest, ConcurrentStartsOfOneIdentityCreateExactlyOneRun) {
  auto alice = bb.CreateIdentity();
  Append(alice.address);
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto r = Start(alice, 600);
      if (r.status == 201) {
        ++created;
      } else if (r.ErrorCode() == "error.platform.validation.syncRun.cannotStartSyncRunWhenAnotherSyncRunIsRunning") {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), 5);
  EXPECT_EQ(other.load(), 0);
}

TEST_F(SyncTest, ConcurrentAppendsGetDistinctGapFreeIndices) {
  auto alice = bb.CreateIdentity();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) Append(alice.address);
    });
  }
  for (auto& t : threads) t.join();
  auto start = Start(alice);
  ASSERT_EQ(start.status, 201);
  std::set<std::int64_t> indices;
  auto r = bb.SyncCall("GET", "/api/v2/SyncRuns/" + RunId(start) + "/ExternalEvents?pageSize=100", std::nullopt, alice.token);
  for (const auto& e : r.result().as_array()) indices.insert(e.at("index").to_number<std::int64_t>());
  ASSERT_EQ(indices.size(), 20u);
  EXPECT_EQ(*indices.begin(), 0);
  EXPECT_EQ(*indices.rbegin(), 19);
}

}  // namespace
}  // namespace nmshd::backbone::testing
