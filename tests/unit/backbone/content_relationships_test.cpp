// Relationships through the real routes: CanCreate, creation rules (template visibility and
// allocation, one live relationship per pair, not to self, peer status), the state machine with
// its audit log and the external events to the peer, reactivation, decomposition.
#include <thread>

#include "content/relationships.h"
#include "content_test_support.h"

namespace nmshd::backbone::content::testing {
namespace {

class RelationshipsTest : public ContentTest {
 protected:
  std::string CreateTemplate(const Identity& owner, json::object extra = {}) {
    json::object body{{"content", B64("template")}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    auto a = Call(owner, "POST", "/api/v2/RelationshipTemplates", body);
    EXPECT_EQ(a.status, 201) << Show(a);
    return S(a.result().at("id"));
  }

  Answer Request(const Identity& requestor, const std::string& template_id,
                 const std::string& content = "AQID") {
    return Call(
        requestor, "POST", "/api/v2/Relationships",
        json::object{{"relationshipTemplateId", template_id}, {"creationContent", content}});
  }

  // A Pending relationship from `from_` to `to_`.
  std::string Pending() {
    auto a = Request(from_, CreateTemplate(to_));
    EXPECT_EQ(a.status, 201) << Show(a);
    return S(a.result().at("id"));
  }

  Answer Put(const Identity& who, const std::string& id, const std::string& action,
             json::object body = {}) {
    return Call(who, "PUT", "/api/v2/Relationships/" + id + "/" + action, body);
  }

  std::string Active() {
    auto id = Pending();
    auto a = Put(to_, id, "Accept", {{"creationResponseContent", "BAUG"}});
    EXPECT_EQ(a.status, 200) << Show(a);
    return id;
  }

  // The code CanCreate answers from_ about to_ ("null" when a relationship can be created).
  std::string CanCreateCode() {
    return S(
        Get(from_, "/api/v2/Relationships/CanCreate?peer=" + to_.address()).result().at("code"));
  }

  std::string Status(const std::string& id) {
    return S(db_->Get(kRelationships, id)->at("status"));
  }

  std::vector<std::string> Reasons(const std::string& id) {
    std::vector<std::string> out;
    auto doc = db_->Get(kRelationships, id);
    for (auto& e : doc->at("auditLog").as_array()) out.push_back(S(e.at("reason")));
    return out;
  }

  Identity from_ = NewIdentity();  // the requestor
  Identity to_ = NewIdentity();    // the template owner
  Identity other_ = NewIdentity();
};

TEST_F(RelationshipsTest, CreateAnswersMetadataAndNotifiesTheTemplateOwner) {
  auto template_id = CreateTemplate(to_);
  auto a = Request(from_, template_id, "+//+");
  ASSERT_EQ(a.status, 201) << Show(a);
  auto id = S(a.result().at("id"));
  EXPECT_TRUE(core::IsBackboneId(id, "REL"));
  auto t = FormatIsoUtc(now_);
  EXPECT_EQ(nmshd::json::Stringify(a.result()),
            R"({"id":")" + id + R"(","relationshipTemplateId":")" + template_id + R"(","from":")" +
                from_.address() + R"(","to":")" + to_.address() + R"(","createdAt":")" + t +
                R"(","status":"Pending","auditLog":[{"createdAt":")" + t + R"(","createdBy":")" +
                from_.address() + R"(","createdByDevice":")" + from_.caller.device_id +
                R"(","reason":"Creation","oldStatus":null,"newStatus":"Pending"}]})");
  auto events = EventsOf(to_.address());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(S(events[0].at("type")), "RelationshipStatusChanged");
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")), R"({"relationshipId":")" + id + "\"}");
  EXPECT_TRUE(EventsOf(from_.address()).empty());

  auto full = Get(to_, "/api/v2/Relationships/" + id);
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(S(full.result().at("creationContent")), "-__-");
  EXPECT_TRUE(full.result().at("creationResponseContent").is_null());
  EXPECT_EQ(CountOf(kTemplateAllocations), 1u) << "creating reads (allocates) the template";
}

TEST_F(RelationshipsTest, CanCreateReflectsExistingRelationshipsAndPeerStatus) {
  auto can = Get(from_, "/api/v2/Relationships/CanCreate?peer=" + to_.address());
  ASSERT_EQ(can.status, 200) << Show(can);
  EXPECT_EQ(nmshd::json::Stringify(can.result()), R"({"canCreate":true,"code":null})");
  Pending();
  auto now_blocked = Get(to_, "/api/v2/relationships/cancreate?PEER=" + from_.address());
  EXPECT_EQ(
      nmshd::json::Stringify(now_blocked.result()),
      R"({"canCreate":false,"code":"error.platform.validation.relationship.relationshipToTargetAlreadyExists"})");
  auto leaving = NewIdentity(IdentityStatus::kToBeDeleted);
  EXPECT_EQ(
      nmshd::json::Stringify(
          Get(from_, "/api/v2/Relationships/CanCreate?peer=" + leaving.address()).result()),
      R"({"canCreate":false,"code":"error.platform.validation.relationship.peerIsToBeDeleted"})");
  auto unknown_address = core::IdentityAddress::Derive(crypto::RandomBytes(32), "localhost").str();
  auto unknown = Get(from_, "/api/v2/Relationships/CanCreate?peer=" + unknown_address);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.message().find("Identity not found."), std::string::npos);
  EXPECT_EQ(Get(from_, "/api/v2/Relationships/CanCreate?peer=nobody").status, 400);
  EXPECT_EQ(Get(from_, "/api/v2/Relationships/CanCreate").code(),
            "error.platform.inputCannotBeParsed");
}

TEST_F(RelationshipsTest, OneLiveRelationshipPerPairAndNoneWithYourself) {
  auto first = Pending();
  auto second_template = CreateTemplate(to_);
  auto again = Request(from_, second_template);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.code(),
            "error.platform.validation.relationship.relationshipToTargetAlreadyExists");
  // The other direction is the same pair.
  auto reverse = Request(to_, CreateTemplate(from_));
  EXPECT_EQ(reverse.code(),
            "error.platform.validation.relationship.relationshipToTargetAlreadyExists");
  auto self = Request(to_, second_template);
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(self.code(),
            "error.platform.validation.relationship.cannotCreateRelationshipWithYourself");
  EXPECT_EQ(CountOf(kRelationships), 1u);
  EXPECT_EQ(EventsOf(to_.address()).size(), 1u) << "failed attempts emit nothing";
}

