// Attributes exchanged with peers: the AttributesController operations the request item and
// notification processors build on (records written directly, since no request creates them yet)
// and the use cases behind the REST routes Own/Shared/{peer}, Peer/{peer}, {id}/ForwardingDetails,
// {id}/Versions/Shared, Execute(ThirdParty)RelationshipAttributeQuery, DELETE {id} and
// Relationships/{id}/Attributes.
#include "attribute_store_fixture.h"
#include "consumption/attributes/attribute_deletion_status.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "storage/document_store.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:00000000000000000000a2";
constexpr const char* kOther = "did:e:localhost:dids:00000000000000000000b3";
constexpr const char* kRequest = "REQAAAAAAAAAAAAAAAA1";

class PeerAttributesTest : public AttributeStoreTest {
 protected:
  using Origin = AttributesController::PeerRecordOrigin;

  static content::IdentityAttribute Identity(const std::string& owner, const std::string& given_name) {
    return content::IdentityAttribute::FromJson(js::object{
        {"@type", "IdentityAttribute"}, {"owner", owner}, {"value", {{"@type", "GivenName"}, {"value", given_name}}}});
  }
  static js::object RelationshipJson(const std::string& owner, const std::string& key, const std::string& value,
                                     const std::string& confidentiality = "public", bool technical = false) {
    return js::object{{"@type", "RelationshipAttribute"},
                      {"owner", owner},
                      {"key", key},
                      {"isTechnical", technical},
                      {"confidentiality", confidentiality},
                      {"value", {{"@type", "ProprietaryString"}, {"title", "Customer number"}, {"value", value}}}};
  }
  static content::RelationshipAttribute Relationship(const std::string& owner, const std::string& key,
                                                     const std::string& value,
                                                     const std::string& confidentiality = "public",
                                                     bool technical = false) {
    return content::RelationshipAttribute::FromJson(RelationshipJson(owner, key, value, confidentiality, technical));
  }

  // Runs `fn(tx, events)` in one transaction and publishes the events after it committed.
  template <class Fn>
  auto InTx(Fn&& fn) {
    transport::PendingEvents events;
    auto result = db_->WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
    events.PublishTo(sink_);
    return result;
  }

  LocalAttribute PeerIdentity(const std::string& id, const std::string& given_name = "Anna",
                              const std::string& peer = kPeer) {
    const auto prepared = controller_->PreparePeerIdentityAttribute(Identity(peer, given_name), peer);
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->InsertPeerIdentityAttribute(tx, prepared, Origin{id, peer, kRequest}, events);
    });
  }
  LocalAttribute OwnRelationship(const std::string& key, const std::string& value, bool technical = false,
                                 const std::string& peer = kPeer) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->CreateOwnRelationshipAttribute(tx, Relationship(kSelf, key, value, "public", technical),
                                                         Origin{"", peer, kRequest}, events);
    });
  }
  void Forward(const std::string& id, const std::string& peer, const std::string& source = kRequest) {
    InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      auto attribute = controller_->Get(tx, id);
      controller_->AddForwardingDetails(tx, *attribute, peer, source, events);
      return 0;
    });
  }
  void InsertRelationship(const std::string& id, const std::string& peer, const std::string& status,
                          const std::string& last_change = "2025-01-02T03:04:05.000Z") {
    db_->WithTransaction([&](storage::Transaction& tx) {
      tx.Insert("relationships", id,
                js::object{{"id", id},
                           {"status", status},
                           {"peer", peer},
                           {"_createdAt", "2025-01-01T00:00:00.000Z"},
                           {"auditLog", js::array{js::object{{"createdAt", "2025-01-01T00:00:00.000Z"}},
                                                  js::object{{"createdAt", last_change}}}}});
    });
  }
  std::optional<LocalAttribute> Stored(const std::string& id) {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    return controller_->Get(*tx, id);
  }
  static std::vector<std::string> Ids(const js::array& dtos) {
    std::vector<std::string> ids;
    for (const auto& d : dtos) ids.push_back(Id(d.as_object()));
    return ids;
  }
  std::vector<std::string> EventNames() {
    std::vector<std::string> names;
    for (const auto& e : sink_.Events()) names.push_back(e.name);
    return names;
  }
};

