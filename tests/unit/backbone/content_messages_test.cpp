// Messages through the real routes: validation, the relationship rules, MessageReceived events
// (blocked while Pending/Terminated, released on Active, dropped on Rejected/Revoked), the unread
// quota, receivedAt, per-recipient views, lists and what decomposition does to messages.
#include "content/content_common.h"
#include "content_test_support.h"

namespace nmshd::backbone::content::testing {
namespace {

class MessagesTest : public ContentTest {
 protected:
  // A relationship a_ -> b_ in the given state ("Pending", "Active", "Terminated", "Rejected").
  std::string Relationship(const Identity& a, const Identity& b, const std::string& state) {
    auto t = Call(b, "POST", "/api/v2/RelationshipTemplates", json::object{{"content", "AQID"}});
    auto r = Call(
        a, "POST", "/api/v2/Relationships",
        json::object{{"relationshipTemplateId", t.result().at("id")}, {"creationContent", "AQID"}});
    EXPECT_EQ(r.status, 201) << Show(r);
    auto id = S(r.result().at("id"));
    if (state == "Rejected") {
      EXPECT_EQ(Put(b, id, "Reject").status, 200);
    }
    if (state == "Active" || state == "Terminated") {
      EXPECT_EQ(Put(b, id, "Accept", {{"creationResponseContent", "AQID"}}).status, 200);
    }
    if (state == "Terminated") {
      EXPECT_EQ(Put(a, id, "Terminate").status, 200);
    }
    return id;
  }

  Answer Put(const Identity& who, const std::string& id, const std::string& action,
             json::object body = {}) {
    return Call(who, "PUT", "/api/v2/Relationships/" + id + "/" + action, body);
  }

  static json::object Recipient(const Identity& who, std::size_t key_bytes = 40) {
    return json::object{{"address", who.address()}, {"encryptedKey", Bytes(key_bytes, 'k')}};
  }

  Answer Send(const Identity& from, json::array recipients, std::string body_b64 = "",
              json::array attachments = {}) {
    if (body_b64.empty()) body_b64 = B64("message body");
    return Call(from, "POST", "/api/v2/Messages",
                json::object{{"recipients", std::move(recipients)},
                             {"body", body_b64},
                             {"attachments", std::move(attachments)}});
  }

  std::string SendOk(const Identity& from, const Identity& to) {
    auto a = Send(from, json::array{Recipient(to)});
    EXPECT_EQ(a.status, 201) << Show(a);
    return a.status == 201 ? S(a.result().at("id")) : "";
  }

  std::vector<json::object> MessageEvents(const Identity& who) {
    std::vector<json::object> out;
    for (auto& e : EventsOf(who.address())) {
      if (e.at("type") == "MessageReceived") out.push_back(e);
    }
    return out;
  }

  void ExpectRejected(const Answer& a, const std::string& code, const std::string& part = "") {
    EXPECT_EQ(a.status, 400) << Show(a);
    EXPECT_EQ(a.code(), code) << Show(a);
    if (!part.empty()) {
      EXPECT_NE(a.message().find(part), std::string::npos) << a.message();
    }
  }

