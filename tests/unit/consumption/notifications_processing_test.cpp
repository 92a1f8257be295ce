// NotificationsController and the four notification item processors (runtime 7.0.0): records of
// received and sent notifications, each processor's effect on the attribute store and its event,
// the rollback of processed items when a later item fails, and that events wait for success.
// Attribute records are prepared directly in the store, as the peer's request flow would leave them.
#include <algorithm>

#include "attribute_store_fixture.h"
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/notifications/notifications_controller.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "storage/document_store.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:00000000000000000000a2";
constexpr const char* kOther = "did:e:localhost:dids:00000000000000000000b3";
constexpr const char* kDevice = "DVCAAAAAAAAAAAAAAAA1";
constexpr const char* kRequest = "REQAAAAAAAAAAAAAAAA1";
constexpr const char* kCreatedAt = "2026-01-02T03:04:05.678Z";

class NotificationsTest : public AttributeStoreTest {
 protected:
  using Origin = AttributesController::PeerRecordOrigin;

  NotificationsTest() : notifications_(*controller_, kDevice) {}

  template <class Fn>
  auto InTx(Fn&& fn) {
    transport::PendingEvents events;
    auto result = db_->WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
    events.PublishTo(sink_);
    return result;
  }

  static js::object IdentityJson(const std::string& owner, const std::string& given_name) {
    return js::object{{"@type", "IdentityAttribute"},
                      {"owner", owner},
                      {"value", {{"@type", "GivenName"}, {"value", given_name}}}};
  }
  static content::RelationshipAttribute Relationship(const std::string& owner, const std::string& value) {
    return content::RelationshipAttribute::FromJson(
        js::object{{"@type", "RelationshipAttribute"},
                   {"owner", owner},
                   {"key", "customerNumber"},
                   {"confidentiality", "public"},
                   {"value", {{"@type", "ProprietaryString"}, {"title", "Customer number"}, {"value", value}}}});
  }

  LocalAttribute PeerIdentity(const std::string& id, const std::string& given_name = "Anna",
                              const std::string& peer = kPeer) {
    const auto prepared =
        controller_->PreparePeerIdentityAttribute(content::IdentityAttribute::FromJson(IdentityJson(peer, given_name)), peer);
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->InsertPeerIdentityAttribute(tx, prepared, Origin{id, peer, kRequest}, events);
    });
  }
  // A peer identity attribute with one successor: {predecessor, successor}.
  std::pair<LocalAttribute, LocalAttribute> PeerIdentityWithSuccessor() {
    auto predecessor = PeerIdentity(AttributesController::GenerateId(), "Anna");
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->SucceedPeerSideAttribute(
          tx, predecessor, {AttributesController::GenerateId(), IdentityJson(kPeer, "Anne"), kRequest}, events);
    });
  }
  LocalAttribute OwnRelationship(const std::string& peer = kPeer) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->CreateOwnRelationshipAttribute(tx, Relationship(kSelf, "C-1"), Origin{"", peer, kRequest},
                                                         events);
    });
  }
  LocalAttribute OwnIdentityForwardedTo(const std::string& peer, const std::string& given_name = "Self") {
    const auto id = Id(Create(R"({"@type":"GivenName","value":")" + given_name + R"("})"));
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      return controller_->AddForwardingDetails(tx, *controller_->Get(tx, id), peer, kRequest, events);
    });
  }

  // A MessageDTO from the peer carrying a Notification with these items.
  static js::object ReceivedMessage(const std::string& notification_id, js::array items,
                                    const std::string& sender = kPeer) {
    return js::object{{"id", "MSGAAAAAAAAAAAAAAAA1"},
                      {"isOwn", false},
                      {"content", {{"@type", "Notification"}, {"id", notification_id}, {"items", std::move(items)}}},
                      {"createdBy", sender},
                      {"createdByDevice", "DVCBBBBBBBBBBBBBBBB1"},
                      {"recipients", js::array{js::object{{"address", kSelf}}}},
                      {"createdAt", kCreatedAt},
                      {"attachments", js::array{}}};
  }
  static js::object DeletedItem(const std::string& type, const std::string& attribute_id) {
    return js::object{{"@type", type}, {"attributeId", attribute_id}};
  }
  static js::object SucceededItem(const std::string& predecessor_id, const std::string& successor_id,
                                  const js::object& successor_content) {
    return js::object{{"@type", "PeerAttributeSucceededNotificationItem"},
                      {"predecessorId", predecessor_id},
                      {"successorId", successor_id},
                      {"successorContent", successor_content}};
  }

  // received + processNotificationById in one transaction, as the NotificationModule does.
  LocalNotification ReceiveAndProcess(const js::object& message) {
    return InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
      const auto received = notifications_.Received(tx, message);
      return notifications_.ProcessById(tx, received.id, events);
    });
  }
  std::optional<LocalAttribute> Stored(const std::string& id) {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    return controller_->Get(*tx, id);
  }
  std::optional<LocalNotification> StoredNotification(const std::string& id) {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    return notifications_.Get(*tx, id);
  }
  std::vector<std::string> EventNames() {
    std::vector<std::string> names;
    for (const auto& e : sink_.Events()) names.push_back(e.name);
    return names;
  }
  static std::string StatusOf(const std::optional<LocalAttribute>& a) {
    return a && a->deletion_info ? a->deletion_info->deletion_status : std::string("none");
  }

  NotificationsController notifications_;
};