TEST_F(PeerAttributesTest, PeerIdentityAttributeKeepsTheSendersIdAndOrigin) {
  const auto id = AttributesController::GenerateId();
  const auto created = PeerIdentity(id, "  Anna ");
  EXPECT_EQ(created.id, id);
  const auto dto = use_cases_->GetAttribute(id);
  EXPECT_EQ(json::Stringify(dto.at("content")),
            std::string(R"({"@type":"IdentityAttribute","owner":")") + kPeer +
                R"(","value":{"@type":"GivenName","value":"Anna"}})");
  std::vector<std::string> keys;
  for (const auto& [k, v] : dto) keys.emplace_back(k);
  // No numberOfForwards: peer identity attributes are never forwarded.
  EXPECT_EQ(keys, (std::vector<std::string>{"@type", "id", "content", "createdAt", "peer", "sourceReference"}));
  EXPECT_EQ(dto.at("@type"), "PeerIdentityAttribute");
  EXPECT_EQ(dto.at("sourceReference"), kRequest);
  ASSERT_EQ(sink_.Events().size(), 1u);
  EXPECT_EQ(sink_.Events()[0].name, "consumption.attributeCreated");
  EXPECT_EQ(json::Stringify(sink_.Events()[0].data), json::Stringify(dto));
}

TEST_F(PeerAttributesTest, OwnerRulesOfEveryPeerKind) {
  EXPECT_NE(ErrorOf([&] { controller_->PreparePeerIdentityAttribute(Identity(kSelf, "A"), kPeer); })
                .find("error.consumption.attributes.wrongOwnerOfAttribute: 'When creating a PeerIdentityAttribute, "
                      "the owner must not match the own address.'"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] { controller_->PreparePeerIdentityAttribute(Identity(kOther, "A"), kPeer); })
                .find("the owner must match the address of the peer."),
            std::string::npos);
  transport::PendingEvents events;
  auto tx = db_->Begin();
  EXPECT_NE(ErrorOf([&] {
              controller_->CreateOwnRelationshipAttribute(*tx, Relationship(kPeer, "k", "v"), Origin{"", kPeer, kRequest},
                                                          events);
            }).find("When creating an OwnRelationshipAttribute, the owner must match the own address."),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              controller_->CreateOwnRelationshipAttribute(*tx, Relationship(kSelf, "k", "v"), Origin{"", kSelf, kRequest},
                                                          events);
            }).find("the peer must not match the own address."),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              controller_->CreatePeerRelationshipAttribute(*tx, Relationship(kOther, "k", "v"),
                                                           Origin{"", kPeer, kRequest}, events);
            }).find("When creating a PeerRelationshipAttribute, the owner must match the address of the peer."),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              controller_->CreateThirdPartyRelationshipAttribute(*tx, Relationship(kPeer, "k", "v"),
                                                                 Origin{AttributesController::GenerateId(), kPeer, kRequest},
                                                                 kPeer, events);
            }).find("the peer must not match the initialAttributePeer."),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              controller_->CreateThirdPartyRelationshipAttribute(
                  *tx, Relationship(kSelf, "k", "v"), Origin{AttributesController::GenerateId(), kPeer, kRequest},
                  kOther, events);
            }).find("the owner must not match the own address."),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              controller_->CreatePeerRelationshipAttribute(*tx, Relationship(kPeer, "k", "Ͱ"),
                                                           Origin{"", kPeer, kRequest}, events);
            }).find("error.consumption.attributes.forbiddenCharactersInAttribute"),
            std::string::npos);
  EXPECT_TRUE(events.empty());

  // Valid ones: a new id when none is given, the given one otherwise; third party keeps its origin.
  const auto own = controller_->CreateOwnRelationshipAttribute(*tx, Relationship(kSelf, "k", "v"),
                                                               Origin{"", kPeer, kRequest}, events);
  EXPECT_EQ(own.id.rfind("ATT", 0), 0u);
  EXPECT_EQ(own.id.size(), 20u);
  const auto given = AttributesController::GenerateId();
  const auto third = controller_->CreateThirdPartyRelationshipAttribute(*tx, Relationship(kOther, "k", "v"),
                                                                        Origin{given, kPeer, kRequest}, kOther, events);
  EXPECT_EQ(third.id, given);
  const auto dto = controller_->Dto(*tx, third);
  EXPECT_EQ(dto.at("initialAttributePeer"), kOther);
  EXPECT_FALSE(dto.contains("numberOfForwards"));
  EXPECT_EQ(controller_->Dto(*tx, own).at("numberOfForwards"), 0);
}