TEST_F(RelationshipsTest, RejectedOrRevokedRelationshipsDoNotBlockANewOne) {
  auto first = Pending();
  ASSERT_EQ(Put(to_, first, "Reject").status, 200);
  auto second = Request(from_, CreateTemplate(to_));
  ASSERT_EQ(second.status, 201) << Show(second);
  auto second_id = S(second.result().at("id"));
  ASSERT_EQ(Put(from_, second_id, "Revoke").status, 200);
  EXPECT_EQ(Request(from_, CreateTemplate(to_)).status, 201);
  // A decomposition in progress blocks again.
  ASSERT_EQ(Put(from_, first, "Decompose").status, 200);
  EXPECT_EQ(Status(first), "DeletionProposed");
}

TEST_F(RelationshipsTest, CreateNeedsAVisibleTemplateAndAnActiveOwner) {
  auto missing = Request(from_, core::GenerateBackboneId("RLT"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.code(), "error.platform.recordNotFound");
  EXPECT_EQ(Request(from_, "not-an-id").code(), "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(Call(from_, "POST", "/api/v2/Relationships", json::object{{"creationContent", "AQID"}})
                .code(),
            "error.platform.inputCannotBeParsed");
  auto protected_template = CreateTemplate(to_, json::object{{"password", B64("pw")}});
  EXPECT_EQ(Request(from_, protected_template).status, 404)
      << "password templates must be allocated first";
  auto personal = CreateTemplate(to_, json::object{{"forIdentity", other_.address()}});
  EXPECT_EQ(Request(from_, personal).status, 404);
  auto leaving = NewIdentity(IdentityStatus::kToBeDeleted);
  auto leaving_template = CreateTemplate(leaving);
  auto refused = Request(from_, leaving_template);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.code(), "error.platform.validation.relationship.peerIsToBeDeleted");
  config_.limits.maxContentBytes = 8;
  auto too_big = Request(from_, CreateTemplate(to_), Bytes(9));
  EXPECT_EQ(too_big.code(), "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(CountOf(kRelationships), 0u);
  EXPECT_TRUE(EventsOf(to_.address()).empty());
}

TEST_F(RelationshipsTest, AcceptByTheTemplateOwnerOnly) {
  auto id = Pending();
  auto by_requestor = Put(from_, id, "Accept", {{"creationResponseContent", "BAUG"}});
  EXPECT_EQ(by_requestor.code(),
            "error.platform.validation.relationship."
            "cannotAcceptOrRejectRelationshipAddressedToSomeoneElse");
  auto stranger = Put(other_, id, "Accept", {{"creationResponseContent", "BAUG"}});
  EXPECT_EQ(stranger.status, 404);
  auto ok = Put(to_, id, "accept", {{"CreationResponseContent", "BAUG"}});
  ASSERT_EQ(ok.status, 200) << Show(ok);
  EXPECT_EQ(S(ok.result().at("status")), "Active");
  EXPECT_FALSE(ok.result().as_object().contains("creationResponseContent"));
  EXPECT_EQ(S(Get(from_, "/api/v2/Relationships/" + id).result().at("creationResponseContent")),
            "BAUG");
  EXPECT_EQ(EventTypesOf(from_.address()), std::vector<std::string>{"RelationshipStatusChanged"});
  auto twice = Put(to_, id, "Accept", {{"creationResponseContent", "BAUG"}});
  EXPECT_EQ(twice.code(),
            "error.platform.validation.relationship.relationshipIsNotInCorrectStatus");
  EXPECT_EQ(twice.message(),
            "The relationship has to be in status 'Pending' to perform this action.");
}

TEST_F(RelationshipsTest, RejectAndRevokeAreForTheRightParty) {
  auto a = Pending();
  EXPECT_EQ(Put(from_, a, "Reject").code(),
            "error.platform.validation.relationship."
            "cannotAcceptOrRejectRelationshipAddressedToSomeoneElse");
  EXPECT_EQ(Put(to_, a, "Revoke").code(),
            "error.platform.validation.relationship.cannotRevokeRelationshipNotCreatedByYourself");
  auto rejected = Put(to_, a, "Reject", {});
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(S(rejected.result().at("status")), "Rejected");
  // RejectRelationshipRequest.CreationResponseContent defaults to an empty array.
  EXPECT_EQ(S(Get(to_, "/api/v2/Relationships/" + a).result().at("creationResponseContent")), "");
  EXPECT_EQ(EventTypesOf(from_.address()), std::vector<std::string>{"RelationshipStatusChanged"});

  auto b = Request(from_, CreateTemplate(to_));
  auto b_id = S(b.result().at("id"));
  auto revoked = Put(from_, b_id, "Revoke");
  ASSERT_EQ(revoked.status, 200);
  EXPECT_EQ(S(revoked.result().at("status")), "Revoked");
  EXPECT_EQ(Reasons(b_id), (std::vector<std::string>{"Creation", "RevocationOfCreation"}));
}

TEST_F(RelationshipsTest, TerminateReactivateAcceptRejectRevokeWithEvents) {
  auto id = Active();
  EXPECT_EQ(Put(from_, id, "Reactivate").code(),
            "error.platform.validation.relationship.relationshipIsNotInCorrectStatus");
  auto terminated = Put(from_, id, "Terminate");
  ASSERT_EQ(terminated.status, 200);
  EXPECT_EQ(S(terminated.result().at("status")), "Terminated");
  EXPECT_EQ(EventTypesOf(to_.address()),
            (std::vector<std::string>{"RelationshipStatusChanged", "RelationshipStatusChanged"}));

  // Nobody can answer a request that does not exist.
  EXPECT_EQ(
      Put(to_, id, "Reactivate/Accept").code(),
      "error.platform.validation.relationship.noAcceptableRelationshipReactivationRequestExists");
  EXPECT_EQ(Put(to_, id, "Reactivate/Revoke").code(),
            "error.platform.validation.relationship.noRevocableReactivationRequestExists");

  // to_ asks; from_ rejects.
  ASSERT_EQ(Put(to_, id, "Reactivate").status, 200);
  EXPECT_EQ(EventTypesOf(from_.address()).back(), "RelationshipReactivationRequested");
  EXPECT_EQ(Put(from_, id, "Reactivate").code(),
            "error.platform.validation.relationship."
            "cannotRequestReactivationWhenThereIsAnOpenReactivationRequest");
  EXPECT_EQ(
      Put(to_, id, "Reactivate/Accept").code(),
      "error.platform.validation.relationship.noAcceptableRelationshipReactivationRequestExists");
  EXPECT_EQ(Put(to_, id, "Reactivate/Reject").code(),
            "error.platform.validation.relationship.noRejectableReactivationRequestExists");
  EXPECT_EQ(Put(from_, id, "Reactivate/Revoke").code(),
            "error.platform.validation.relationship.noRevocableReactivationRequestExists");
  auto rejected = Put(from_, id, "Reactivate/Reject");
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(S(rejected.result().at("status")), "Terminated");
  EXPECT_EQ(EventTypesOf(to_.address()).back(), "RelationshipReactivationCompleted");

  // from_ asks and revokes it.
  ASSERT_EQ(Put(from_, id, "Reactivate").status, 200);
  ASSERT_EQ(Put(from_, id, "Reactivate/Revoke").status, 200);
  EXPECT_EQ(EventTypesOf(to_.address()).back(), "RelationshipReactivationCompleted");

  // to_ asks, from_ accepts: Active again.
  ASSERT_EQ(Put(to_, id, "Reactivate").status, 200);
  auto accepted = Put(from_, id, "Reactivate/Accept");
  ASSERT_EQ(accepted.status, 200);
  EXPECT_EQ(S(accepted.result().at("status")), "Active");
  EXPECT_EQ(EventTypesOf(to_.address()).back(), "RelationshipReactivationCompleted");

  EXPECT_EQ(Reasons(id),
            (std::vector<std::string>{"Creation", "AcceptanceOfCreation", "Termination",
                                      "ReactivationRequested", "RejectionOfReactivation",
                                      "ReactivationRequested", "RevocationOfReactivation",
                                      "ReactivationRequested", "AcceptanceOfReactivation"}));
  auto got = Get(to_, "/api/v2/Relationships/" + id);
  auto log = got.result().at("auditLog").as_array();
  EXPECT_EQ(
      nmshd::json::Stringify(log.back()),
      R"({"createdAt":")" + FormatIsoUtc(now_) + R"(","createdBy":")" + from_.address() +
          R"(","createdByDevice":")" + from_.caller.device_id +
          R"(","reason":"AcceptanceOfReactivation","oldStatus":"Terminated","newStatus":"Active"})");
}

