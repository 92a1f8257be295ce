// Messages end to end: two identities with an Active relationship on our Backbone, real sealing,
// sync with the external-event ledger.
#include <gtest/gtest.h>

#include <any>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "transport/backbone/backbone_error.h"
#include "transport/modules/files_messages_test_support.h"
#include "transport/modules/relationships/relationship_channel.h"
#include "transport/transmission/message_seal.h"

namespace nmshd::transport::testing {
namespace {

namespace js = boost::json;

class MessagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { backbone_ = new TestBackbone(); }
  static void TearDownTestSuite() {
    delete backbone_;
    backbone_ = nullptr;
  }
  void SetUp() override {
    a_ = std::make_unique<FileMessageNode>(*backbone_, "messages-a");
    b_ = std::make_unique<FileMessageNode>(*backbone_, "messages-b");
    relationship_id_ = EstablishRelationship(a_->node, b_->node);
    a_->events().Clear();
    b_->events().Clear();
  }

  // The transmit counter of `node`'s secrets for the relationship.
  std::uint64_t TransmitCounter(FileMessageNode& node) {
    auto tx = node.identity().db().Begin(storage::TransactionMode::kReadOnly);
    auto channel = LoadRelationshipChannel(*tx, node.identity().box(), relationship_id_);
    EXPECT_TRUE(channel.has_value());
    return channel ? channel->secrets.parts().transmit_state.counter() : 0;
  }

  static std::vector<std::string> Ids(const js::array& list) {
    std::vector<std::string> out;
    for (const auto& m : list) out.emplace_back(m.at("id").as_string());
    return out;
  }

  std::string Upload(FileMessageNode& node, const std::string& content, const std::string& name) {
    return std::string(node.files.UploadOwn(FileInput(content, name)).at("id").as_string());
  }

  // A sends `count` mails "Message <i>" to B, `attachment` (unless empty) on every third; their ids.
  std::vector<std::string> SendMailsFromAToB(int count, const std::string& attachment = "") {
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
      js::object body{{"recipients", js::array{b_->address().c_str()}},
                      {"content", MailTo(b_->address(), "Message " + std::to_string(i))}};
      if (!attachment.empty() && i % 3 == 0) body["attachments"] = js::array{attachment.c_str()};
      ids.emplace_back(a_->messages.Send(body).at("id").as_string());
    }
    return ids;
  }

  // The ids of the messages `node` announced as received, in the order of the announcements.
  static std::vector<std::string> ReceivedAnnouncements(FileMessageNode& node) {
    std::vector<std::string> ids;
    for (const auto& e : node.events().Events()) {
      if (e.name == "transport.messageReceived") ids.emplace_back(e.data.at("id").as_string());
    }
    return ids;
  }

  // For a test's own sync engine: B's MessageReceived processor and prefetch, counted.
  struct PrefetchCounts {
    std::atomic<int> prefetches{0};
    int applied_with_prefetch = 0;
    std::vector<std::string> applied;  // event types in the order they were applied
  };
  void RegisterCountedMessageReceived(SyncEngine& engine, PrefetchCounts& counts) {
    engine.Register(
        "MessageReceived",
        [this, &counts](const ExternalEvent& event, EventApplier& applier) {
          counts.applied.push_back(event.type);
          if (applier.prefetched().has_value()) ++counts.applied_with_prefetch;
          b_->messages.ProcessMessageReceived(event, applier);
        },
        [this, &counts](const ExternalEvent& event) -> std::any {
          ++counts.prefetches;
          return b_->messages.ReadReceivedMessage(event);
        });
  }

  static TestBackbone* backbone_;
  std::unique_ptr<FileMessageNode> a_;
  std::unique_ptr<FileMessageNode> b_;
  std::string relationship_id_;
};

TestBackbone* MessagesTest::backbone_ = nullptr;