TEST_F(PeerAttributesTest, KeyUniquenessIgnoresDeletedAttributes) {
  const auto own = OwnRelationship("customerId", "C-1");
  auto tx = db_->Begin();
  EXPECT_EQ(controller_->RelationshipAttributesWithKey(*tx, "customerId", kSelf, "ProprietaryString", kPeer).size(), 1u);
  EXPECT_TRUE(controller_->RelationshipAttributesWithKey(*tx, "customerId", kSelf, "ProprietaryString", kOther).empty());
  EXPECT_TRUE(controller_->RelationshipAttributesWithKey(*tx, "customerId", kSelf, "ProprietaryInteger", kPeer).empty());
  EXPECT_TRUE(controller_->RelationshipAttributesWithKey(*tx, "other", kSelf, "ProprietaryString", kPeer).empty());
  controller_->SetPeerDeletionInfo(
      *tx, own, AttributeDeletionInfo{std::string(deletion_status::kToBeDeletedByRecipient), "2030-01-01T00:00:00.000Z"});
  EXPECT_TRUE(controller_->RelationshipAttributesWithKey(*tx, "customerId", kSelf, "ProprietaryString", kPeer).empty());
}

TEST_F(PeerAttributesTest, ForwardingDetailsAreCountedReusedAndListed) {
  const auto own = Create(R"({"@type":"GivenName","value":"Me"})");
  sink_.Clear();
  Forward(Id(own), kPeer);
  EXPECT_EQ(use_cases_->GetAttribute(Id(own)).at("numberOfForwards"), 1);
  ASSERT_EQ(sink_.Events().size(), 1u);
  EXPECT_EQ(sink_.Events()[0].name, "consumption.attributeForwardingDetailsChanged");
  EXPECT_EQ(sink_.Events()[0].data.at("numberOfForwards"), 1);

  // Forwarding twice is refused with the official message.
  EXPECT_EQ(ErrorOf([&] { Forward(Id(own), kPeer); }).rfind(
                "error.consumption.attributes.alreadyForwarded error.consumption.attributes.alreadyForwarded: 'The "
                "Attribute '" + Id(own) + " is already forwarded to peer '" + kPeer + "'.'",
                0),
            0u);

  // The peer agreed to delete its copy: forwarding again reuses the record without deletion info.
  InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    controller_->SetForwardedDeletionInfo(
        tx, *controller_->Get(tx, Id(own)),
        AttributeDeletionInfo{std::string(deletion_status::kToBeDeletedByRecipient), "2030-01-01T00:00:00.000Z"}, kPeer);
    return 0;
  });
  auto details = use_cases_->GetForwardingDetailsForAttribute(Id(own), {});
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].at("deletionInfo").at("deletionStatus"), "ToBeDeletedByRecipient");
  Forward(Id(own), kPeer, "REQAAAAAAAAAAAAAAAA2");
  details = use_cases_->GetForwardingDetailsForAttribute(Id(own), {});
  ASSERT_EQ(details.size(), 1u);
  EXPECT_FALSE(details[0].as_object().contains("deletionInfo"));
  EXPECT_EQ(details[0].at("sourceReference"), kRequest);

  Forward(Id(own), kOther, "REQAAAAAAAAAAAAAAAA3");
  EXPECT_EQ(use_cases_->GetAttribute(Id(own)).at("numberOfForwards"), 2);
  details = use_cases_->GetForwardingDetailsForAttribute(Id(own), {{"peer", kOther}});
  ASSERT_EQ(details.size(), 1u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : details[0].as_object()) keys.emplace_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"peer", "sourceReference", "sharedAt"}));
  EXPECT_EQ(details[0].at("sourceReference"), "REQAAAAAAAAAAAAAAAA3");

  EXPECT_EQ(ErrorOf([&] { use_cases_->GetForwardingDetailsForAttribute(Id(own), {{"attributeId", "x"}}); }),
            "error.runtime.validation.invalidPropertyValue query must NOT have additional properties");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetForwardingDetailsForAttribute("ATTunknownunknown000", {}); }),
            "error.runtime.recordNotFound LocalAttribute not found. Make sure the ID exists and the record is not "
            "expired.");
}

