// Relationships end to end: two identities on our Backbone, real sealing, sync with the ledger.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "transport/modules/relationships/relationship_channel.h"
#include "transport/modules/relationships/relationship_errors.h"
#include "transport/modules/sync/external_event.h"
#include "transport/modules/relationships_test_support.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
using testing::RelationshipNode;
using testing::TestBackbone;

const std::string kChanged = "transport.relationshipChanged";
const std::string kReactivationRequested = "transport.relationshipReactivationRequested";
const std::string kReactivationCompleted = "transport.relationshipReactivationCompleted";
const std::string kDecomposedBySelf = "transport.relationshipDecomposedBySelf";

std::string Str(const js::value& v, std::string_view key) { return std::string(v.as_object().at(key).as_string()); }

std::vector<std::string> Keys(const js::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

std::vector<std::string> Reasons(const js::object& dto) {
  std::vector<std::string> reasons;
  for (const auto& e : dto.at("auditLog").as_array()) reasons.push_back(Str(e, "reason"));
  return reasons;
}

template <class Fn>
CodedError CatchCoded(Fn&& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e;
  }
  ADD_FAILURE() << "no CodedError thrown";
  return CodedError("none", "none");
}

// The relationship events a node published (loading the peer's template announces that, too).
std::vector<std::string> Names(RelationshipNode& node) {
  std::vector<std::string> names;
  for (auto& name : node.events().Names()) {
    if (name != "transport.peerRelationshipTemplateLoaded") names.push_back(std::move(name));
  }
  return names;
}

std::optional<RelationshipChannel> Channel(RelationshipNode& node, const std::string& id) {
  auto tx = node.identity.db().Begin();
  return LoadRelationshipChannel(*tx, node.identity.box(), id);
}

std::vector<std::uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

class RelationshipsTest : public ::testing::Test {
 protected:
  TestBackbone backbone;
  RelationshipNode a{backbone, "a"};  // templator
  RelationshipNode b{backbone, "b"};  // requestor
};