TEST_F(RelationshipsTest, DecomposeByBothPartiesAndGetAfterwards) {
  auto id = Active();
  EXPECT_EQ(Put(from_, id, "Decompose").code(),
            "error.platform.validation.relationship.relationshipIsNotInCorrectStatus");
  ASSERT_EQ(Put(to_, id, "Terminate").status, 200);
  auto first = Put(to_, id, "Decompose");
  ASSERT_EQ(first.status, 200) << Show(first);
  EXPECT_EQ(S(first.result().at("status")), "DeletionProposed");
  EXPECT_EQ(EventTypesOf(from_.address()).back(), "RelationshipStatusChanged");

  auto gone = Get(to_, "/api/v2/Relationships/" + id);
  EXPECT_EQ(gone.status, 400);
  EXPECT_EQ(gone.code(), "error.platform.validation.relationship.relationshipAlreadyDecomposed");
  EXPECT_EQ(Put(to_, id, "Decompose").code(),
            "error.platform.validation.relationship.relationshipAlreadyDecomposed");
  EXPECT_EQ(Get(from_, "/api/v2/Relationships/" + id).status, 200);
  EXPECT_EQ(CanCreateCode(),
            "error.platform.validation.relationship.relationshipToTargetAlreadyExists");

  auto to_events = EventsOf(to_.address()).size();
  auto second = Put(from_, id, "Decompose");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(S(second.result().at("status")), "ReadyForDeletion");
  EXPECT_EQ(EventsOf(to_.address()).size(), to_events) << "no event for ReadyForDeletion";
  EXPECT_EQ(Get(from_, "/api/v2/Relationships/" + id).code(),
            "error.platform.validation.relationship.relationshipAlreadyDecomposed");
  EXPECT_EQ(CanCreateCode(), "null");
}