TEST_F(PeerAttributesTest, OwnAttributesSharedWithPeerShowTheLatestSharedVersions) {
  const auto v1 = Create(R"({"@type":"GivenName","value":"Me"})");
  Forward(Id(v1), kPeer);
  const auto technical = OwnRelationship("tech", "T", true);
  const auto visible = OwnRelationship("customerId", "C-1");
  OwnRelationship("elsewhere", "E", false, kOther);

  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, std::nullopt, {})),
            (std::vector<std::string>{Id(v1), technical.id, visible.id}));
  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, true, {})),
            (std::vector<std::string>{Id(v1), visible.id}));
  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, std::nullopt,
                                                           {{"content.@type", "RelationshipAttribute"}})),
            (std::vector<std::string>{technical.id, visible.id}));

  // A successor shared with the peer hides the older shared version unless all are asked for.
  const auto v2 = use_cases_->SucceedOwnIdentityAttribute(
      js::object{{"predecessorId", Id(v1)}, {"successorContent", {{"value", {{"@type", "GivenName"}, {"value", "Me2"}}}}}});
  const auto v2_id = Id(v2.at("successor").as_object());
  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, true, {})),
            (std::vector<std::string>{Id(v1), visible.id}));
  Forward(v2_id, kPeer);
  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, true, {})),
            (std::vector<std::string>{v2_id, visible.id}));
  EXPECT_EQ(Ids(use_cases_->GetOwnAttributesSharedWithPeer(kPeer, false, true, {})),
            (std::vector<std::string>{Id(v1), v2_id, visible.id}));

  // Versions shared with the peer: newest first; only the newest by default.
  EXPECT_EQ(Ids(use_cases_->GetVersionsOfAttributeSharedWithPeer(Id(v1), std::string(kPeer), std::nullopt)),
            (std::vector<std::string>{v2_id}));
  EXPECT_EQ(Ids(use_cases_->GetVersionsOfAttributeSharedWithPeer(Id(v1), std::string(kPeer), false)),
            (std::vector<std::string>{v2_id, Id(v1)}));
  EXPECT_TRUE(use_cases_->GetVersionsOfAttributeSharedWithPeer(Id(v1), std::string(kOther), false).empty());

  EXPECT_EQ(ErrorOf([&] { use_cases_->GetOwnAttributesSharedWithPeer("nobody", std::nullopt, std::nullopt, {}); }),
            "error.runtime.validation.invalidPropertyValue peer must match pattern "
            "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, std::nullopt, {{"peer", "x"}}); }),
            "error.runtime.validation.invalidPropertyValue query must NOT have additional properties");
  EXPECT_EQ(ErrorOf([&] {
              use_cases_->GetOwnAttributesSharedWithPeer(kPeer, std::nullopt, std::nullopt,
                                                         {{"createdAt", "a"}, {"createdAt", "b"}});
            }),
            "error.runtime.validation.invalidPropertyValue query/createdAt must be string");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetVersionsOfAttributeSharedWithPeer(Id(v1), std::nullopt, std::nullopt); }),
            "error.runtime.validation.invalidPropertyValue must have required property 'peer'");
}