  Identity a_ = NewIdentity();
  Identity b_ = NewIdentity();
  Identity c_ = NewIdentity();
};

TEST_F(MessagesTest, SendToAnActivePeerNotifiesTheRecipient) {
  auto rel = Relationship(a_, b_, "Active");
  auto sent = Send(a_, json::array{Recipient(b_)}, "AQID",
                   json::array{json::object{{"id", core::GenerateBackboneId("FIL")}}});
  ASSERT_EQ(sent.status, 201) << Show(sent);
  auto id = S(sent.result().at("id"));
  EXPECT_TRUE(core::IsBackboneId(id, "MSG"));
  EXPECT_EQ(nmshd::json::Stringify(sent.result()),
            R"({"id":")" + id + R"(","createdAt":")" + FormatIsoUtc(now_) + "\"}");
  auto events = MessageEvents(b_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")), R"({"id":")" + id + "\"}");
  EXPECT_EQ(S(events[0].at("context")), rel);
  EXPECT_FALSE(events[0].at("isDeliveryBlocked").as_bool());
}

TEST_F(MessagesTest, ReadingSetsReceivedAtOnceAndRecipientsSeeOnlyThemselves) {
  Relationship(a_, b_, "Active");
  Relationship(c_, a_, "Active");
  auto sent = Send(a_, json::array{Recipient(b_), Recipient(c_)});
  ASSERT_EQ(sent.status, 201) << Show(sent);
  auto id = S(sent.result().at("id"));
  auto sent_at = FormatIsoUtc(now_);

  Advance(std::chrono::seconds(5));
  auto for_b = Get(b_, "/api/v2/Messages/" + id);
  ASSERT_EQ(for_b.status, 200) << Show(for_b);
  EXPECT_EQ(nmshd::json::Stringify(for_b.result()),
            R"({"id":")" + id + R"(","createdAt":")" + sent_at + R"(","createdBy":")" +
                a_.address() + R"(","createdByDevice":")" + a_.caller.device_id + R"(","body":")" +
                B64("message body") + R"(","attachments":[],"recipients":[{"address":")" +
                b_.address() + R"(","encryptedKey":")" + Bytes(40, 'k') + R"(","receivedAt":")" +
                FormatIsoUtc(now_) + R"(","receivedByDevice":")" + b_.caller.device_id + R"("}]})");
  auto first_read = FormatIsoUtc(now_);
  Advance(std::chrono::seconds(5));
  EXPECT_EQ(S(Get(b_, "/api/v2/Messages/" + id + "?noBody=true")
                  .result()
                  .at("recipients")
                  .at(0)
                  .at("receivedAt")),
            first_read);

  auto for_sender = Get(a_, "/api/v2/Messages/" + id);
  ASSERT_EQ(for_sender.result().at("recipients").as_array().size(), 2u);
  EXPECT_EQ(S(for_sender.result().at("recipients").at(0).at("receivedAt")), first_read);
  EXPECT_TRUE(for_sender.result().at("recipients").at(1).at("receivedAt").is_null());