TEST_F(RelationshipsTest, GetAndListOnlyShowTheCallersRelationships) {
  auto a = Pending();
  EXPECT_EQ(Get(other_, "/api/v2/Relationships/" + a).status, 404);
  EXPECT_EQ(Get(other_, "/api/v2/Relationships/" + a).code(), "error.platform.recordNotFound");
  EXPECT_EQ(Get(other_, "/api/v2/Relationships/xyz").code(),
            "error.platform.validation.invalidPropertyValue");
  auto list =
      Get(from_, "/api/v2/Relationships?ids=" + a + "&ids=" + core::GenerateBackboneId("REL"));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.result().as_array().size(), 1u);
  EXPECT_TRUE(list.result().at(0).as_object().contains("creationContent"));
  EXPECT_EQ(Get(other_, "/api/v2/Relationships?ids=" + a).result().as_array().size(), 0u);
  EXPECT_EQ(Get(other_, "/api/v2/Relationships").code(),
            "error.platform.validation.invalidPropertyValue");
}

TEST_F(RelationshipsTest, ConcurrentRequestsForThePairCreateOnlyOne) {
  // Two templates of the same owner, requested at the same time by the same peer.
  auto t1 = CreateTemplate(to_);
  auto t2 = CreateTemplate(to_);
  // Straight to the module (TestRoutes serves one request at a time).
  auto lookup = [](storage::Transaction&, std::string_view) { return IdentityStatus::kActive; };
  std::vector<std::string> outcomes(2);
  auto request = [&](int i, const std::string& template_id) {
    try {
      CreateRelationship(
          *ctx_, from_.caller,
          json::object{{"relationshipTemplateId", template_id}, {"creationContent", "AQID"}},
          lookup);
      outcomes[i] = "created";
    } catch (const CodedError& e) {
      outcomes[i] = e.code();
    }
  };
  std::thread first(request, 0, t1);
  std::thread second(request, 1, t2);
  first.join();
  second.join();
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(
      outcomes,
      (std::vector<std::string>{
          "created", "error.platform.validation.relationship.relationshipToTargetAlreadyExists"}));
  EXPECT_EQ(CountOf(kRelationships), 1u);
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