TEST_F(PeerAttributesTest, PeerSideSuccessionUnderTheOwnersId) {
  const auto v1 = PeerIdentity(AttributesController::GenerateId(), "Anna");
  sink_.Clear();
  const auto v2_id = AttributesController::GenerateId();
  auto successor = [&](const std::string& id, const std::string& name, const std::string& owner = kPeer) {
    return AttributesController::PeerSuccessorParams{
        id,
        js::object{{"@type", "IdentityAttribute"}, {"owner", owner}, {"value", {{"@type", "GivenName"}, {"value", name}}}},
        "NOTAAAAAAAAAAAAAAAA1"};
  };
  auto succeed = [&](const AttributesController::PeerSuccessorParams& params) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->SucceedPeerSideAttribute(tx, *controller_->Get(tx, v1.id), params, events);
    });
  };
  EXPECT_NE(ErrorOf([&] { succeed(successor(v1.id, "Anne")); }).find("successorMustNotYetExist"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { succeed(successor(v2_id, "Anna")); }).find("successionMustChangeContent"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { succeed(successor(v2_id, "Anne", kOther)); }).find("successionMustNotChangeOwner"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] {
              succeed(AttributesController::PeerSuccessorParams{v2_id, RelationshipJson(kPeer, "k", "v"), kRequest});
            }).find("successionMustNotChangeContentType"),
            std::string::npos);
  EXPECT_TRUE(sink_.Events().empty());

  const auto [predecessor, created] = succeed(successor(v2_id, " Anne "));
  EXPECT_EQ(created.id, v2_id);
  EXPECT_EQ(created.succeeds, v1.id);
  EXPECT_EQ(created.peer, kPeer);
  EXPECT_EQ(created.source_reference, "NOTAAAAAAAAAAAAAAAA1");
  EXPECT_EQ(created.content.at("value").at("value"), "Anne");  // trimmed
  EXPECT_EQ(Stored(v1.id)->succeeded_by, v2_id);
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.attributeSucceeded"}));
  EXPECT_NE(ErrorOf([&] { succeed(successor(AttributesController::GenerateId(), "Ann")); })
                .find("cannotSucceedAttributesWithASuccessor"),
            std::string::npos);

  // GET /Attributes/Peer/{peer}: the latest version unless all are asked for.
  EXPECT_EQ(Ids(use_cases_->GetPeerAttributes(kPeer, std::nullopt, std::nullopt, {})), (std::vector<std::string>{v2_id}));
  EXPECT_EQ(Ids(use_cases_->GetPeerAttributes(kPeer, false, std::nullopt, {})),
            (std::vector<std::string>{v1.id, v2_id}));
  EXPECT_TRUE(use_cases_->GetPeerAttributes(kOther, false, std::nullopt, {}).empty());

  // A copy the emitter deleted cannot be succeeded; a relationship copy must keep its key.
  InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    controller_->SetPeerDeletionInfo(
        tx, *controller_->Get(tx, v2_id),
        AttributeDeletionInfo{std::string(deletion_status::kDeletedByEmitter), "2025-01-01T00:00:00.000Z"});
    return 0;
  });
  EXPECT_NE(ErrorOf([&] {
              InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
                return controller_->SucceedPeerSideAttribute(tx, *controller_->Get(tx, v2_id),
                                                             successor(AttributesController::GenerateId(), "X"), events);
              });
            }).find("cannotSucceedSharedAttributesDeletedByPeer"),
            std::string::npos);
  const auto peer_rel = InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    return controller_->CreatePeerRelationshipAttribute(tx, Relationship(kPeer, "k", "v"), Origin{"", kPeer, kRequest},
                                                        events);
  });
  EXPECT_NE(ErrorOf([&] {
              InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
                return controller_->SucceedPeerSideAttribute(
                    tx, *controller_->Get(tx, peer_rel.id),
                    AttributesController::PeerSuccessorParams{AttributesController::GenerateId(),
                                                              RelationshipJson(kPeer, "other", "w"), kRequest},
                    events);
              });
            }).find("successionMustNotChangeKey"),
            std::string::npos);
}