// Sends running at once take turns only for sealing and storing the advanced counter, and wait for
// its flush after their turn: every send still gets a counter of its own and every message arrives.
TEST_F(MessagesTest, ConcurrentSendsEachAdvanceTheCounterOnceAndAllArrive) {
  const auto before = TransmitCounter(*a_);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 4;  // 16: below the Backbone's 20 unreceived messages per sender
  std::vector<std::thread> senders;
  std::mutex ids_mutex;
  std::set<std::string> ids;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    senders.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        try {
          const auto text = "Message " + std::to_string(t) + "-" + std::to_string(i);
          auto sent = a_->messages.Send(
              js::object{{"recipients", js::array{b_->address().c_str()}}, {"content", MailTo(b_->address(), text)}});
          std::lock_guard lock(ids_mutex);
          ids.emplace(sent.at("id").as_string());
        } catch (...) {
          ++failures;
        }
      }
    });
  }
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(TransmitCounter(*a_), before + kThreads * kPerThread);

  const auto outcome = b_->sync().SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  const auto announced = ReceivedAnnouncements(*b_);
  EXPECT_EQ(std::set<std::string>(announced.begin(), announced.end()), ids);
  std::set<std::string> subjects;
  for (const auto& id : ids) subjects.emplace(b_->messages.GetDto(id).at("content").at("subject").as_string());
  EXPECT_EQ(subjects.size(), ids.size());
}

TEST_F(MessagesTest, MailWithAttachmentsTravelsBothWays) {
  const auto big = BinaryContent(123457);
  const auto file1 = Upload(*a_, big, "data.bin");
  const auto file2 = Upload(*a_, "", "empty.txt");
  const auto sent = a_->messages.Send(js::object{{"recipients", js::array{b_->address().c_str()}},
                                                 {"content", MailTo(b_->address())},
                                                 {"attachments", js::array{file1.c_str(), file2.c_str()}}});
  std::vector<std::string> keys;
  for (const auto& m : sent) keys.emplace_back(m.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "isOwn", "content", "createdBy", "createdByDevice", "recipients",
                                            "createdAt", "attachments"}));
  const std::string id(sent.at("id").as_string());
  EXPECT_TRUE(id.starts_with("MSG"));
  EXPECT_EQ(sent.at("isOwn"), true);
  EXPECT_EQ(sent.at("content"), (js::object{{"@type", "Mail"},
                                            {"body", "Dear peer"},
                                            {"cc", js::array{}},
                                            {"subject", "Hello"},
                                            {"to", js::array{b_->address().c_str()}}}));
  EXPECT_EQ(sent.at("createdBy"), js::value(a_->address()));
  EXPECT_EQ(sent.at("recipients"),
            (js::array{js::object{{"address", b_->address()}, {"relationshipId", relationship_id_}}}));
  EXPECT_EQ(sent.at("attachments"), (js::array{file1.c_str(), file2.c_str()}));
  ASSERT_EQ(a_->events().Count("transport.messageSent"), 1u);
  EXPECT_EQ(a_->events().Events().back().data, sent);

  const auto outcome = b_->sync().SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  ASSERT_EQ(b_->events().Count("transport.messageReceived"), 1u);
  const auto received = b_->messages.GetDto(id);
  EXPECT_EQ(received.at("isOwn"), false);
  EXPECT_EQ(received.at("content"), sent.at("content"));
  EXPECT_EQ(received.at("createdBy"), js::value(a_->address()));
  EXPECT_EQ(received.at("createdByDevice"), sent.at("createdByDevice"));
  EXPECT_EQ(received.at("createdAt"), sent.at("createdAt"));
  const auto& recipient = received.at("recipients").as_array().at(0).as_object();
  EXPECT_EQ(recipient.at("address"), js::value(b_->address()));
  EXPECT_EQ(recipient.at("relationshipId"), js::value(relationship_id_));
  EXPECT_TRUE(recipient.contains("receivedAt"));
  EXPECT_EQ(recipient.at("receivedByDevice"), js::value(b_->identity().account().device().id));
  // MessageWithAttachmentsDTO: the attachments as FileDTOs of peer files.
  const auto& attachments = received.at("attachments").as_array();
  ASSERT_EQ(attachments.size(), 2u);
  EXPECT_EQ(attachments[0].at("id"), js::value(file1));
  EXPECT_EQ(attachments[0].at("isOwn"), false);
  EXPECT_EQ(attachments[0].at("filename"), "data.bin");
  EXPECT_EQ(attachments[1].at("filesize"), 0);
  EXPECT_EQ(b_->events().Events().back().data, b_->messages.List({}).at(0));
  EXPECT_EQ(b_->messages.DownloadAttachment(id, file1).content, big);
  EXPECT_EQ(b_->messages.DownloadAttachment(id, file2).content, "");
  EXPECT_EQ(b_->messages.GetAttachment(id, file1).at("filesize"), 123457);
  EXPECT_EQ(b_->files.List({}, false).size(), 2u);

  // A repeated sync changes nothing.
  b_->sync().SyncEverything();
  EXPECT_EQ(b_->events().Count("transport.messageReceived"), 1u);
  EXPECT_EQ(b_->messages.List({}).size(), 1u);

  // The answer with B's own attachments.
  const auto reply1 = BinaryContent(4096);
  const auto file3 = Upload(*b_, reply1, "r1.bin");
  const auto file4 = Upload(*b_, "second", "r2.txt");
  const auto reply = b_->messages.Send(js::object{
      {"recipients", js::array{a_->address().c_str()}},
      {"content", js::object{{"@type", "ArbitraryMessageContent"}, {"value", js::object{{"z", 1}, {"a", 2}}}}},
      {"attachments", js::array{file3.c_str(), file4.c_str()}}});
  a_->sync().SyncEverything();
  ASSERT_EQ(a_->events().Count("transport.messageReceived"), 1u);
  const std::string reply_id(reply.at("id").as_string());
  EXPECT_EQ(a_->messages.GetDto(reply_id).at("content"), reply.at("content"));
  EXPECT_EQ(js::serialize(a_->messages.GetDto(reply_id).at("content")),
            R"({"@type":"ArbitraryMessageContent","value":{"z":1,"a":2}})");
  EXPECT_EQ(a_->messages.DownloadAttachment(reply_id, file3).content, reply1);
  EXPECT_EQ(a_->messages.DownloadAttachment(reply_id, file4).content, "second");
  EXPECT_EQ(a_->messages.List({}).size(), 2u);
}