TEST_F(RelationshipsTest, RequestIsSeenByTheTemplatorAndAcceptedWithMatchingSecrets) {
  const auto template_id = testing::ShareTemplate(a, b);
  const auto check = b.relationships.CanCreate(
      js::object{{"templateId", template_id}, {"creationContent", testing::ArbitraryCreationContent()}});
  EXPECT_EQ(js::serialize(check), R"({"isSuccess":true})");

  const auto created = b.relationships.Create(
      js::object{{"templateId", template_id}, {"creationContent", testing::ArbitraryCreationContent()}});
  const auto id = Str(created, "id");
  EXPECT_EQ(Keys(created), (std::vector<std::string>{"id", "templateId", "status", "peer", "peerIdentity",
                                                     "auditLog", "creationContent"}));
  EXPECT_EQ(Str(created, "templateId"), template_id);
  EXPECT_EQ(Str(created, "status"), "Pending");
  EXPECT_EQ(Str(created, "peer"), a.address());
  EXPECT_EQ(Str(created.at("peerIdentity"), "address"), a.address());
  EXPECT_EQ(Str(created.at("peerIdentity"), "publicKey"),
            base64::EncodeUrlNoPad(json::Stringify(a.identity.account().identity_public_key().ToJson(false))));
  ASSERT_EQ(created.at("auditLog").as_array().size(), 1u);
  const auto& creation = created.at("auditLog").as_array()[0].as_object();
  EXPECT_EQ(Keys(creation), (std::vector<std::string>{"createdAt", "createdBy", "createdByDevice", "reason",
                                                      "newStatus"}));
  EXPECT_EQ(Str(creation, "createdBy"), b.address());
  EXPECT_EQ(Str(creation, "createdByDevice"), b.identity.account().device().id);
  EXPECT_EQ(Str(creation, "reason"), "Creation");
  EXPECT_EQ(Str(creation, "newStatus"), "Pending");
  EXPECT_EQ(js::serialize(created.at("creationContent")), js::serialize(testing::ArbitraryCreationContent()));
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged}));
  // Our own pending request has no channel yet.
  EXPECT_FALSE(Channel(b, id).has_value());

  const auto outcome = a.sync.SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  const auto incoming = a.relationships.Get(id);
  EXPECT_EQ(Str(incoming, "status"), "Pending");
  EXPECT_EQ(Str(incoming, "peer"), b.address());
  EXPECT_EQ(Str(incoming.at("peerIdentity"), "address"), b.address());
  EXPECT_EQ(Str(incoming.at("peerIdentity"), "publicKey"),
            base64::EncodeUrlNoPad(json::Stringify(b.identity.account().identity_public_key().ToJson(false))));
  EXPECT_EQ(js::serialize(incoming.at("creationContent")), js::serialize(testing::ArbitraryCreationContent()));
  EXPECT_EQ(js::serialize(incoming.at("auditLog")), js::serialize(created.at("auditLog")));
  ASSERT_EQ(Names(a), (std::vector<std::string>{kChanged}));
  EXPECT_EQ(js::serialize(a.events().Events()[0].data), js::serialize(incoming));

  // Only the requestor may revoke, only the templator accept.
  EXPECT_EQ(CatchCoded([&] { b.relationships.Accept(id); }).code(),
            "error.transport.relationships.operationOnlyAllowedForPeer");
  EXPECT_EQ(CatchCoded([&] { a.relationships.Revoke(id); }).code(),
            "error.transport.relationships.operationOnlyAllowedForPeer");

  const auto accepted = a.relationships.Accept(id);
  EXPECT_EQ(Str(accepted, "status"), "Active");
  EXPECT_EQ(Reasons(accepted), (std::vector<std::string>{"Creation", "AcceptanceOfCreation"}));
  const auto& acceptance = accepted.at("auditLog").as_array()[1].as_object();
  EXPECT_EQ(Str(acceptance, "oldStatus"), "Pending");
  EXPECT_EQ(Str(acceptance, "createdBy"), a.address());
  EXPECT_EQ(Names(a), (std::vector<std::string>{kChanged, kChanged}));

  b.sync.SyncEverything();
  const auto active = b.relationships.Get(id);
  EXPECT_EQ(Str(active, "status"), "Active");
  EXPECT_EQ(js::serialize(active.at("auditLog")), js::serialize(accepted.at("auditLog")));
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged, kChanged}));

  // Both ends hold matching secrets: what one seals the other opens, both ways.
  auto a_channel = Channel(a, id);
  auto b_channel = Channel(b, id);
  ASSERT_TRUE(a_channel && b_channel);
  EXPECT_EQ(a_channel->peer, b.address());
  EXPECT_EQ(b_channel->peer, a.address());
  EXPECT_EQ(a_channel->status, "Active");
  const auto from_a = a_channel->secrets.Encrypt(Bytes("payload from a"));
  EXPECT_EQ(b_channel->secrets.DecryptPeer(from_a, true), Bytes("payload from a"));
  const auto from_b = b_channel->secrets.Encrypt(Bytes("payload from b"));
  EXPECT_EQ(a_channel->secrets.DecryptPeer(from_b, true), Bytes("payload from b"));
  EXPECT_TRUE(b_channel->secrets.VerifyPeer(Bytes("signed"), a_channel->secrets.Sign(Bytes("signed"))));
  EXPECT_TRUE(a_channel->secrets.VerifyPeer(Bytes("signed"), b_channel->secrets.Sign(Bytes("signed"))));

  // The channel can be found by peer, and advanced counters are stored.
  {
    auto tx = b.identity.db().Begin();
    const auto by_peer = FindRelationshipChannelWithPeer(*tx, b.identity.box(), a.address());
    ASSERT_TRUE(by_peer.has_value());
    EXPECT_EQ(by_peer->relationship_id, id);
    StoreRelationshipChannelSecrets(*tx, b.identity.box(), id, b_channel->secrets);
    tx->Commit();
  }
  auto reloaded = Channel(b, id);
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(js::serialize(reloaded->secrets.ToJson()), js::serialize(b_channel->secrets.ToJson()));

  // Syncing again changes nothing and announces nothing.
  a.sync.SyncEverything();
  b.sync.SyncEverything();
  EXPECT_EQ(a.events().Count(kChanged), 2u);
  EXPECT_EQ(b.events().Count(kChanged), 2u);
}