TEST_F(NotificationsTest, ReceivedRecordHasTheDtoShapeOf700) {
  const auto id = LocalNotification::GenerateId();
  ASSERT_EQ(id.size(), 20u);
  ASSERT_EQ(id.rfind("NOT", 0), 0u);
  const auto message = ReceivedMessage(id, js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem",
                                                                 AttributesController::GenerateId())});
  const auto received = InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    return notifications_.Received(tx, message);
  });
  const auto dto = received.ToDto();
  std::vector<std::string> keys;
  for (const auto& [k, v] : dto) keys.emplace_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "isOwn", "peer", "createdAt", "receivedByDevice", "content", "status",
                                            "source"}));
  EXPECT_EQ(dto.at("id"), js::value(id));
  EXPECT_EQ(dto.at("isOwn"), js::value(false));
  EXPECT_EQ(dto.at("peer"), js::value(kPeer));
  EXPECT_EQ(dto.at("createdAt"), js::value(kCreatedAt));
  EXPECT_EQ(dto.at("receivedByDevice"), js::value(kDevice));
  EXPECT_EQ(dto.at("status"), js::value("Open"));
  EXPECT_EQ(json::Stringify(dto.at("source")), R"({"type":"Message","reference":"MSGAAAAAAAAAAAAAAAA1"})");
  EXPECT_EQ(dto.at("content").at("@type"), js::value("Notification"));
  EXPECT_EQ(json::Stringify(StoredNotification(id)->ToDto()), json::Stringify(dto));
}

TEST_F(NotificationsTest, SentRecordIsOwnWithoutDeviceAndRefusesProcessing) {
  const auto id = LocalNotification::GenerateId();
  auto message = ReceivedMessage(id, js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem",
                                                           AttributesController::GenerateId())});
  message["isOwn"] = true;
  message["createdBy"] = kSelf;
  message["recipients"] = js::array{js::object{{"address", kPeer}}};
  const auto sent = InTx([&](storage::Transaction& tx, transport::PendingEvents&) { return notifications_.Sent(tx, message); });
  EXPECT_EQ(sent.status, "Sent");
  EXPECT_TRUE(sent.is_own);
  EXPECT_EQ(sent.peer, kPeer);
  EXPECT_FALSE(sent.ToDto().contains("receivedByDevice"));
  EXPECT_THROW(InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
                 return notifications_.ProcessById(tx, id, events);
               }),
               std::runtime_error);
  // Received messages cannot be recorded as sent, nor own ones as received.
  EXPECT_THROW(InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
                 return notifications_.Received(tx, message);
               }),
               std::runtime_error);
  EXPECT_EQ(ErrorOf([&] {
              InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
                return notifications_.ProcessById(tx, "NOTXXXXXXXXXXXXXXXXX", events);
              });
            }).rfind("error.transport.recordNotFound 'error.transport.recordNotFound: ''LocalNotification' not found.'", 0),
            std::string::npos);
}

TEST_F(NotificationsTest, PeerAttributeSucceededCreatesTheSuccessorUnderTheOwnersId) {
  const auto predecessor = PeerIdentity(AttributesController::GenerateId(), "Anna");
  sink_.Clear();
  const auto notification_id = LocalNotification::GenerateId();
  const auto successor_id = AttributesController::GenerateId();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      notification_id, js::array{SucceededItem(predecessor.id, successor_id, IdentityJson(kPeer, "  Anne "))}));
  EXPECT_EQ(processed.status, "Completed");
  EXPECT_EQ(StoredNotification(notification_id)->status, "Completed");

  const auto successor = Stored(successor_id);
  ASSERT_TRUE(successor);
  EXPECT_EQ(successor->type, LocalAttributeType::kPeerIdentity);
  EXPECT_EQ(successor->succeeds, predecessor.id);
  EXPECT_EQ(successor->source_reference, notification_id);
  EXPECT_EQ(successor->peer, kPeer);
  EXPECT_EQ(successor->content.at("value").at("value"), "Anne");  // trimmed
  EXPECT_EQ(Stored(predecessor.id)->succeeded_by, successor_id);

  ASSERT_EQ(EventNames(), (std::vector<std::string>{"consumption.attributeSucceeded"}));
  const auto events = sink_.Events();
  const auto& data = events[0].data.as_object();
  EXPECT_EQ(data.at("predecessor").at("id"), js::value(predecessor.id));
  EXPECT_EQ(data.at("predecessor").at("succeededBy"), js::value(successor_id));
  EXPECT_EQ(data.at("successor").at("id"), js::value(successor_id));
}