TEST_F(MessagesTest, EventProcessedBeforeACrashIsAppliedOnce) {
  const auto sent = a_->messages.Send(
      js::object{{"recipients", js::array{b_->address().c_str()}}, {"content", MailTo(b_->address())}});
  // A sync whose process dies after the local commit, before the run is finalized: the Backbone
  // hands the event out again.
  SyncEngine crashing(b_->identity().ctx());
  crashing.Register("MessageReceived", [&](const ExternalEvent& event, EventApplier& applier) {
    b_->messages.ProcessMessageReceived(event, applier);
    throw std::runtime_error("crash before finalize");
  });
  // The failed run is finalized with an error, so the Backbone offers the event again in the next
  // run of the same sync: the ledger turns it into an acknowledged no-op.
  const auto outcome = crashing.SyncEverything();
  EXPECT_EQ(outcome.runs, 2);
  EXPECT_EQ(outcome.events, 2);
  EXPECT_EQ(outcome.failed_events, 1);
  EXPECT_EQ(b_->messages.List({}).size(), 1u);
  EXPECT_EQ(b_->events().Count("transport.messageReceived"), 1u);

  EXPECT_EQ(b_->sync().SyncEverything().events, 0);
  EXPECT_EQ(b_->messages.List({}).size(), 1u);
  EXPECT_EQ(b_->events().Count("transport.messageReceived"), 1u);
  EXPECT_EQ(b_->sync().SyncEverything().events, 0);
  EXPECT_EQ(b_->messages.GetDto(std::string(sent.at("id").as_string())).at("content"), sent.at("content"));
}