TEST_F(PeerAttributesTest, DeletionProposedMarksEverythingExchangedWithThePeer) {
  const auto own = Create(R"({"@type":"GivenName","value":"Me"})");
  Forward(Id(own), kPeer);
  Forward(Id(own), kOther);
  const auto own_rel = OwnRelationship("customerId", "C-1");
  const auto received = PeerIdentity(AttributesController::GenerateId());
  InsertRelationship("RELAAAAAAAAAAAAAAAA1", kPeer, "Active");
  EXPECT_NE(ErrorOf([&] { use_cases_->SetAttributeDeletionInfoOfDeletionProposedRelationship("RELAAAAAAAAAAAAAAAA1"); })
                .find("error.consumption.attributes.wrongRelationshipStatusToSetDeletionInfo"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] { use_cases_->SetAttributeDeletionInfoOfDeletionProposedRelationship("RELAAAAAAAAAAAAAAAA9"); })
                .find("error.runtime.recordNotFound Relationship not found."),
            std::string::npos);
  InsertRelationship("RELAAAAAAAAAAAAAAAA2", kPeer, "DeletionProposed", "2025-02-03T04:05:06.000Z");
  use_cases_->SetAttributeDeletionInfoOfDeletionProposedRelationship("RELAAAAAAAAAAAAAAAA2");

  const auto details = use_cases_->GetForwardingDetailsForAttribute(Id(own), {{"peer", kPeer}});
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(json::Stringify(details[0].at("deletionInfo")),
            R"({"deletionStatus":"DeletedByRecipient","deletionDate":"2025-02-03T04:05:06.000Z"})");
  EXPECT_FALSE(use_cases_->GetForwardingDetailsForAttribute(Id(own), {{"peer", kOther}})[0].as_object().contains(
      "deletionInfo"));
  EXPECT_EQ(Stored(own_rel.id)->deletion_info->deletion_status, "DeletedByRecipient");
  EXPECT_EQ(Stored(received.id)->deletion_info->deletion_status, "DeletedByEmitter");
  EXPECT_EQ(Stored(received.id)->deletion_info->deletion_date, "2025-02-03T04:05:06.000Z");
  // The REST filter on deletionInfo.deletionStatus sees it.
  EXPECT_EQ(Ids(use_cases_->GetPeerAttributes(kPeer, std::nullopt, std::nullopt,
                                              {{"deletionInfo.deletionStatus", "DeletedByEmitter"}})),
            (std::vector<std::string>{received.id}));
}

