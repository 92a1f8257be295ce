// Messages both ways against the official MessageController of @nmshd/transport 7.0.0
// (message_peer.js), with relationship secrets made by the official @nmshd/crypto handshake: A sends
// to B (A templator) and C (A requestor) at once, so each direction checks one signature and one
// key cipher per recipient, with an attachment that is then downloaded and verified.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/core_id.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"
#include "crypto/relationship_secrets.h"
#include "crypto/signature_keypair.h"
#include "node_runner.h"
#include "transport/transmission/file_seal.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/message_seal.h"
#include "transport/transmission/message_signed.h"

namespace nmshd::transport {
namespace {

using testing::RunNodeJson;

std::string Str(const boost::json::value& v, std::string_view key) {
  return std::string(v.as_object().at(key).as_string());
}

crypto::RelationshipSecrets Secrets(const boost::json::value& setup, std::string_view key) {
  return crypto::RelationshipSecrets::FromJson(json::Parse(Str(setup, key)));
}

class MessageInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    setup_ = RunNodeJson("message_peer.js", boost::json::object{{"command", "setup"}});
    a_ = Str(setup_, "A");
    b_ = Str(setup_, "B");
    c_ = Str(setup_, "C");
  }

  boost::json::object Mail() const {
    return boost::json::object{{"@type", "Mail"},
                               {"to", boost::json::array{b_.c_str(), c_.c_str()}},
                               {"subject", "Grüße"},
                               {"body", "from C++ \u2713"}};
  }

  // The receive request for `me`: the envelope as the Backbone shows it to that recipient.
  boost::json::object Receive(const std::string& me, std::string_view secrets_key, const std::string& body,
                              const MessageEnvelopeRecipient& own, const boost::json::array& attachment_ids,
                              const boost::json::object& files) const {
    return {{"command", "receive"},
            {"me", me},
            {"sender", a_},
            {"secrets", Str(setup_, secrets_key)},
            {"message", boost::json::object{{"id", core::CoreIdFormat("MSG").Generate()},
                                            {"body", body},
                                            {"attachments", attachment_ids},
                                            {"recipients", boost::json::array{boost::json::object{
                                                               {"address", own.address},
                                                               {"encryptedKey", own.encrypted_key}}}}}},
            {"files", files}};
  }

  boost::json::value setup_;
  std::string a_, b_, c_;
};

TEST_F(MessageInterop, OfficialTransportOpensMessageSealedByCpp) {
  auto a_to_b = Secrets(setup_, "AtoB");
  auto a_to_c = Secrets(setup_, "AtoC");

  // An attachment: sealed by us, referenced in the message with its metadata key.
  const auto device = crypto::SignatureKeypair::Generate();
  const std::string file_plain = "attachment bytes";
  const auto file = SealFile(crypto::Utf8Bytes(file_plain),
                             FileSealInput{.filename = "a.txt",
                                           .mimetype = "text/plain",
                                           .title = "Anhang",
                                           .description = std::nullopt,
                                           .tags = std::nullopt,
                                           .filemodified = std::nullopt,
                                           .expires_at = core::CoreDate::Parse("2031-01-01T00:00:00.000Z")},
                             device.privateKey());
  const auto file_id = core::CoreIdFormat("FIL").Generate();
  const core::Reference reference(core::ReferenceKind::kFile, file_id, "http://localhost", file.metadata_key);
  const boost::json::object files{
      {file_id, boost::json::object{
                    {"owner", a_},
                    {"upload", boost::json::object{{"content", base64::EncodeUrlNoPad(file.cipher_blob)},
                                                   {"cipherHash", file.cipher_hash},
                                                   {"ownerSignature", file.owner_signature},
                                                   {"expiresAt", file.expires_at},
                                                   {"encryptedProperties", file.encrypted_properties}}}}}};

  const auto created_at = core::CoreDate::Parse("2025-06-07T08:09:10.111Z");
  const std::vector<MessageRecipientSecrets> recipients{{b_, a_to_b}, {c_, a_to_c}};
  const auto sealed = SealMessage(Mail(), a_, recipients, {reference}, created_at);
  boost::json::array attachment_ids;
  for (const auto& id : sealed.attachment_ids) attachment_ids.emplace_back(boost::json::object{{"id", id}});

  for (auto [me, key, index] : {std::tuple{b_, "BfromA", 0}, std::tuple{c_, "CfromA", 1}}) {
    SCOPED_TRACE(key);
    const auto out = RunNodeJson(
        "message_peer.js", Receive(me, key, sealed.body, sealed.recipients[index], attachment_ids, files));
    ASSERT_FALSE(out.as_object().contains("error")) << json::Stringify(out);
    const auto& content = out.at("content");
    EXPECT_EQ(Str(content, "@type"), "Mail");  // parsed into the official @nmshd/content class
    EXPECT_EQ(Str(content, "subject"), "Grüße");
    EXPECT_EQ(Str(content, "body"), "from C++ \u2713");
    EXPECT_EQ(Str(out, "createdAt"), "2025-06-07T08:09:10.111Z");
    EXPECT_EQ(json::Stringify(out.at("recipients")),
              json::Stringify(boost::json::array{b_.c_str(), c_.c_str()}));
    const auto& attachments = out.at("attachments").as_array();
    ASSERT_EQ(attachments.size(), 1u);
    EXPECT_EQ(Str(attachments[0], "id"), file_id);
    EXPECT_EQ(Str(attachments[0], "backboneBaseUrl"), "http://localhost");
    EXPECT_EQ(base64::ToString(base64::DecodeUrlNoPad(Str(attachments[0], "plain"))), file_plain);
    EXPECT_EQ(Str(attachments[0].at("metadata"), "title"), "Anhang");
    EXPECT_EQ(json::Stringify(out.at("storedMessageAttachments")), "[\"" + file_id + "\"]");
  }
}

