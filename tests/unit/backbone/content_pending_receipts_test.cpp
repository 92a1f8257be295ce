// The unreceived-message quota (20 per sender and recipient) reads one counter per pair
// (content_store.h, UnreceivedMessagesCounter) instead of scanning every message of the sender. These
// tests pin that the counters mirror the messages exactly: one up per recipient on send, one down
// when that recipient fetches the message (by id or by list) or when decomposition anonymizes the
// recipient, unchanged by a refused send, so the quota behaves as if it counted the messages.
#include "app/backbone_schema.h"
#include "content/content_common.h"
#include "content_test_support.h"
#include "storage/schema_migrator.h"

namespace nmshd::backbone::content::testing {
namespace {

class PendingReceiptsTest : public ContentTest {
 protected:
  void SetUp() override {
    ContentTest::SetUp();
    a_ = NewIdentity();
    b_ = NewIdentity();
    c_ = NewIdentity();
  }

  // An accepted relationship: `from` requested it from `to`'s template.
  std::string Active(const Identity& from, const Identity& to) {
    auto t = Call(to, "POST", "/api/v2/RelationshipTemplates", json::object{{"content", "AQID"}});
    auto r = Call(from, "POST", "/api/v2/Relationships",
                  json::object{{"relationshipTemplateId", t.result().at("id")}, {"creationContent", "AQID"}});
    EXPECT_EQ(r.status, 201) << Show(r);
    auto id = S(r.result().at("id"));
    EXPECT_EQ(Put(to, id, "Accept", {{"creationResponseContent", "AQID"}}).status, 200);
    return id;
  }

  Answer Put(const Identity& who, const std::string& id, const std::string& action, json::object body = {}) {
    return Call(who, "PUT", "/api/v2/Relationships/" + id + "/" + action, body);
  }

  Answer Send(const Identity& from, std::initializer_list<const Identity*> to) {
    json::array recipients;
    for (const auto* r : to) recipients.push_back(json::object{{"address", r->address()}, {"encryptedKey", Bytes(40, 'k')}});
    return Call(from, "POST", "/api/v2/Messages",
                json::object{{"recipients", std::move(recipients)}, {"body", B64("body")}, {"attachments", json::array{}}});
  }

  std::string SendOk(const Identity& from, std::initializer_list<const Identity*> to) {
    auto a = Send(from, to);
    EXPECT_EQ(a.status, 201) << Show(a);
    return a.status == 201 ? S(a.result().at("id")) : "";
  }

  // The pair's counter, straight from the database (adding 0 reads it).
  std::int64_t Pending(const Identity& from, const Identity& to) {
    return db_->AddToCounter(UnreceivedMessagesCounter(from.address(), to.address()), 0);
  }

  Identity a_, b_, c_;
};

TEST_F(PendingReceiptsTest, OnePerRecipientUntilThatRecipientFetchesTheMessage) {
  Active(b_, a_);
  Active(c_, a_);
  auto both = SendOk(a_, {&b_, &c_});
  auto only_b = SendOk(a_, {&b_});
  EXPECT_EQ(Pending(a_, b_), 2);
  EXPECT_EQ(Pending(a_, c_), 1);
  EXPECT_EQ(Pending(b_, a_), 0);

  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + both).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1);
  EXPECT_EQ(Pending(a_, c_), 1) << "c has not fetched it";
  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + both).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1) << "a second fetch changes nothing";
  ASSERT_EQ(Get(a_, "/api/v2/Messages/" + only_b).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1) << "the sender reading its own message is no receipt";

  ASSERT_EQ(Get(b_, "/api/v2/Messages").status, 200);  // the list marks b's entries received
  EXPECT_EQ(Pending(a_, b_), 0);
  ASSERT_EQ(Get(c_, "/api/v2/Messages?ids=" + both).status, 200);
  EXPECT_EQ(Pending(a_, c_), 0);
  EXPECT_EQ(CountOf(kPendingReceipts), 0u) << "no documents per receipt any more";
}

TEST_F(PendingReceiptsTest, QuotaPerPairFollowsTheReceipts) {
  Active(b_, a_);
  Active(c_, a_);
  std::string first;
  for (int i = 0; i < 20; ++i) {
    auto id = SendOk(a_, {&b_});
    if (i == 0) first = id;
  }
  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
  EXPECT_EQ(Send(a_, {&c_, &b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
  EXPECT_EQ(Pending(a_, b_), 20) << "a refused send counts nothing";
  EXPECT_EQ(Pending(a_, c_), 0) << "c was counted before b refused, and rolled back with the send";
  SendOk(a_, {&c_});  // another recipient has its own quota
  SendOk(b_, {&a_});  // and so has the other direction
  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + first).status, 200);
  SendOk(a_, {&b_});
  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
}

TEST_F(PendingReceiptsTest, FullDecompositionReleasesTheQuotaOfThePair) {
  auto rel = Active(b_, a_);
  for (int i = 0; i < 20; ++i) SendOk(a_, {&b_});
  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
  ASSERT_EQ(Put(a_, rel, "Terminate").status, 200);
  ASSERT_EQ(Put(b_, rel, "Decompose").status, 200);
  EXPECT_EQ(Pending(a_, b_), 20) << "the recipient is not anonymized before both sides decomposed";
  ASSERT_EQ(Put(a_, rel, "Decompose").status, 200);
  EXPECT_EQ(Pending(a_, b_), 0);

  Advance(std::chrono::seconds(1));  // the new relationship must be the youngest of the pair
  Active(b_, a_);                     // and the old, anonymized messages do not count
  for (int i = 0; i < 20; ++i) SendOk(a_, {&b_});
  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
}

// A database of schema version 0 kept a pendingReceipts document per unreceived message; the
// migration to version 1 turns them into the counters, so a full quota stays full.
TEST_F(PendingReceiptsTest, MigratingAVersion0DatabaseKeepsItsQuotas) {
  Active(b_, a_);
  Active(c_, a_);
  ASSERT_EQ(db_->SchemaVersion(), 0);
  const auto legacy_receipt = [&](const Identity& from, const Identity& to, int n) {
    const std::string message = "MSG" + std::to_string(1000 + n);
    const std::string pair = from.address() + "|" + to.address();
    db_->Insert(kPendingReceipts, message + "|" + pair, json::object{{"pair", pair}, {"messageId", message}});
  };
  for (int i = 0; i < 20; ++i) legacy_receipt(a_, b_, i);
  legacy_receipt(a_, c_, 20);
  legacy_receipt(b_, a_, 21);

  EXPECT_EQ(storage::MigrateSchema(*db_, BackboneMigrations()), 1);
  EXPECT_EQ(BackboneSchemaVersion(), 1);
  EXPECT_EQ(CountOf(kPendingReceipts), 0u);
  EXPECT_EQ(Pending(a_, b_), 20);
  EXPECT_EQ(Pending(a_, c_), 1);
  EXPECT_EQ(Pending(b_, a_), 1);
  EXPECT_EQ(storage::MigrateSchema(*db_, BackboneMigrations()), 1);  // done once only
  EXPECT_EQ(Pending(a_, b_), 20);

  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
  SendOk(a_, {&c_});
  EXPECT_EQ(Pending(a_, c_), 2);
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
