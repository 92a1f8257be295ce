// The unreceived-message quota (20 per sender and recipient) counts the pendingReceipts documents
// (content_store.h) instead of scanning every message of the sender. These tests pin that the
// receipts mirror the messages exactly: created per recipient on send, removed when that recipient
// fetches the message (by id or by list), removed when decomposition anonymizes the recipient, so
// the quota behaves as before the index existed.
#include "content/content_common.h"
#include "content_test_support.h"

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

  // pendingReceipts of the pair, straight from the database.
  std::uint64_t Pending(const Identity& from, const Identity& to) {
    return db_->Count(kPendingReceipts, storage::Filter().Where(storage::Condition::Equals(
                                            "pair", json::string(from.address() + "|" + to.address()))));
  }

  Identity a_, b_, c_;
};

TEST_F(PendingReceiptsTest, OnePerRecipientUntilThatRecipientFetchesTheMessage) {
  Active(b_, a_);
  Active(c_, a_);
  auto both = SendOk(a_, {&b_, &c_});
  auto only_b = SendOk(a_, {&b_});
  EXPECT_EQ(Pending(a_, b_), 2u);
  EXPECT_EQ(Pending(a_, c_), 1u);
  EXPECT_EQ(CountOf(kPendingReceipts), 3u);

  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + both).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1u);
  EXPECT_EQ(Pending(a_, c_), 1u) << "c has not fetched it";
  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + both).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1u) << "a second fetch changes nothing";
  ASSERT_EQ(Get(a_, "/api/v2/Messages/" + only_b).status, 200);
  EXPECT_EQ(Pending(a_, b_), 1u) << "the sender reading its own message is no receipt";

  ASSERT_EQ(Get(b_, "/api/v2/Messages").status, 200);  // the list marks b's entries received
  EXPECT_EQ(Pending(a_, b_), 0u);
  ASSERT_EQ(Get(c_, "/api/v2/Messages?ids=" + both).status, 200);
  EXPECT_EQ(CountOf(kPendingReceipts), 0u);
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
  EXPECT_EQ(Pending(a_, b_), 20u) << "the recipient is not anonymized before both sides decomposed";
  ASSERT_EQ(Put(a_, rel, "Decompose").status, 200);
  EXPECT_EQ(Pending(a_, b_), 0u);

  Advance(std::chrono::seconds(1));  // the new relationship must be the youngest of the pair
  Active(b_, a_);                     // and the old, anonymized messages do not count
  for (int i = 0; i < 20; ++i) SendOk(a_, {&b_});
  EXPECT_EQ(Send(a_, {&b_}).code(), "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