TEST_F(PeerAttributesTest, RejectedRelationshipAndDecompositionDeleteWhatWasExchanged) {
  const auto own = Create(R"({"@type":"GivenName","value":"Me"})");
  Forward(Id(own), kPeer);
  Forward(Id(own), kOther);
  const auto own_rel = OwnRelationship("customerId", "C-1");
  const auto received = PeerIdentity(AttributesController::GenerateId());
  const auto kept = PeerIdentity(AttributesController::GenerateId(), "Other", kOther);
  InsertRelationship("RELAAAAAAAAAAAAAAAA1", kPeer, "Active");
  EXPECT_EQ(ErrorOf([&] { use_cases_->DeleteSharedAttributesForRejectedOrRevokedRelationship("RELAAAAAAAAAAAAAAAA1"); }),
            "error.runtime.relationships.isNeitherRejectedNorRevoked The status of the Relationship is neither "
            "'Rejected' nor 'Revoked'.");
  InsertRelationship("RELAAAAAAAAAAAAAAAA2", kPeer, "Rejected");
  sink_.Clear();
  use_cases_->DeleteSharedAttributesForRejectedOrRevokedRelationship("RELAAAAAAAAAAAAAAAA2");
  EXPECT_FALSE(Stored(own_rel.id));
  EXPECT_FALSE(Stored(received.id));
  EXPECT_TRUE(Stored(kept.id));
  EXPECT_EQ(use_cases_->GetAttribute(Id(own)).at("numberOfForwards"), 1);
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.attributeDeleted", "consumption.attributeDeleted",
                                                    "consumption.attributeForwardingDetailsChanged"}));

  // Decomposition (deleteAttributesExchangedWithPeer) with the other peer: its records go without
  // events, the forwarding records to it with one.
  sink_.Clear();
  InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    controller_->DeleteAttributesExchangedWithPeer(tx, kOther, events);
    return 0;
  });
  EXPECT_FALSE(Stored(kept.id));
  EXPECT_EQ(use_cases_->GetAttribute(Id(own)).at("numberOfForwards"), 0);
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.attributeForwardingDetailsChanged"}));
}

TEST_F(PeerAttributesTest, RelationshipAttributeQueries) {
  const auto own_rel = OwnRelationship("customerId", "C-1");
  InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    controller_->CreateOwnRelationshipAttribute(tx, Relationship(kSelf, "secret", "S", "private"),
                                                Origin{"", kPeer, kRequest}, events);
    return 0;
  });
  const auto peer_rel = InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    return controller_->CreatePeerRelationshipAttribute(tx, Relationship(kOther, "customerId", "X-9"),
                                                        Origin{"", kOther, kRequest}, events);
  });
  auto query = [](const std::string& key, const std::string& owner) {
    return js::object{{"query",
                       {{"key", key},
                        {"owner", owner},
                        {"attributeCreationHints",
                         {{"title", "t"}, {"valueType", "ProprietaryString"}, {"confidentiality", "public"}}}}}};
  };
  EXPECT_EQ(Id(use_cases_->ExecuteRelationshipAttributeQuery(query("customerId", ""))), own_rel.id);
  EXPECT_EQ(Id(use_cases_->ExecuteRelationshipAttributeQuery(query("customerId", kOther))), peer_rel.id);
  EXPECT_EQ(ErrorOf([&] { use_cases_->ExecuteRelationshipAttributeQuery(query("secret", "")); }),
            "error.runtime.recordNotFound RelationshipAttribute not found. Make sure the ID exists and the record is "
            "not expired.");
  EXPECT_NE(ErrorOf([&] { use_cases_->ExecuteRelationshipAttributeQuery(js::object{}); }).find("error.runtime."),
            std::string::npos);

  auto third = [](const std::string& owner, const std::vector<std::string>& parties) {
    js::array list;
    for (const auto& p : parties) list.emplace_back(js::string(p));
    return js::object{{"query", {{"key", "customerId"}, {"owner", owner}, {"thirdParty", list}}}};
  };
  EXPECT_EQ(Ids(use_cases_->ExecuteThirdPartyRelationshipAttributeQuery(third("recipient", {kPeer}))),
            (std::vector<std::string>{own_rel.id}));
  EXPECT_EQ(Ids(use_cases_->ExecuteThirdPartyRelationshipAttributeQuery(third("thirdParty", {kPeer, kOther}))),
            (std::vector<std::string>{peer_rel.id}));
  EXPECT_EQ(Ids(use_cases_->ExecuteThirdPartyRelationshipAttributeQuery(third("", {kPeer, kOther}))),
            (std::vector<std::string>{own_rel.id, peer_rel.id}));
  EXPECT_TRUE(use_cases_->ExecuteThirdPartyRelationshipAttributeQuery(third("", {kSelf})).empty());
}