TEST_F(RelationshipsTest, RejectedRequestIsRejectedOnBothSides) {
  const auto id = testing::RequestRelationship(a, b);
  a.sync.SyncEverything();
  EXPECT_EQ(CatchCoded([&] { b.relationships.Reject(id); }).code(),
            "error.transport.relationships.operationOnlyAllowedForPeer");
  const auto rejected = a.relationships.Reject(id);
  EXPECT_EQ(Str(rejected, "status"), "Rejected");
  EXPECT_EQ(Reasons(rejected), (std::vector<std::string>{"Creation", "RejectionOfCreation"}));
  b.sync.SyncEverything();
  EXPECT_EQ(Str(b.relationships.Get(id), "status"), "Rejected");
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged, kChanged}));
  EXPECT_EQ(Names(a), (std::vector<std::string>{kChanged, kChanged}));
  // A rejected relationship cannot be accepted any more, nor decomposed (runtime 7: Terminated or
  // DeletionProposed only).
  const auto wrong = CatchCoded([&] { a.relationships.Accept(id); });
  EXPECT_EQ(wrong.code(), "error.transport.relationships.wrongRelationshipStatus");
  EXPECT_NE(std::string(wrong.what()).find("The Relationship '" + id + "' has the wrong status 'Rejected'"),
            std::string::npos);
  EXPECT_EQ(CatchCoded([&] { b.relationships.Decompose(id); }).code(),
            "error.transport.relationships.wrongRelationshipStatus");
  // No Pending/Active relationship is left, so the requestor may ask again on a new template.
  const auto again = testing::ShareTemplate(a, b);
  EXPECT_EQ(js::serialize(b.relationships.CanCreate(js::object{{"templateId", again}})), R"({"isSuccess":true})");
}

TEST_F(RelationshipsTest, RevokedBeforeTheTemplatorSyncedArrivesRevokedWithOneEvent) {
  const auto id = testing::RequestRelationship(a, b);
  const auto revoked = b.relationships.Revoke(id);
  EXPECT_EQ(Str(revoked, "status"), "Revoked");
  EXPECT_EQ(Reasons(revoked), (std::vector<std::string>{"Creation", "RevocationOfCreation"}));
  // Two external events (creation, revocation) for the templator, one resulting change.
  const auto outcome = a.sync.SyncEverything();
  EXPECT_EQ(outcome.events, 2);
  EXPECT_EQ(outcome.failed_events, 0);
  const auto seen = a.relationships.Get(id);
  EXPECT_EQ(Str(seen, "status"), "Revoked");
  EXPECT_EQ(js::serialize(seen.at("auditLog")), js::serialize(revoked.at("auditLog")));
  EXPECT_EQ(Names(a), (std::vector<std::string>{kChanged}));
}