  auto stranger = NewIdentity();
  EXPECT_EQ(Get(stranger, "/api/v2/Messages/" + id).status, 404);
  EXPECT_EQ(Get(stranger, "/api/v2/Messages/" + core::GenerateBackboneId("MSG")).code(),
            "error.platform.recordNotFound");
  EXPECT_EQ(Get(b_, "/api/v2/Messages/" + id + "?noBody=maybe").code(),
            "error.platform.inputCannotBeParsed");
  EXPECT_EQ(Get(b_, "/api/v2/Messages/abc").code(),
            "error.platform.validation.invalidPropertyValue");
}

TEST_F(MessagesTest, ValidationErrorsWriteNothing) {
  Relationship(a_, b_, "Active");
  ExpectRejected(Send(a_, json::array{}), "error.platform.validation.invalidPropertyValue",
                 "'count' must be between 1 and 5. You entered 0.");
  config_.limits.maxNumberOfMessageRecipients = 1;
  ExpectRejected(Send(a_, json::array{Recipient(b_), Recipient(c_)}),
                 "error.platform.validation.invalidPropertyValue",
                 "'count' must be between 1 and 1. You entered 2.");
  ExpectRejected(Send(a_, json::array{Recipient(b_), Recipient(b_)}),
                 "error.platform.validation.invalidPropertyValue",
                 "The same item cannot be added more than once.");
  ExpectRejected(
      Send(a_, json::array{json::object{{"address", "did:e:x"}, {"encryptedKey", Bytes(40)}}}),
      "error.platform.validation.invalidPropertyValue", "'address'");
  ExpectRejected(Send(a_, json::array{Recipient(b_, 29)}),
                 "error.platform.validation.invalidPropertyValue",
                 "'encryptedKey' must be between 30 and 300 bytes long. You entered 29 bytes.");
  ExpectRejected(Send(a_, json::array{Recipient(b_, 301)}),
                 "error.platform.validation.invalidPropertyValue");
  ExpectRejected(Call(a_, "POST", "/api/v2/Messages",
                      json::object{{"recipients", json::array{Recipient(b_)}}, {"body", ""}}),
                 "error.platform.validation.invalidPropertyValue", "'body' must be between 1 and");
  config_.limits.maxContentBytes = 64;
  ExpectRejected(Send(a_, json::array{Recipient(b_)}, Bytes(65)),
                 "error.platform.validation.invalidPropertyValue");
  ExpectRejected(
      Send(a_, json::array{Recipient(b_)}, "", json::array{json::object{{"id", "FILE"}}}),
      "error.platform.validation.invalidPropertyValue");
  json::array many;
  for (int i = 0; i < 21; ++i)
    many.push_back(json::object{{"id", core::GenerateBackboneId("FIL")}});
  ExpectRejected(Send(a_, json::array{Recipient(b_)}, "", many),
                 "error.platform.validation.invalidPropertyValue",
                 "'count' must be between 0 and 20. You entered 21.");
  ExpectRejected(Call(a_, "POST", "/api/v2/Messages",
                      json::object{{"recipients", json::array{Recipient(b_)}}}),
                 "error.platform.inputCannotBeParsed", "body");
  ExpectRejected(
      Call(a_, "POST", "/api/v2/Messages",
           json::object{{"recipients", json::array{json::object{{"address", b_.address()}}}},
                        {"body", "AQID"}}),
      "error.platform.inputCannotBeParsed", "encryptedKey");
  ExpectRejected(
      Call(a_, "POST", "/api/v2/Messages", json::object{{"recipients", "x"}, {"body", "AQID"}}),
      "error.platform.inputCannotBeParsed");
  ExpectRejected(Call(&a_, "POST", "/api/v2/Messages", "[1,2"),
                 "error.platform.inputCannotBeParsed");
  EXPECT_EQ(CountOf(kMessages), 0u);
  EXPECT_TRUE(MessageEvents(b_).empty());
}

TEST_F(MessagesTest, OnlyPeersReceiveMessages) {
  auto a = Send(a_, json::array{Recipient(c_)});
  ExpectRejected(
      a, "error.platform.validation.message.noRelationshipToRecipientExists",
      "Cannot send message to " + c_.address() + " because there is no relationship to it.");
  Relationship(a_, b_, "Rejected");
  ExpectRejected(Send(a_, json::array{Recipient(b_)}),
                 "error.platform.validation.message.relationshipToRecipientNotActive");
  EXPECT_EQ(CountOf(kMessages), 0u);
  EXPECT_TRUE(MessageEvents(c_).empty());
}

TEST_F(MessagesTest, PendingBlocksDeliveryUntilAccepted) {
  auto rel = Relationship(a_, b_, "Pending");
  // The template owner may already write to the requestor (e.g. the response flow).
  SendOk(b_, a_);
  SendOk(a_, b_);
  auto events = MessageEvents(b_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].at("isDeliveryBlocked").as_bool());
  ASSERT_EQ(Put(b_, rel, "Accept", {{"creationResponseContent", "AQID"}}).status, 200);
  for (auto& e : MessageEvents(b_)) EXPECT_FALSE(e.at("isDeliveryBlocked").as_bool());
  for (auto& e : MessageEvents(a_)) EXPECT_FALSE(e.at("isDeliveryBlocked").as_bool());
}

TEST_F(MessagesTest, RejectedOrRevokedDropsTheBlockedEvents) {
  auto rejected = Relationship(a_, b_, "Pending");
  SendOk(a_, b_);
  ASSERT_EQ(MessageEvents(b_).size(), 1u);
  ASSERT_EQ(Put(b_, rejected, "Reject").status, 200);
  EXPECT_TRUE(MessageEvents(b_).empty());

  auto revoked = Relationship(a_, c_, "Pending");
  SendOk(c_, a_);
  ASSERT_EQ(MessageEvents(a_).size(), 1u);
  ASSERT_EQ(Put(a_, revoked, "Revoke").status, 200);
  EXPECT_TRUE(MessageEvents(a_).empty());
}

TEST_F(MessagesTest, TerminatedBlocksUntilReactivated) {
  auto rel = Relationship(a_, b_, "Terminated");
  SendOk(a_, b_);
  ASSERT_TRUE(MessageEvents(b_).at(0).at("isDeliveryBlocked").as_bool());
  ASSERT_EQ(Put(a_, rel, "Reactivate").status, 200);
  ASSERT_EQ(Put(b_, rel, "Reactivate/Reject").status, 200);
  EXPECT_TRUE(MessageEvents(b_).at(0).at("isDeliveryBlocked").as_bool());
  ASSERT_EQ(Put(a_, rel, "Reactivate").status, 200);
  ASSERT_EQ(Put(b_, rel, "Reactivate/Accept").status, 200);
  EXPECT_FALSE(MessageEvents(b_).at(0).at("isDeliveryBlocked").as_bool());
}