// More messages than one prefetch window: their reads run ahead, concurrently, and they are still
// stored and announced once each, in the order of the run.
TEST_F(MessagesTest, MessagesOfOneRunArePrefetchedAndAppliedInOrder) {
  constexpr int kCount = 18;  // two windows; the Backbone allows 20 unreceived messages per sender
  static_assert(kCount > static_cast<int>(SyncEngine::kPrefetchWindow));
  const auto file = Upload(*a_, "attached", "a.txt");
  const auto sent = SendMailsFromAToB(kCount, file);
  PrefetchCounts counts;
  SyncEngine engine(b_->identity().ctx());
  RegisterCountedMessageReceived(engine, counts);
  const auto outcome = engine.SyncEverything();
  EXPECT_EQ(outcome.events, kCount);
  EXPECT_EQ(outcome.failed_events, 0);
  EXPECT_EQ(counts.prefetches.load(), kCount);
  EXPECT_EQ(counts.applied_with_prefetch, kCount);
  EXPECT_EQ(ReceivedAnnouncements(*b_), sent);
  EXPECT_EQ(b_->messages.List({}).size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(b_->messages.DownloadAttachment(sent[3], file).content, "attached");
  EXPECT_EQ(b_->messages.GetDto(sent[17]).at("content").at("subject"), "Message 17");
  EXPECT_EQ(engine.SyncEverything().events, 0);
}

// A prefetch that fails (here two of six) costs nothing but time: its processor does the
// whole work in order, and nothing is stored twice.
TEST_F(MessagesTest, AFailedPrefetchLeavesTheEventToItsProcessor) {
  const auto sent = SendMailsFromAToB(6);
  std::atomic<int> calls{0};
  SyncEngine engine(b_->identity().ctx());
  engine.Register(
      "MessageReceived",
      [&](const ExternalEvent& event, EventApplier& applier) { b_->messages.ProcessMessageReceived(event, applier); },
      [&](const ExternalEvent& event) -> std::any {
        if (event.payload.at("id").as_string() == sent[1] || event.payload.at("id").as_string() == sent[4]) {
          throw CodedError("error.transport.recordNotFound", "'Relationship' not found.");
        }
        ++calls;
        return b_->messages.ReadReceivedMessage(event);
      });
  const auto outcome = engine.SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  EXPECT_EQ(calls.load(), 4);
  EXPECT_EQ(ReceivedAnnouncements(*b_), sent);
  EXPECT_EQ(b_->messages.List({}).size(), 6u);
}

// An event without a prefetch may change what later prefetches read (a decomposition before a
// message of that relationship): the messages after it in the window are read again, in order.
TEST_F(MessagesTest, PrefetchesAfterAnEventWithoutOneAreReadAgain) {
  // A third identity's relationship request gives B a RelationshipStatusChanged ahead of A's messages.
  FileMessageNode c(*backbone_, "messages-c");
  RequestRelationship(b_->node, c.node);
  const auto sent = SendMailsFromAToB(3);
  PrefetchCounts counts;
  SyncEngine engine(b_->identity().ctx());
  engine.Register("RelationshipStatusChanged",
                  [&](const ExternalEvent& event, EventApplier&) { counts.applied.push_back(event.type); });
  RegisterCountedMessageReceived(engine, counts);
  const auto outcome = engine.SyncEverything();
  EXPECT_EQ(outcome.failed_events, 0);
  EXPECT_EQ(counts.applied, (std::vector<std::string>{"RelationshipStatusChanged", "MessageReceived", "MessageReceived",
                                                      "MessageReceived"}));
  EXPECT_EQ(counts.prefetches.load(), 3);
  EXPECT_EQ(counts.applied_with_prefetch, 0);
  EXPECT_EQ(ReceivedAnnouncements(*b_), sent);
}

TEST_F(MessagesTest, CountersArePersistedAcrossRestarts) {
  const auto before = TransmitCounter(*a_);
  auto send = [&](Messages& messages, int n) {
    return messages.Send(js::object{{"recipients", js::array{b_->address().c_str()}},
                                    {"content", MailTo(b_->address(), "Message " + std::to_string(n))}});
  };
  for (int i = 0; i < 3; ++i) send(a_->messages, i);
  EXPECT_EQ(TransmitCounter(*a_), before + 3);
  {
    // Fresh module objects over the same database, as after a restart.
    Tokens tokens(a_->identity().ctx());
    Files files(a_->identity().ctx(), tokens);
    Messages messages(a_->identity().ctx(), files);
    for (int i = 3; i < 5; ++i) send(messages, i);
  }
  EXPECT_EQ(TransmitCounter(*a_), before + 5);
  EXPECT_EQ(b_->sync().SyncEverything().failed_events, 0);
  const auto received = b_->messages.List({{"content.subject", "^Message "}});
  ASSERT_EQ(received.size(), 5u);
  std::set<std::string> subjects;
  for (const auto& m : received) subjects.emplace(m.at("content").at("subject").as_string());
  EXPECT_EQ(subjects.size(), 5u);
}

TEST_F(MessagesTest, InvalidSendsWriteNothing) {
  const auto counter = TransmitCounter(*a_);
  FileMessageNode stranger(*backbone_, "messages-c");
  auto code = [&](const js::value& body, std::string* message) {
    return ErrorCodeOf([&] { a_->messages.Send(body); }, message);
  };
  std::string message;
  const js::array to_b{b_->address().c_str()};

  EXPECT_EQ(
      code(js::object{{"recipients", js::array{stranger.address().c_str()}}, {"content", MailTo(stranger.address())}},
           &message),
      "error.runtime.messages.hasNoActiveRelationship");
  EXPECT_EQ(message,
            "The Message cannot be sent as there is no active Relationship to the recipient(s) with the "
            "following address(es): '" +
                stranger.address() +
                "'. However, please note that Messages whose content is a Notification can be sent on "
                "terminated Relationships as well.");
  EXPECT_EQ(code(js::object{{"recipients", js::array{}}, {"content", MailTo(b_->address())}}, &message),
            "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(message, "recipients must NOT have fewer than 1 items");
  code(js::object{{"recipients", js::array{"did:e:nope"}}, {"content", MailTo(b_->address())}}, &message);
  EXPECT_EQ(message,
            "recipients/0 must match pattern "
            "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}");
  code(js::object{{"recipients", to_b}}, &message);
  EXPECT_EQ(message, "must have required property 'content'");
  code(js::object{{"recipients", to_b}, {"content", MailTo(b_->address())}, {"extra", 1}}, &message);
  EXPECT_EQ(message, "must NOT have additional properties");
  code(js::object{{"recipients", to_b}, {"content", js::object{{"subject", "no type"}}}}, &message);
  EXPECT_EQ(message,
            "The content of a Message must either be a Mail, Request, ResponseWrapper, Notification or an "
            "ArbitraryMessageContent.");
  EXPECT_EQ(code(js::object{{"recipients", to_b}, {"content", js::object{{"@type", "Unknown"}}}}, &message),
            "error.runtime.unknownType");
  EXPECT_EQ(
      code(js::object{{"recipients", to_b}, {"content", js::object{{"@type", "Mail"}, {"subject", "s"}}}}, &message),
      "error.runtime.requestDeserialization");
  EXPECT_EQ(message, "Mail.to :: Value is not defined");
  code(js::object{{"recipients", to_b}, {"content", MailTo(stranger.address())}}, &message);
  EXPECT_EQ(message, "The identities '" + b_->address() + "', '" + stranger.address() +
                         "' are not listed among both the Message recipients and the recipients in 'to'/'cc'.");
  EXPECT_EQ(code(js::object{{"recipients", to_b},
                            {"content", MailTo(b_->address())},
                            {"attachments", js::array{"FILaaaaaaaaaaaaaaaaa"}}},
                 &message),
            "error.runtime.recordNotFound");
  EXPECT_EQ(message, "File not found. Make sure the ID exists and the record is not expired.");

  EXPECT_TRUE(a_->messages.List({}).empty());
  EXPECT_EQ(TransmitCounter(*a_), counter);
  EXPECT_EQ(a_->events().Count("transport.messageSent"), 0u);
  EXPECT_EQ(b_->sync().SyncEverything().events, 0);
}

TEST_F(MessagesTest, TamperedMessageIsNotStored) {
  // A real envelope for B whose body was altered in transit.
  std::optional<SealedMessage> sealed;
  a_->identity().db().WithTransaction([&](storage::Transaction& tx) {
    auto channel = FindRelationshipChannelWithPeer(tx, a_->identity().box(), b_->address());
    ASSERT_TRUE(channel.has_value());
    std::vector<MessageRecipientSecrets> recipients{{b_->address(), std::ref(channel->secrets)}};
    sealed.emplace(SealMessage(MailTo(b_->address()), a_->address(), recipients, {}, core::CoreDate::Now()));
    StoreRelationshipChannelSecrets(tx, a_->identity().box(), channel->relationship_id, channel->secrets);
  });
  auto body = sealed->body;
  body[body.size() / 2] = body[body.size() / 2] == 'A' ? 'B' : 'A';
  a_->identity().backbone().Post(
      "/api/v2/Messages",
      js::object{{"attachments", js::array{}},
                 {"body", body},
                 {"recipients", js::array{js::object{{"address", b_->address()},
                                                     {"encryptedKey", sealed->recipients[0].encrypted_key}}}}});
  // Every attempt fails (the Backbone stops offering it after three); nothing is stored.
  const auto outcome = b_->sync().SyncEverything();
  EXPECT_EQ(outcome.failed_events, outcome.events);
  EXPECT_GE(outcome.failed_events, 1);
  EXPECT_TRUE(b_->messages.List({}).empty());
  EXPECT_EQ(b_->events().Count("transport.messageReceived"), 0u);
}

TEST_F(MessagesTest, AttachmentAndMessageLookupErrors) {
  const auto file = Upload(*a_, "abc", "a.txt");
  const auto other = Upload(*a_, "def", "b.txt");
  const auto sent = a_->messages.Send(js::object{{"recipients", js::array{b_->address().c_str()}},
                                                 {"content", MailTo(b_->address())},
                                                 {"attachments", js::array{file.c_str()}}});
  const std::string id(sent.at("id").as_string());
  std::string message;
  EXPECT_EQ(ErrorCodeOf([&] { a_->messages.GetAttachment(id, other); }, &message),
            "error.runtime.messages.fileNotFoundInMessage");
  EXPECT_EQ(message, "The requested File '" + other + "' was not found in the given Message.");
  EXPECT_EQ(ErrorCodeOf([&] { a_->messages.GetDto("MSGaaaaaaaaaaaaaaaaa"); }, &message),
            "error.runtime.recordNotFound");
  EXPECT_EQ(message, "Message not found. Make sure the ID exists and the record is not expired.");
  ErrorCodeOf([&] { a_->messages.GetDto("nope"); }, &message);
  EXPECT_EQ(message, "id must match pattern MSG[A-Za-z0-9]{17}");
  EXPECT_EQ(a_->messages.GetAttachment(id, file).at("isOwn"), true);
  EXPECT_EQ(a_->messages.DownloadAttachment(id, file).content, "abc");
}

TEST_F(MessagesTest, ListFilters) {
  const auto file = Upload(*a_, "abc", "a.txt");
  const auto m1 = a_->messages.Send(js::object{{"recipients", js::array{b_->address().c_str()}},
                                               {"content", MailTo(b_->address(), "First", "one")},
                                               {"attachments", js::array{file.c_str()}}});
  b_->sync().SyncEverything();
  const auto m2 = b_->messages.Send(js::object{{"recipients", js::array{a_->address().c_str()}},
                                               {"content", MailTo(a_->address(), "Second", "two")}});
  b_->sync().SyncEverything();
  const std::string id1(m1.at("id").as_string()), id2(m2.at("id").as_string());
  using V = std::vector<std::string>;
  auto& b = b_->messages;
  EXPECT_EQ(Ids(b.List({})), (V{id1, id2}));
  EXPECT_EQ(Ids(b.List({{"isOwn", "true"}})), (V{id2}));
  EXPECT_EQ(Ids(b.List({{"createdBy", a_->address()}})), (V{id1}));
  EXPECT_EQ(Ids(b.List({{"recipients.address", a_->address()}})), (V{id2}));
  EXPECT_EQ(Ids(b.List({{"recipients.relationshipId", relationship_id_}})), (V{id1, id2}));
  EXPECT_EQ(Ids(b.List({{"participant", a_->address()}})), (V{id1, id2}));
  EXPECT_EQ(Ids(b.List({{"participant", a_->address()}, {"isOwn", "false"}})), (V{id1}));
  EXPECT_EQ(Ids(b.List({{"participant", "did:e:localhost:dids:00000000000000000000aa"}})), V{});
  EXPECT_EQ(Ids(b.List({{"content.@type", "Mail"}, {"content.subject", "Second"}})), (V{id2}));
  EXPECT_EQ(Ids(b.List({{"content.body", "~ne"}})), (V{id1}));
  EXPECT_EQ(Ids(b.List({{"attachments", "+"}})), (V{id1}));
  EXPECT_EQ(Ids(b.List({{"attachments", file}})), (V{id1}));
  EXPECT_EQ(Ids(b.List({{"wasReadAt", "!"}})), (V{id1, id2}));
  EXPECT_EQ(Ids(b.List({{"createdAt", ">" + std::string(m2.at("createdAt").as_string())}})), V{});
  std::string message;
  ErrorCodeOf([&] { b.List({{"content.value", "x"}}); }, &message);
  EXPECT_EQ(message, "query must NOT have additional properties");
  ErrorCodeOf([&] { b.List({{"isOwn", "true"}, {"isOwn", "false"}}); }, &message);
  EXPECT_EQ(message, "query/isOwn must be string");
}

TEST_F(MessagesTest, DecompositionCleanupRemovesTheRelationshipsMessages) {
  a_->messages.Send(js::object{{"recipients", js::array{b_->address().c_str()}}, {"content", MailTo(b_->address())}});
  ASSERT_EQ(a_->messages.List({}).size(), 1u);
  a_->identity().db().WithTransaction(
      [&](storage::Transaction& tx) { a_->messages.CleanupDecomposedRelationship(tx, "RELaaaaaaaaaaaaaaaaa"); });
  EXPECT_EQ(a_->messages.List({}).size(), 1u);
  a_->identity().db().WithTransaction(
      [&](storage::Transaction& tx) { a_->messages.CleanupDecomposedRelationship(tx, relationship_id_); });
  EXPECT_TRUE(a_->messages.List({}).empty());
}

}  // namespace
}  // namespace nmshd::transport::testing