TEST_F(NotificationsTest, PeerAttributeSucceededFromANonOwnerIsRefused) {
  const auto predecessor = PeerIdentity(AttributesController::GenerateId(), "Anna");
  sink_.Clear();
  const auto successor_id = AttributesController::GenerateId();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(), js::array{SucceededItem(predecessor.id, successor_id, IdentityJson(kOther, "Eve"))}));
  EXPECT_EQ(processed.status, "Error");
  EXPECT_FALSE(Stored(successor_id));
  EXPECT_FALSE(Stored(predecessor.id)->succeeded_by);
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(NotificationsTest, FailingItemRollsBackTheProcessedOnesAndPublishesNothing) {
  const auto predecessor = PeerIdentity(AttributesController::GenerateId(), "Anna");
  const auto owned = OwnRelationship();  // deleted-by-owner is refused for an own attribute
  const auto deleted_copy = PeerIdentity(AttributesController::GenerateId(), "Berta");
  sink_.Clear();
  const auto successor_id = AttributesController::GenerateId();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{SucceededItem(predecessor.id, successor_id, IdentityJson(kPeer, "Anne")),
                DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", deleted_copy.id),
                DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", owned.id)}));
  EXPECT_EQ(processed.status, "Error");
  // Both processed items are undone: the successor is gone, the link removed, the deletion info too.
  EXPECT_FALSE(Stored(successor_id));
  EXPECT_FALSE(Stored(predecessor.id)->succeeded_by);
  EXPECT_EQ(StatusOf(Stored(deleted_copy.id)), "none");
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(NotificationsTest, ProcessingAgainAfterErrorIsAllowed) {
  const auto notification_id = LocalNotification::GenerateId();
  const auto owned = OwnRelationship();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      notification_id, js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", owned.id)}));
  ASSERT_EQ(processed.status, "Error");
  const auto again = InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
    return notifications_.ProcessById(tx, notification_id, events);
  });
  EXPECT_EQ(again.status, "Error");
  // Completed ones cannot be processed again.
  const auto completed_id = LocalNotification::GenerateId();
  ASSERT_EQ(ReceiveAndProcess(ReceivedMessage(completed_id, js::array{DeletedItem(
                                                                 "OwnAttributeDeletedByOwnerNotificationItem",
                                                                 AttributesController::GenerateId())}))
                .status,
            "Completed");
  EXPECT_THROW(InTx([&](storage::Transaction& tx, transport::PendingEvents& events) {
                 return notifications_.ProcessById(tx, completed_id, events);
               }),
               std::runtime_error);
}

TEST_F(NotificationsTest, OwnAttributeDeletedByOwnerMarksTheCopyAndItsPredecessors) {
  const auto [predecessor, successor] = PeerIdentityWithSuccessor();
  sink_.Clear();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", successor.id)}));
  EXPECT_EQ(processed.status, "Completed");
  EXPECT_EQ(StatusOf(Stored(successor.id)), deletion_status::kDeletedByEmitter);
  EXPECT_EQ(StatusOf(Stored(predecessor.id)), deletion_status::kDeletedByEmitter);
  ASSERT_EQ(EventNames(), (std::vector<std::string>{"consumption.ownAttributeDeletedByOwner"}));
  const auto events = sink_.Events();
  const auto& data = events[0].data.as_object();
  EXPECT_EQ(data.at("id"), js::value(successor.id));
  EXPECT_EQ(data.at("deletionInfo").at("deletionStatus"), js::value("DeletedByEmitter"));
}