TEST_F(MessagesTest, AtMostTwentyUnreceivedMessagesPerSender) {
  Relationship(a_, b_, "Active");
  std::string first;
  for (int i = 0; i < 20; ++i) {
    auto id = SendOk(a_, b_);
    if (i == 0) first = id;
  }
  auto refused = Send(a_, json::array{Recipient(b_)});
  ExpectRejected(refused, "error.platform.validation.message.maxNumberOfUnreceivedMessagesReached");
  EXPECT_EQ(CountOf(kMessages), 20u);
  SendOk(b_, a_);  // the quota is per direction
  ASSERT_EQ(Get(b_, "/api/v2/Messages/" + first).status, 200);
  SendOk(a_, b_);
}

TEST_F(MessagesTest, ListByIdsOrAllMarksTheCallersEntriesReceived) {
  Relationship(a_, b_, "Active");
  auto m1 = SendOk(a_, b_);
  Advance(std::chrono::seconds(1));
  auto m2 = SendOk(b_, a_);
  auto all = Get(b_, "/api/v2/Messages");
  ASSERT_EQ(all.status, 200) << Show(all);
  ASSERT_EQ(all.result().as_array().size(), 2u);
  EXPECT_EQ(S(all.result().at(0).at("id")), m1);
  EXPECT_FALSE(all.result().at(0).at("recipients").at(0).at("receivedAt").is_null());
  auto by_ids = Get(a_, "/api/v2/Messages?ids=" + m2 + "&ids=" + core::GenerateBackboneId("MSG"));
  ASSERT_EQ(by_ids.result().as_array().size(), 1u);
  EXPECT_EQ(Get(c_, "/api/v2/Messages?ids=" + m1).result().as_array().size(), 0u);
  EXPECT_EQ(Get(c_, "/api/v2/Messages?ids=nope").code(),
            "error.platform.validation.invalidPropertyValue");
  auto paged = Get(b_, "/api/v2/Messages?pageSize=1");
  EXPECT_EQ(nmshd::json::Stringify(paged.json.at("pagination")),
            R"({"pageNumber":1,"pageSize":1,"totalPages":2,"totalRecords":2})");
}

TEST_F(MessagesTest, DecompositionHidesMessagesAndFinallyAnonymizes) {
  auto rel = Relationship(a_, b_, "Active");
  auto from_a = SendOk(a_, b_);
  auto from_b = SendOk(b_, a_);
  ASSERT_EQ(Put(a_, rel, "Terminate").status, 200);
  auto unread = SendOk(a_, b_);  // blocked for b_
  ASSERT_EQ(MessageEvents(b_).size(), 2u);

  ASSERT_EQ(Put(b_, rel, "Decompose").status, 200);
  EXPECT_EQ(Get(b_, "/api/v2/Messages/" + from_a).status, 404)
      << "the decomposer no longer sees them";
  EXPECT_EQ(Get(b_, "/api/v2/Messages/" + from_b).status, 404);
  EXPECT_EQ(Get(a_, "/api/v2/Messages/" + from_a).status, 200);
  EXPECT_TRUE(MessageEvents(b_).empty())
      << "the decomposer's unsynced events of the relationship are dropped";
  auto sender_view = Get(a_, "/api/v2/Messages/" + unread);
  EXPECT_EQ(S(sender_view.result().at("recipients").at(0).at("address")), b_.address());

  ASSERT_EQ(Put(a_, rel, "Decompose").status, 200);
  EXPECT_EQ(Get(a_, "/api/v2/Messages/" + from_a).status, 404);
  auto anonymized = AnonymizedAddress("localhost");
  auto stored = db_->Get(kMessages, from_a);
  EXPECT_EQ(S(stored->at("createdBy")), anonymized);
  EXPECT_EQ(S(stored->at("recipients").at(0).at("address")), anonymized);
}

TEST(AnonymizedAddress, IsTheOfficialDeletedIdentityAddress) {
  // IdentityAddress.GetAnonymized("localhost"): UTF-16LE "deleted identity" as the key bytes.
  auto address = AnonymizedAddress("localhost");
  EXPECT_TRUE(core::IdentityAddress::IsValidForBackbone(address));
  EXPECT_EQ(address.rfind("did:e:localhost:dids:", 0), 0u);
  EXPECT_EQ(address, AnonymizedAddress("localhost"));
  EXPECT_NE(address, AnonymizedAddress("example.com"));
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