TEST_F(RelationshipsTest, TerminateReactivateAndDecompose) {
  const auto id = testing::EstablishRelationship(a, b);
  a.events().Clear();
  b.events().Clear();

  EXPECT_EQ(CatchCoded([&] { a.relationships.RequestReactivation(id); }).code(),
            "error.transport.relationships.wrongRelationshipStatus");
  EXPECT_EQ(Str(a.relationships.Terminate(id), "status"), "Terminated");
  b.sync.SyncEverything();
  EXPECT_EQ(Str(b.relationships.Get(id), "status"), "Terminated");
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged}));

  // Reactivation requested by b, rejected by a.
  EXPECT_EQ(CatchCoded([&] { b.relationships.AcceptReactivation(id); }).code(),
            "error.transport.relationships.reactivationNotRequested");
  b.events().Clear();
  b.relationships.RequestReactivation(id);
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged, kReactivationRequested}));
  EXPECT_EQ(CatchCoded([&] { b.relationships.RequestReactivation(id); }).code(),
            "error.transport.relationships.reactivationAlreadyRequested");
  EXPECT_EQ(CatchCoded([&] { b.relationships.AcceptReactivation(id); }).code(),
            "error.transport.relationships.operationOnlyAllowedForPeer");
  a.events().Clear();
  a.sync.SyncEverything();
  EXPECT_EQ(Names(a), (std::vector<std::string>{kReactivationRequested, kChanged}));
  const auto rejected = a.relationships.RejectReactivation(id);
  EXPECT_EQ(Str(rejected, "status"), "Terminated");
  EXPECT_EQ(Reasons(rejected).back(), "RejectionOfReactivation");
  EXPECT_EQ(Names(a),
            (std::vector<std::string>{kReactivationRequested, kChanged, kChanged, kReactivationCompleted}));
  b.events().Clear();
  b.sync.SyncEverything();
  EXPECT_EQ(Names(b), (std::vector<std::string>{kReactivationCompleted, kChanged}));

  // Requested by b and revoked by b before a synced: a sees both in one run.
  b.relationships.RequestReactivation(id);
  b.events().Clear();
  const auto revoked = b.relationships.RevokeReactivation(id);
  EXPECT_EQ(Reasons(revoked).back(), "RevocationOfReactivation");
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged, kReactivationCompleted}));
  a.events().Clear();
  a.sync.SyncEverything();
  EXPECT_EQ(Names(a), (std::vector<std::string>{kReactivationRequested, kChanged, kReactivationCompleted}));
  EXPECT_EQ(js::serialize(a.relationships.Get(id).at("auditLog")), js::serialize(revoked.at("auditLog")));

  // Requested by a, accepted by b: Active again on both sides.
  a.relationships.RequestReactivation(id);
  b.sync.SyncEverything();
  const auto reactivated = b.relationships.AcceptReactivation(id);
  EXPECT_EQ(Str(reactivated, "status"), "Active");
  EXPECT_EQ(Reasons(reactivated).back(), "AcceptanceOfReactivation");
  a.sync.SyncEverything();
  EXPECT_EQ(Str(a.relationships.Get(id), "status"), "Active");
  ASSERT_TRUE(Channel(a, id).has_value());

  // Terminate again and decompose on both sides.
  b.relationships.Terminate(id);
  a.sync.SyncEverything();
  EXPECT_EQ(CatchCoded([&] { a.relationships.Decompose("REL00000000000000000"); }).code(),
            "error.runtime.recordNotFound");
  a.events().Clear();
  a.relationships.Decompose(id);
  EXPECT_EQ(Names(a), (std::vector<std::string>{kDecomposedBySelf}));
  EXPECT_EQ(js::serialize(a.events().Events()[0].data), js::serialize(js::object{{"relationshipId", id}}));
  EXPECT_EQ(CatchCoded([&] { a.relationships.Get(id); }).code(), "error.runtime.recordNotFound");
  EXPECT_FALSE(Channel(a, id).has_value());

  b.events().Clear();
  b.sync.SyncEverything();
  const auto proposed = b.relationships.Get(id);
  EXPECT_EQ(Str(proposed, "status"), "DeletionProposed");
  EXPECT_EQ(Reasons(proposed).back(), "Decomposition");
  EXPECT_EQ(Names(b), (std::vector<std::string>{kChanged}));
  b.relationships.Decompose(id);
  EXPECT_EQ(b.relationships.List({}).size(), 0u);
  // Nothing is left to report to a, and a sync of a stays quiet.
  const auto outcome = a.sync.SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  EXPECT_EQ(a.events().Count(kChanged), 0u);
}