TEST_F(NotificationsTest, OwnAttributeDeletedByOwnerLeavesACopyToBeDeletedAlone) {
  const auto copy = PeerIdentity(AttributesController::GenerateId(), "Anna");
  InTx([&](storage::Transaction& tx, transport::PendingEvents&) {
    controller_->SetPeerDeletionInfo(tx, copy, {std::string(deletion_status::kToBeDeleted), "2030-01-01T00:00:00.000Z"});
    return 0;
  });
  sink_.Clear();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(), js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", copy.id)}));
  EXPECT_EQ(processed.status, "Completed");
  EXPECT_EQ(StatusOf(Stored(copy.id)), deletion_status::kToBeDeleted);
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(NotificationsTest, OwnAttributeDeletedByOwnerFromAnotherPeerIsRefused) {
  const auto copy = PeerIdentity(AttributesController::GenerateId(), "Anna");
  const auto processed =
      ReceiveAndProcess(ReceivedMessage(LocalNotification::GenerateId(),
                                        js::array{DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", copy.id)}, kOther));
  EXPECT_EQ(processed.status, "Error");
  EXPECT_EQ(StatusOf(Stored(copy.id)), "none");
}

TEST_F(NotificationsTest, PeerRelationshipAttributeDeletedByPeerMarksMyRelationshipAttribute) {
  const auto owned = OwnRelationship();
  sink_.Clear();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{DeletedItem("PeerRelationshipAttributeDeletedByPeerNotificationItem", owned.id)}));
  EXPECT_EQ(processed.status, "Completed");
  EXPECT_EQ(StatusOf(Stored(owned.id)), deletion_status::kDeletedByRecipient);
  ASSERT_EQ(EventNames(), (std::vector<std::string>{"consumption.peerRelationshipAttributeDeletedByPeer"}));
  EXPECT_EQ(sink_.Events()[0].data.at("deletionInfo").at("deletionStatus"), "DeletedByRecipient");

  // A peer identity attribute is the wrong kind for this item.
  const auto copy = PeerIdentity(AttributesController::GenerateId(), "Anna");
  EXPECT_EQ(ReceiveAndProcess(ReceivedMessage(LocalNotification::GenerateId(),
                                              js::array{DeletedItem("PeerRelationshipAttributeDeletedByPeerNotificationItem",
                                                                    copy.id)}))
                .status,
            "Error");
}

TEST_F(NotificationsTest, ForwardedAttributeDeletedByPeerMarksTheForwardingDetails) {
  const auto own = OwnIdentityForwardedTo(kPeer);
  sink_.Clear();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{DeletedItem("ForwardedAttributeDeletedByPeerNotificationItem", own.id)}));
  EXPECT_EQ(processed.status, "Completed");
  {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    const auto details = controller_->ForwardingDetailsOf(*tx, own);
    ASSERT_EQ(details.size(), 1u);
    EXPECT_TRUE(details[0].HasDeletionStatus(deletion_status::kDeletedByRecipient));
    EXPECT_FALSE(controller_->IsForwardedToPeer(*tx, own, kPeer, false));
  }
  ASSERT_EQ(EventNames(), (std::vector<std::string>{"consumption.forwardedAttributeDeletedByPeer"}));
  EXPECT_EQ(sink_.Events()[0].data.at("id"), js::value(own.id));

  // A peer it was never forwarded to cannot report a deletion.
  const auto other = OwnIdentityForwardedTo(kPeer, "Other");
  sink_.Clear();
  EXPECT_EQ(ReceiveAndProcess(ReceivedMessage(LocalNotification::GenerateId(),
                                              js::array{DeletedItem("ForwardedAttributeDeletedByPeerNotificationItem",
                                                                    other.id)},
                                              kOther))
                .status,
            "Error");
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(NotificationsTest, ForwardedDeletionIsRolledBackWhenALaterItemFails) {
  const auto own = OwnIdentityForwardedTo(kPeer);
  const auto copy = PeerIdentity(AttributesController::GenerateId(), "Anna", kOther);  // not kPeer's
  sink_.Clear();
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{DeletedItem("ForwardedAttributeDeletedByPeerNotificationItem", own.id),
                DeletedItem("OwnAttributeDeletedByOwnerNotificationItem", copy.id)}));
  EXPECT_EQ(processed.status, "Error");
  auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
  const auto details = controller_->ForwardingDetailsOf(*tx, own);
  ASSERT_EQ(details.size(), 1u);
  EXPECT_FALSE(details[0].deletion_info);
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(NotificationsTest, ItemAboutAnUnknownAttributeCompletesWithoutEffect) {
  const auto processed = ReceiveAndProcess(ReceivedMessage(
      LocalNotification::GenerateId(),
      js::array{DeletedItem("PeerRelationshipAttributeDeletedByPeerNotificationItem", AttributesController::GenerateId()),
                DeletedItem("ForwardedAttributeDeletedByPeerNotificationItem", AttributesController::GenerateId())}));
  EXPECT_EQ(processed.status, "Completed");
  EXPECT_TRUE(sink_.Events().empty());
}

}  // namespace
}  // namespace nmshd::consumption::testing