TEST_F(MessageInterop, OfficialTransportRejectsForgedCppMessages) {
  auto a_to_b = Secrets(setup_, "AtoB");
  auto a_to_c = Secrets(setup_, "AtoC");
  const std::vector<MessageRecipientSecrets> recipients{{b_, a_to_b}, {c_, a_to_c}};
  const auto sealed = SealMessage(Mail(), a_, recipients, {}, core::CoreDate::Now());
  const auto plain = crypto::Decrypt(crypto::Cipher::FromBase64(sealed.body), sealed.message_key);
  const auto original = MessageSigned::Parse(std::string(plain.begin(), plain.end()));
  const auto reseal = [&](const MessageSigned& s) {
    return crypto::Encrypt(crypto::Utf8Bytes(s.Serialize()), sealed.message_key).ToBase64();
  };

  // B's entry carries the signature made for C: the official check must fail.
  auto swapped = original;
  swapped.signatures[0].signature = swapped.signatures[1].signature;
  auto out =
      RunNodeJson("message_peer.js", Receive(b_, "BfromA", reseal(swapped), sealed.recipients[0], {}, {}));
  EXPECT_EQ(out.as_object().if_contains("error") ? Str(out, "error") : "", message_errc::kSignatureNotValid)
      << json::Stringify(out);

  // Signed for B, but B is not among the signed recipients.
  MessageContentWrapper wrapper = sealed.wrapper;
  wrapper.recipients = {c_};
  MessageSigned forwarded{.message = wrapper.Serialize(), .signatures = {}};
  forwarded.signatures.push_back({b_, a_to_b.Sign(crypto::Utf8Bytes(forwarded.message))});
  out =
      RunNodeJson("message_peer.js", Receive(b_, "BfromA", reseal(forwarded), sealed.recipients[0], {}, {}));
  EXPECT_EQ(out.as_object().if_contains("error") ? Str(out, "error") : "", message_errc::kPlaintextMismatch)
      << json::Stringify(out);
}

