// succeedRelationshipAttributeAndNotifyPeer (AttributeUseCases::SucceedRelationshipAttributeAndNotifyPeer):
// the successor of an OwnRelationshipAttribute, the notification handed to the sender, the result
// and event, and every refusal leaving the store as it was.
#include "attribute_store_fixture.h"
#include "consumption/attributes/attribute_deletion_status.h"
#include "content/relationship_attribute.h"
#include "storage/document_store.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:00000000000000000000a2";
constexpr const char* kRelationship = "RELAAAAAAAAAAAAAAAA1";

std::string Str(const js::value& v) { return std::string(v.as_string()); }

struct SentNotification {
  std::string id;
  std::string peer;
  js::object item;
};

class SucceedRelationshipAttributeTest : public AttributeStoreTest {
 protected:
  SucceedRelationshipAttributeTest() {
    use_cases_->SetNotificationSenderWithId(
        [this](const std::string& id, const std::string& peer, const js::object& item) {
          if (fail_sending_) throw CodedError("error.transport.request.noInternetConnection", "Backbone unreachable");
          sent_.push_back({id, peer, item});
        });
  }

  LocalAttribute OwnRelationship(const std::string& value, const std::string& owner = kSelf) {
    const auto content = content::RelationshipAttribute::FromJson(js::object{
        {"@type", "RelationshipAttribute"},
        {"owner", owner},
        {"key", "customerNumber"},
        {"isTechnical", false},
        {"confidentiality", "protected"},
        {"value", {{"@type", "ProprietaryString"}, {"title", "Customer number"}, {"value", value}}}});
    transport::PendingEvents events;
    auto attribute = db_->WithTransaction([&](storage::Transaction& tx) {
      if (owner == kSelf) {
        return controller_->CreateOwnRelationshipAttribute(tx, content, {"", kPeer, "REQAAAAAAAAAAAAAAAA1"}, events);
      }
      return controller_->CreatePeerRelationshipAttribute(tx, content, {AttributesController::GenerateId(), kPeer,
                                                                        "REQAAAAAAAAAAAAAAAA1"},
                                                          events);
    });
    return attribute;
  }
  void InsertRelationship(const std::string& status) {
    db_->WithTransaction([&](storage::Transaction& tx) {
      tx.Insert("relationships", kRelationship,
                js::object{{"id", kRelationship},
                           {"status", status},
                           {"peer", kPeer},
                           {"_createdAt", "2025-01-01T00:00:00.000Z"},
                           {"auditLog", js::array{js::object{{"createdAt", "2025-01-01T00:00:00.000Z"}}}}});
    });
  }
  void SetRelationship(const std::string& member, js::value value) {
    db_->WithTransaction([&](storage::Transaction& tx) {
      auto record = *tx.Get("relationships", kRelationship);
      record[member] = std::move(value);
      tx.Replace("relationships", kRelationship, record);
    });
  }
  static js::value Body(const std::string& id, const std::string& value_json) {
    return js::object{{"predecessorId", id}, {"successorContent", {{"value", json::Parse(value_json)}}}};
  }
  static std::string NewNumber(const std::string& number) {
    return R"({"@type":"ProprietaryString","title":"Customer number","value":")" + number + "\"}";
  }
  // Every stored attribute record, to prove a refusal wrote nothing.
  std::string StoredRecords() {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    std::string out;
    for (const auto& doc : tx->Find(AttributesController::kCollection, storage::Query{})) {
      out += json::Stringify(doc.body) + "\n";
    }
    return out;
  }

  std::vector<SentNotification> sent_;
  bool fail_sending_ = false;
};

TEST_F(SucceedRelationshipAttributeTest, StoresTheSuccessorAndNotifiesThePeer) {
  const auto predecessor = OwnRelationship("123");
  InsertRelationship("Active");
  sink_.Clear();

  const auto result = use_cases_->SucceedRelationshipAttributeAndNotifyPeer(Body(predecessor.id, NewNumber("456")));

  const std::string notification_id(result.at("notificationId").as_string());
  EXPECT_EQ(notification_id.rfind("NOT", 0), 0u);
  const auto& successor = result.at("successor").as_object();
  const auto& updated = result.at("predecessor").as_object();
  EXPECT_EQ(Str(updated.at("id")), predecessor.id);
  EXPECT_EQ(updated.at("succeededBy"), successor.at("id"));
  EXPECT_EQ(successor.at("@type"), "OwnRelationshipAttribute");
  EXPECT_EQ(Str(successor.at("succeeds")), predecessor.id);
  EXPECT_EQ(Str(successor.at("peer")), kPeer);
  EXPECT_EQ(Str(successor.at("sourceReference")), notification_id);
  EXPECT_EQ(successor.at("numberOfForwards"), 0);
  // key, owner, confidentiality and isTechnical come from the predecessor, only the value is new.
  EXPECT_EQ(json::Stringify(successor.at("content")),
            std::string(R"({"@type":"RelationshipAttribute","confidentiality":"protected","isTechnical":false,)") +
                R"("key":"customerNumber","owner":")" + kSelf +
                R"(","value":{"@type":"ProprietaryString","title":"Customer number","value":"456"}})");

  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].id, notification_id);
  EXPECT_EQ(sent_[0].peer, kPeer);
  EXPECT_EQ(json::Stringify(sent_[0].item),
            R"({"@type":"PeerAttributeSucceededNotificationItem","predecessorId":")" + predecessor.id +
                R"(","successorId":")" + std::string(successor.at("id").as_string()) +
                R"(","successorContent":)" + json::Stringify(successor.at("content")) + "}");

  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "consumption.attributeSucceeded");
  EXPECT_EQ(json::Stringify(events[0].data.at("successor")), json::Stringify(successor));

  auto versions = use_cases_->GetVersionsOfAttribute(predecessor.id);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("id"), successor.at("id"));
}