TEST_F(RelationshipsTest, ARepeatedRunAfterACrashIsANoOp) {
  const auto id = testing::RequestRelationship(a, b);
  // A second engine on a's context whose processor dies right after its change committed, before
  // the run could be finalized with a success for the event.
  SyncEngine crashing(a.identity.ctx());
  int crashes = 0;
  crashing.Register("RelationshipStatusChanged", [&](const ExternalEvent& event, EventApplier& applier) {
    a.relationships.ProcessRelationshipChanged(event, applier, "");
    if (crashes++ == 0) throw std::runtime_error("simulated crash after commit");
  });
  // The failed event is released at once, so the same sync starts a second run that gets it again:
  // the ledger acknowledges it there without processing it a second time.
  const auto first = crashing.SyncEverything();
  EXPECT_EQ(first.runs, 2);
  EXPECT_EQ(first.events, 2);
  EXPECT_EQ(first.failed_events, 1);
  EXPECT_EQ(crashes, 1);
  EXPECT_EQ(Str(a.relationships.Get(id), "status"), "Pending");
  EXPECT_EQ(Names(a), (std::vector<std::string>{kChanged}));
  EXPECT_EQ(a.relationships.List({}).size(), 1u);

  const auto second = crashing.SyncEverything();
  EXPECT_EQ(second.events, 0);
  // The relationship works normally afterwards.
  EXPECT_EQ(Str(a.relationships.Accept(id), "status"), "Active");
  b.sync.SyncEverything();
  EXPECT_EQ(Str(b.relationships.Get(id), "status"), "Active");
}

TEST_F(RelationshipsTest, AcceptanceSyncedTwiceCompletesTheSecretsOnce) {
  const auto id = testing::RequestRelationship(a, b);
  a.sync.SyncEverything();
  a.relationships.Accept(id);
  SyncEngine crashing(b.identity.ctx());
  int runs = 0;
  crashing.Register("RelationshipStatusChanged", [&](const ExternalEvent& event, EventApplier& applier) {
    ++runs;
    b.relationships.ProcessRelationshipChanged(event, applier, "");
    throw std::runtime_error("simulated crash after commit");
  });
  crashing.SyncEverything();
  const auto completed = Channel(b, id);
  ASSERT_TRUE(completed.has_value());
  crashing.SyncEverything();
  EXPECT_EQ(runs, 1);
  const auto again = Channel(b, id);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(js::serialize(again->secrets.ToJson()), js::serialize(completed->secrets.ToJson()));
  EXPECT_EQ(b.events().Count(kChanged), 2u);
}