TEST_F(PeerAttributesTest, DeleteAttributeAndNotifyDeletesLocallyAndNotifiesOnlyWithASender) {
  const auto received = PeerIdentity(AttributesController::GenerateId());
  InsertRelationship("RELAAAAAAAAAAAAAAAA1", kPeer, "Pending");
  EXPECT_NE(ErrorOf([&] { use_cases_->DeleteAttributeAndNotify(received.id); })
                .find("error.runtime.attributes.cannotDeleteSharedAttributeWhileRelationshipIsPending"),
            std::string::npos);
  EXPECT_TRUE(Stored(received.id));

  // The newer relationship with the peer is Active: the peer is concerned, but no sender exists.
  db_->WithTransaction([&](storage::Transaction& tx) {
    auto record = *tx.Get("relationships", "RELAAAAAAAAAAAAAAAA1");
    record["status"] = "Active";
    tx.Replace("relationships", "RELAAAAAAAAAAAAAAAA1", record);
  });
  sink_.Clear();
  EXPECT_EQ(json::Stringify(use_cases_->DeleteAttributeAndNotify(received.id)), R"({"notificationIds":[]})");
  EXPECT_FALSE(Stored(received.id));
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.attributeDeleted"}));

  // With a sender: one notification per peer, of the official item type, ids passed through.
  std::vector<std::string> sent;
  use_cases_->SetNotificationSender([&](const std::string& peer, const js::object& item) {
    sent.push_back(peer + " " + json::Stringify(item));
    return std::string("NOTAAAAAAAAAAAAAAAA7");
  });
  const auto own = Create(R"({"@type":"GivenName","value":"Me"})");
  Forward(Id(own), kPeer);
  Forward(Id(own), kOther);  // no relationship with kOther: not notified
  EXPECT_EQ(json::Stringify(use_cases_->DeleteAttributeAndNotify(Id(own))),
            R"({"notificationIds":["NOTAAAAAAAAAAAAAAAA7"]})");
  EXPECT_EQ(sent, (std::vector<std::string>{std::string(kPeer) +
                                            R"( {"@type":"OwnAttributeDeletedByOwnerNotificationItem","attributeId":")" +
                                            Id(own) + "\"}"}));
}

TEST_F(PeerAttributesTest, AttributesForRelationship) {
  const auto own = Create(R"({"@type":"GivenName","value":"Me"})");
  Forward(Id(own), kPeer);
  const auto received = PeerIdentity(AttributesController::GenerateId());
  const auto technical = OwnRelationship("tech", "T", true);
  InsertRelationship("RELAAAAAAAAAAAAAAAA1", kPeer, "Active");
  EXPECT_EQ(Ids(use_cases_->GetAttributesForRelationship("RELAAAAAAAAAAAAAAAA1", std::nullopt, std::nullopt)),
            (std::vector<std::string>{Id(own), received.id, technical.id}));
  EXPECT_EQ(Ids(use_cases_->GetAttributesForRelationship("RELAAAAAAAAAAAAAAAA1", true, std::nullopt)),
            (std::vector<std::string>{Id(own), received.id}));
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttributesForRelationship("RELAAAAAAAAAAAAAAAA9", std::nullopt, std::nullopt); }),
            "error.runtime.recordNotFound Relationship not found. Make sure the ID exists and the record is not "
            "expired.");
  EXPECT_EQ(ErrorOf([&] { use_cases_->GetAttributesForRelationship("nope", std::nullopt, std::nullopt); }),
            "error.runtime.validation.invalidPropertyValue id must match pattern REL[A-Za-z0-9]{17}");
}

}  // namespace
}  // namespace nmshd::consumption::testing