TEST_F(SucceedRelationshipAttributeTest, RefusalsWriteNothingAndSendNothing) {
  const auto predecessor = OwnRelationship("123");
  const auto peer_owned = OwnRelationship("999", kPeer);
  InsertRelationship("Active");
  const auto identity = Create(R"({"@type":"GivenName","value":"Anna"})");
  const auto before = StoredRecords();
  sink_.Clear();

  auto error = [&](const js::value& body) {
    return ErrorOf([&] { use_cases_->SucceedRelationshipAttributeAndNotifyPeer(body); });
  };
  EXPECT_EQ(error(Body(predecessor.id, R"({"@type":"GivenName","value":"Bob"})")),
            "error.runtime.validation.invalidPropertyValue successorContent/value must have required property "
            "'title'");
  EXPECT_EQ(error(js::object{{"predecessorId", predecessor.id},
                             {"successorContent", {{"value", json::Parse(NewNumber("4"))}, {"tags", js::array{}}}}}),
            "error.runtime.validation.invalidPropertyValue successorContent must NOT have additional properties");
  EXPECT_NE(error(Body("ATTAAAAAAAAAAAAAAAAA", NewNumber("4"))).find("error.consumption.attributes.predecessorDoesNotExist"),
            std::string::npos);
  EXPECT_EQ(error(Body(Id(identity), NewNumber("4"))),
            "error.runtime.attributes.isNotOwnRelationshipAttribute The Attribute '" + Id(identity) +
                "' is not an OwnRelationshipAttribute.");
  EXPECT_EQ(error(Body(peer_owned.id, NewNumber("4"))),
            "error.runtime.attributes.isNotOwnRelationshipAttribute The Attribute '" + peer_owned.id +
                "' is not an OwnRelationshipAttribute.");
  EXPECT_NE(error(Body(predecessor.id, NewNumber("123"))).find("error.consumption.attributes.successionMustChangeContent"),
            std::string::npos);
  const auto value_type_error =
      error(Body(predecessor.id, R"({"@type":"ProprietaryInteger","title":"Customer number","value":4})"));
  EXPECT_NE(value_type_error.find("error.consumption.attributes.successionMustNotChangeValueType"), std::string::npos)
      << value_type_error;
  EXPECT_NE(error(Body(predecessor.id, NewNumber("4\\u0001"))).find("error.consumption.attributes.forbiddenCharactersInAttribute"),
            std::string::npos);

  // The relationship check of sending runs before anything is stored.
  SetRelationship("status", "Pending");
  EXPECT_EQ(error(Body(predecessor.id, NewNumber("4"))),
            std::string("error.transport.messages.hasNeitherActiveNorTerminatedRelationship The Message cannot be sent "
                        "as there is neither an active nor a terminated Relationship to the recipient(s) with the "
                        "following address(es): '") +
                kPeer + "'.");
  SetRelationship("status", "Terminated");
  SetRelationship("peerDeletionInfo", js::object{{"deletionStatus", "Deleted"}, {"deletionDate", "2025-02-01T00:00:00.000Z"}});
  EXPECT_NE(error(Body(predecessor.id, NewNumber("4"))).find("error.transport.messages.peerIsDeleted"), std::string::npos);
  SetRelationship("peerDeletionInfo", nullptr);
  SetRelationship("status", "Active");

  // Sending fails: the succession is taken back, no event; the call can be repeated.
  fail_sending_ = true;
  EXPECT_EQ(error(Body(predecessor.id, NewNumber("4"))),
            "error.transport.request.noInternetConnection Backbone unreachable");
  EXPECT_EQ(StoredRecords(), before);
  EXPECT_TRUE(sent_.empty());
  EXPECT_TRUE(sink_.Events().empty());

  fail_sending_ = false;
  const auto result = use_cases_->SucceedRelationshipAttributeAndNotifyPeer(Body(predecessor.id, NewNumber("4")));
  EXPECT_EQ(sent_.size(), 1u);
  // Now it has a successor: a second succession of the same predecessor is refused.
  EXPECT_NE(error(Body(predecessor.id, NewNumber("5")))
                .find("error.consumption.attributes.cannotSucceedAttributesWithASuccessor error.consumption.attributes."
                      "cannotSucceedAttributesWithASuccessor: 'The Attribute you want to succeed has a successor (id: " +
                      std::string(result.at("successor").at("id").as_string()) +
                      "). You cannot succeed Attributes with a successor. Instead, succeed the successor.'"),
            std::string::npos);
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(SucceedRelationshipAttributeTest, NotAfterThePeerDeletedIt) {
  auto predecessor = OwnRelationship("123");
  InsertRelationship("Active");
  db_->WithTransaction([&](storage::Transaction& tx) {
    controller_->SetPeerDeletionInfo(tx, predecessor,
                                     {std::string(deletion_status::kDeletedByRecipient), "2025-02-01T00:00:00.000Z"});
  });
  const auto before = StoredRecords();
  EXPECT_NE(ErrorOf([&] { use_cases_->SucceedRelationshipAttributeAndNotifyPeer(Body(predecessor.id, NewNumber("4"))); })
                .find("error.consumption.attributes.cannotSucceedSharedAttributesDeletedByPeer"),
            std::string::npos);
  EXPECT_EQ(StoredRecords(), before);
  EXPECT_TRUE(sent_.empty());
}

}  // namespace
}  // namespace nmshd::consumption::testing