TEST_F(RelationshipsTest, PeerDeletionInfoFollowsThePeersDeletionProcess) {
  const auto id = testing::EstablishRelationship(a, b);
  a.events().Clear();
  const auto process = b.identity.backbone().Post("/api/v2/Identities/Self/DeletionProcesses", js::object{});
  a.sync.SyncEverything();
  const auto to_be_deleted = a.relationships.Get(id);
  EXPECT_EQ(Keys(to_be_deleted), (std::vector<std::string>{"id", "templateId", "status", "peer", "peerDeletionInfo",
                                                           "peerIdentity", "auditLog", "creationContent"}));
  const auto& info = to_be_deleted.at("peerDeletionInfo").as_object();
  EXPECT_EQ(Keys(info), (std::vector<std::string>{"deletionDate", "deletionStatus"}));
  EXPECT_EQ(Str(info, "deletionStatus"), "ToBeDeleted");
  EXPECT_GT(core::CoreDate::Parse(Str(info, "deletionDate")), core::CoreDate::Now());
  EXPECT_EQ(Names(a), (std::vector<std::string>{"transport.peerToBeDeleted"}));
  EXPECT_EQ(js::serialize(a.events().Events()[0].data), js::serialize(to_be_deleted));

  b.identity.backbone().Put("/api/v2/Identities/Self/DeletionProcesses/" + Str(process, "id") + "/Cancel",
                            js::object{});
  a.sync.SyncEverything();
  EXPECT_FALSE(a.relationships.Get(id).contains("peerDeletionInfo"));
  EXPECT_EQ(Names(a),
            (std::vector<std::string>{"transport.peerToBeDeleted", "transport.peerDeletionCancelled"}));

  // PeerDeleted (our Backbone has no deletion job yet): fed to the processor directly.
  const auto event = ExternalEvent::FromJson(js::object{
      {"id", "SYI00000000000000001"}, {"type", "PeerDeleted"}, {"index", 7}, {"createdAt", core::CoreDate::Now().ToString()},
      {"syncErrorCount", 0}, {"payload", {{"relationshipId", id}, {"deletionDate", "2030-01-02T03:04:05Z"}}}});
  EventApplier applier(a.identity.ctx(), event, "SYR00000000000000001");
  a.relationships.ProcessPeerDeletionInfo(event, applier, "Deleted", "transport.peerDeleted");
  EXPECT_TRUE(applier.committed());
  EXPECT_EQ(js::serialize(a.relationships.Get(id).at("peerDeletionInfo")),
            R"({"deletionDate":"2030-01-02T03:04:05.000Z","deletionStatus":"Deleted"})");
  EXPECT_EQ(Names(a).back(), "transport.peerDeleted");

  // An event for an unknown relationship fails and changes nothing.
  const auto unknown = ExternalEvent::FromJson(js::object{
      {"id", "SYI00000000000000002"}, {"type", "PeerDeletionCancelled"}, {"index", 8},
      {"createdAt", core::CoreDate::Now().ToString()}, {"syncErrorCount", 0},
      {"payload", {{"relationshipId", "REL00000000000000000"}}}});
  EventApplier failing(a.identity.ctx(), unknown, "SYR00000000000000001");
  EXPECT_EQ(CatchCoded([&] {
              a.relationships.ProcessPeerDeletionInfo(unknown, failing, "", "transport.peerDeletionCancelled");
            }).code(),
            "error.transport.recordNotFound");
  EXPECT_FALSE(failing.committed());
}

