// The connector's NotificationModule: inside the transaction that stores a message, a received
// Notification is recorded and processed (its events join the message's pending events), an own
// sent one is recorded as Sent; other content is ignored; a notification that cannot be recorded
// is logged without spoiling the message's transaction.
#include "attribute_store_fixture.h"
#include "connector/modules/notification_module.h"
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/notifications/notifications_controller.h"
#include "content/identity_attribute.h"
#include "storage/document_store.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:00000000000000000000a2";
constexpr const char* kDevice = "DVCAAAAAAAAAAAAAAAA1";

class NotificationModuleTest : public AttributeStoreTest {
 protected:
  NotificationModuleTest() : notifications_(*controller_, kDevice), module_(notifications_) {}

  LocalAttribute PeerIdentity() {
    const auto prepared = controller_->PreparePeerIdentityAttribute(
        content::IdentityAttribute::FromJson(js::object{{"@type", "IdentityAttribute"},
                                                        {"owner", kPeer},
                                                        {"value", {{"@type", "GivenName"}, {"value", "Anna"}}}}),
        kPeer);
    transport::PendingEvents events;
    return db_->WithTransaction([&](storage::Transaction& tx) {
      return controller_->InsertPeerIdentityAttribute(
          tx, prepared, {AttributesController::GenerateId(), kPeer, "REQAAAAAAAAAAAAAAAA1"}, events);
    });
  }
  static js::object Message(const std::string& message_id, bool own, const js::object& content) {
    return js::object{{"id", message_id},
                      {"isOwn", own},
                      {"content", content},
                      {"createdBy", own ? kSelf : kPeer},
                      {"recipients", js::array{js::object{{"address", own ? kPeer : kSelf}}}},
                      {"createdAt", "2026-01-02T03:04:05.678Z"}};
  }
  static js::object Notification(const std::string& id, const std::string& attribute_id) {
    return js::object{{"@type", "Notification"},
                      {"id", id},
                      {"items", js::array{js::object{{"@type", "OwnAttributeDeletedByOwnerNotificationItem"},
                                                     {"attributeId", attribute_id}}}}};
  }
  // Runs the received observer in a transaction that also writes a stand-in for the message, and
  // commits it; returns the pending events' names.
  std::vector<std::string> Receive(const js::object& message) {
    transport::PendingEvents events;
    db_->WithTransaction([&](storage::Transaction& tx) {
      tx.Upsert("messageStandIns", message.at("id").as_string(), message);
      module_.OnMessageReceived(tx, message, events);
      EXPECT_FALSE(tx.failed());
    });
    RecordingSink sink;
    events.PublishTo(sink);
    std::vector<std::string> names;
    for (const auto& e : sink.Events()) names.push_back(e.name);
    return names;
  }
  std::optional<LocalNotification> Stored(const std::string& id) {
    auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
    return notifications_.Get(*tx, id);
  }

  NotificationsController notifications_;
  connector::NotificationModule module_;
};

TEST_F(NotificationModuleTest, ReceivedNotificationIsRecordedAndProcessedWithTheMessage) {
  const auto copy = PeerIdentity();
  const auto id = LocalNotification::GenerateId();
  EXPECT_EQ(Receive(Message("MSGAAAAAAAAAAAAAAAA1", false, Notification(id, copy.id))),
            (std::vector<std::string>{"consumption.ownAttributeDeletedByOwner"}));
  const auto stored = Stored(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, "Completed");
  EXPECT_EQ(stored->source_reference, "MSGAAAAAAAAAAAAAAAA1");
  auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
  EXPECT_TRUE(controller_->Get(*tx, copy.id)->HasDeletionStatus(deletion_status::kDeletedByEmitter));
}

TEST_F(NotificationModuleTest, SecondMessageWithTheSameNotificationIdIsLoggedAndIgnored) {
  const auto id = LocalNotification::GenerateId();
  const auto unknown = AttributesController::GenerateId();
  EXPECT_TRUE(Receive(Message("MSGAAAAAAAAAAAAAAAA1", false, Notification(id, unknown))).empty());
  // The message's transaction still commits: its stand-in is stored.
  EXPECT_TRUE(Receive(Message("MSGAAAAAAAAAAAAAAAA2", false, Notification(id, unknown))).empty());
  auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
  EXPECT_TRUE(tx->Get("messageStandIns", "MSGAAAAAAAAAAAAAAAA2"));
  EXPECT_EQ(Stored(id)->source_reference, "MSGAAAAAAAAAAAAAAAA1");
}

TEST_F(NotificationModuleTest, OtherContentAndInvalidNotificationsLeaveNoRecord) {
  EXPECT_TRUE(Receive(Message("MSGAAAAAAAAAAAAAAAA1", false, js::object{{"@type", "Mail"}})).empty());
  // No items: not a valid Notification; logged, nothing stored.
  EXPECT_TRUE(Receive(Message("MSGAAAAAAAAAAAAAAAA2", false,
                              js::object{{"@type", "Notification"}, {"id", "NOTAAAAAAAAAAAAAAAA1"}, {"items", js::array{}}}))
                  .empty());
  EXPECT_FALSE(Stored("NOTAAAAAAAAAAAAAAAA1"));
  auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
  EXPECT_EQ(tx->Count(NotificationsController::kCollection), 0u);
}

TEST_F(NotificationModuleTest, SentNotificationIsRecordedAsSentOnce) {
  const auto id = LocalNotification::GenerateId();
  const auto message = Message("MSGAAAAAAAAAAAAAAAA1", true, Notification(id, AttributesController::GenerateId()));
  for (int i = 0; i < 2; ++i) {
    db_->WithTransaction([&](storage::Transaction& tx) {
      module_.OnMessageSent(tx, message);
      EXPECT_FALSE(tx.failed());
    });
  }
  const auto stored = Stored(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, "Sent");
  EXPECT_TRUE(stored->is_own);
  EXPECT_EQ(stored->peer, kPeer);
  EXPECT_FALSE(stored->received_by_device);
}

}  // namespace
}  // namespace nmshd::consumption::testing