TEST_F(MessageInterop, CppOpensMessageSealedByOfficialTransport) {
  const boost::json::object content{{"@type", "Mail"},
                                    {"to", boost::json::array{b_.c_str(), c_.c_str()}},
                                    {"subject", "Hallo"},
                                    {"body", "from the official transport"}};
  const std::string file_plain = "official attachment \xe2\x9c\x93";
  const boost::json::object request{
      {"command", "send"},
      {"sender", a_},
      {"recipients",
       boost::json::array{boost::json::object{{"address", b_}, {"secrets", Str(setup_, "AtoB")}},
                          boost::json::object{{"address", c_}, {"secrets", Str(setup_, "AtoC")}}}},
      {"content", content},
      {"attachments", boost::json::array{boost::json::object{{"plain", base64::EncodeUrlNoPad(file_plain)},
                                                             {"filename", "o.txt"},
                                                             {"mimetype", "text/plain"},
                                                             {"expiresAt", "2031-01-01T00:00:00.000Z"}}}}};
  const auto out = RunNodeJson("message_peer.js", request);
  const auto& sent = out.at("request");
  const auto& file = out.at("files").as_array().at(0);
  EXPECT_EQ(json::Stringify(sent.at("attachments")),
            json::Stringify(boost::json::array{boost::json::object{{"id", Str(file, "id")}}}));
  // The official sender advanced its transmit counters, one key cipher per relationship.
  EXPECT_EQ(crypto::RelationshipSecrets::FromJson(json::Parse(out.at("secrets").as_array()[0].as_string()))
                .parts()
                .transmit_state.counter(),
            1u);

  std::vector<MessageEnvelopeRecipient> envelope;
  for (const auto& r : sent.at("recipients").as_array()) {
    envelope.push_back({Str(r, "address"), Str(r, "encryptedKey")});
  }
  const auto sent_at = core::CoreDate::Parse(Str(out, "createdAt"));
  for (auto [me, key] : {std::pair{b_, "BfromA"}, std::pair{c_, "CfromA"}}) {
    SCOPED_TRACE(key);
    auto secrets = Secrets(setup_, key);
    const auto opened =
        OpenMessage(Str(sent, "body"), FindOwnRecipient(envelope, me).encrypted_key, me, secrets);
    EXPECT_TRUE(opened.sender_signature_verified);
    EXPECT_EQ(Str(opened.content, "@type"), "Mail");
    EXPECT_EQ(Str(opened.content, "subject"), "Hallo");
    EXPECT_EQ(Str(opened.content, "body"), "from the official transport");
    EXPECT_EQ(opened.recipients, (std::vector<std::string>{b_, c_}));
    EXPECT_LE(std::chrono::abs(opened.created_at.time() - sent_at.time()), std::chrono::seconds(30));

    // The attachment reference carries the metadata key: load and verify the file with it.
    ASSERT_EQ(opened.attachments.size(), 1u);
    const auto& ref = opened.attachments[0];
    EXPECT_EQ(ref.id(), Str(file, "id"));
    EXPECT_EQ(ref.backbone_base_url(), "http://localhost");
    EXPECT_EQ(ref.key(), crypto::SecretKey::FromJson(file.at("metadataKey")));
    const auto& upload = file.at("upload");
    const auto metadata = OpenFileMetadata(Str(upload, "encryptedProperties"), ref.key());
    EXPECT_EQ(metadata.filename, "o.txt");
    const auto plain =
        OpenFileContent(base64::DecodeUrlNoPad(Str(upload, "content")), metadata, Str(upload, "cipherHash"));
    EXPECT_EQ(std::string(plain.begin(), plain.end()), file_plain);
    EXPECT_TRUE(VerifyFileOwnerSignature(Str(upload, "ownerSignature"), metadata.plaintext_hash,
                                         crypto::SignaturePublicKey::FromJson(file.at("devicePublicKey"))));
  }

  // The wrong relationship cannot read B's key, and B's relationship has no signature for a stranger.
  auto c_secrets = Secrets(setup_, "CfromA");
  EXPECT_THROW(OpenMessage(Str(sent, "body"), FindOwnRecipient(envelope, b_).encrypted_key, b_, c_secrets),
               CodedError);
  auto b_secrets = Secrets(setup_, "BfromA");
  try {
    OpenMessage(Str(sent, "body"), FindOwnRecipient(envelope, b_).encrypted_key, a_, b_secrets);
    ADD_FAILURE() << "opened as a non-recipient";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), message_errc::kSignatureListMismatch) << e.what();
  }
}

}  // namespace
}  // namespace nmshd::transport