TEST_F(RelationshipsTest, InputIsValidatedBeforeAnythingIsWritten) {
  const auto bad_id = CatchCoded([&] { a.relationships.Accept("nonsense"); });
  EXPECT_EQ(bad_id.code(), "error.runtime.validation.invalidPropertyValue");
  EXPECT_STREQ(bad_id.what(), "relationshipId must match pattern REL[A-Za-z0-9]{17}");
  EXPECT_STREQ(CatchCoded([&] { a.relationships.Get("x"); }).what(), "id must match pattern REL[A-Za-z0-9]{17}");
  const auto unknown = CatchCoded([&] { a.relationships.Terminate("RELaaaaaaaaaaaaaaaaa"); });
  EXPECT_EQ(unknown.code(), "error.runtime.recordNotFound");
  EXPECT_STREQ(unknown.what(), "Relationship not found. Make sure the ID exists and the record is not expired.");

  const auto template_id = testing::ShareTemplate(a, b);
  const auto missing = CatchCoded([&] { b.relationships.Create(js::object{{"templateId", template_id}}); });
  EXPECT_EQ(missing.code(), "error.runtime.validation.invalidPropertyValue");
  EXPECT_STREQ(missing.what(), "must have required property 'creationContent'");
  EXPECT_STREQ(CatchCoded([&] {
                 b.relationships.Create(js::object{{"templateId", "RLT1"}, {"creationContent", js::object{}}});
               }).what(),
               "templateId must match pattern RLT[A-Za-z0-9]{17}");
  EXPECT_STREQ(CatchCoded([&] {
                 b.relationships.Create(
                     js::object{{"templateId", template_id}, {"creationContent", js::object{}}, {"x", 1}});
               }).what(),
               "must NOT have additional properties");
  const auto plain = CatchCoded([&] {
    b.relationships.Create(js::object{{"templateId", template_id}, {"creationContent", {{"a", 1}}}});
  });
  EXPECT_EQ(plain.code(), "error.runtime.validation.invalidPropertyValue");
  EXPECT_STREQ(plain.what(),
               "The creationContent of a Relationship must either be an ArbitraryRelationshipCreationContent or a "
               "RelationshipCreationContent.");
  EXPECT_EQ(CatchCoded([&] {
              b.relationships.Create(js::object{
                  {"templateId", template_id},
                  {"creationContent", {{"@type", "ArbitraryRelationshipCreationContent"}}}});
            }).code(),
            "error.runtime.requestDeserialization");
  const auto wrong_type = b.relationships.CanCreate(js::object{
      {"templateId", template_id},
      {"creationContent", {{"@type", "RelationshipCreationContent"}, {"response", js::object{}}}}});
  EXPECT_EQ(wrong_type.at("isSuccess"), false);
  EXPECT_EQ(Str(wrong_type, "code"), "error.runtime.validation.invalidPropertyValue");
  const auto no_template = b.relationships.CanCreate(js::object{{"templateId", "RLTaaaaaaaaaaaaaaaaa"}});
  EXPECT_EQ(js::serialize(no_template),
            R"({"isSuccess":false,"code":"error.runtime.recordNotFound","message":"RelationshipTemplate not found. Make sure the ID exists and the record is not expired."})");
  EXPECT_EQ(CatchCoded([&] {
              b.relationships.Create(js::object{{"templateId", "RLTaaaaaaaaaaaaaaaaa"},
                                                {"creationContent", testing::ArbitraryCreationContent()}});
            }).code(),
            "error.runtime.recordNotFound");
  // Nothing was stored, nothing announced.
  EXPECT_EQ(b.relationships.List({}).size(), 0u);
  EXPECT_TRUE(Names(b).empty());

  // A second request to the same peer is refused while the first is pending.
  b.relationships.Create(
      js::object{{"templateId", template_id}, {"creationContent", testing::ArbitraryCreationContent()}});
  const auto exists = b.relationships.CanCreate(js::object{{"templateId", template_id}});
  EXPECT_EQ(Str(exists, "code"), "error.transport.relationships.relationshipCurrentlyExists");
  EXPECT_EQ(Str(exists, "message"),
            "No new Relationship to the peer can be created as a Relationship in status 'Pending' currently exists.");
  const auto refused = CatchCoded([&] {
    b.relationships.Create(
        js::object{{"templateId", template_id}, {"creationContent", testing::ArbitraryCreationContent()}});
  });
  EXPECT_EQ(refused.code(), "error.transport.relationships.relationshipCurrentlyExists");
  EXPECT_EQ(std::string(refused.what()).rfind("error.transport.relationships.relationshipCurrentlyExists: 'No new", 0),
            0u);
}

TEST_F(RelationshipsTest, ListFiltersByStatusPeerAndTemplate) {
  RelationshipNode c{backbone, "c"};
  const auto active = testing::EstablishRelationship(a, b);
  const auto pending = testing::RequestRelationship(a, c);
  a.sync.SyncEverything();
  auto ids = [](const js::array& dtos) {
    std::vector<std::string> out;
    for (const auto& d : dtos) out.push_back(Str(d, "id"));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(a.relationships.List({{"status", "Active"}})), (std::vector<std::string>{active}));
  EXPECT_EQ(ids(a.relationships.List({{"status", "Pending"}})), (std::vector<std::string>{pending}));
  EXPECT_EQ(ids(a.relationships.List({{"peer", c.address()}})), (std::vector<std::string>{pending}));
  EXPECT_EQ(ids(a.relationships.List({{"status", "!Active"}})), (std::vector<std::string>{pending}));
  auto both = std::vector<std::string>{active, pending};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(ids(a.relationships.List({{"status", "Active"}, {"status", "Pending"}})), both);
  const auto templ = Str(a.relationships.Get(active), "templateId");
  EXPECT_EQ(ids(a.relationships.List({{"templateId", templ}})), (std::vector<std::string>{active}));
  const auto bad = CatchCoded([&] { a.relationships.List({{"peer.address", "x"}}); });
  EXPECT_EQ(bad.code(), "error.runtime.validation.invalidPropertyValue");
  EXPECT_STREQ(bad.what(), "query must NOT have additional properties");
}

}  // namespace
}  // namespace nmshd::transport
