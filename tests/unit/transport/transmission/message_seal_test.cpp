// Messages: one signature and one encrypted key per recipient, and every check of
// decryptPeerEnvelope on the way back.
#include "transport/transmission/message_seal.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "base/base64.h"
#include "base/js_json.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"
#include "message_test_support.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/message_signed.h"

namespace nmshd::transport {
namespace {

using test::ExpectCoded;

constexpr std::string_view kA = "did:e:localhost:dids:aaaaaaaaaaaaaaaaaaaaaa";
constexpr std::string_view kB = "did:e:localhost:dids:bbbbbbbbbbbbbbbbbbbbbb";
constexpr std::string_view kC = "did:e:localhost:dids:cccccccccccccccccccccc";

crypto::SecretKey FixedKey(std::uint8_t start) {
  crypto::Bytes k(32);
  std::iota(k.begin(), k.end(), start);
  return crypto::SecretKey(k);
}

core::Reference FileRef(std::string id, std::uint8_t key_start) {
  return core::Reference(core::ReferenceKind::kFile, std::move(id), "http://localhost", FixedKey(key_start));
}

boost::json::object Mail() {
  return json::
      Parse(R"({"@type":"Mail","to":["did:e:localhost:dids:bbbbbbbbbbbbbbbbbbbbbb"],"subject":"Hi","body":"Grüße"})")
          .as_object();
}

std::string Text(const crypto::Bytes& b) { return {b.begin(), b.end()}; }

// A (sender) is the templator towards B and the requestor towards C.
struct Peers {
  test::SecretsPair ab = test::MakeRelationship();
  test::SecretsPair ca = test::MakeRelationship();
  crypto::RelationshipSecrets& a_to_b() { return ab.templator; }
  crypto::RelationshipSecrets& b_from_a() { return ab.requestor; }
  crypto::RelationshipSecrets& a_to_c() { return ca.requestor; }
  crypto::RelationshipSecrets& c_from_a() { return ca.templator; }
  std::vector<MessageRecipientSecrets> Recipients() {
    return {{std::string(kB), a_to_b()}, {std::string(kC), a_to_c()}};
  }
};

// Re-encrypts a (modified) MessageSigned under the message key, as a forger holding K_M could.
std::string Reseal(const MessageSigned& s, const crypto::SecretKey& key) {
  return crypto::Encrypt(crypto::Utf8Bytes(s.Serialize()), key).ToBase64();
}

MessageSigned Unseal(const SealedMessage& m) {
  return MessageSigned::Parse(Text(crypto::Decrypt(crypto::Cipher::FromBase64(m.body), m.message_key)));
}

TEST(MessageContentWrapper, SerializesLikeTsServal) {
  const MessageContentWrapper w{.content = json::Parse(R"({"z":1,"a":{"y":2,"b":3}})").as_object(),
                                .recipients = {std::string(kB)},
                                .created_at = core::CoreDate::Parse("2025-01-02T03:04:05.678Z"),
                                .attachments = {FileRef("FILaaaaaaaaaaaaaaaaa", 0)}};
  // Wrapper and FileReference keys sorted, the key non-verbose in its own order, app content as given.
  EXPECT_EQ(
      w.Serialize(),
      R"({"@type":"MessageContentWrapper","attachments":[{"backboneBaseUrl":"http://localhost",)"
      R"("id":"FILaaaaaaaaaaaaaaaaa","key":{"key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","alg":3}}],)"
      R"("content":{"z":1,"a":{"y":2,"b":3}},"createdAt":"2025-01-02T03:04:05.678Z",)"
      R"("recipients":["did:e:localhost:dids:bbbbbbbbbbbbbbbbbbbbbb"]})");
  const auto parsed = MessageContentWrapper::Parse(w.Serialize());
  EXPECT_EQ(parsed.Serialize(), w.Serialize());
  EXPECT_EQ(parsed.attachments.at(0), w.attachments.at(0));
}

TEST(MessageContentWrapper, ParseDefaultsAttachmentsAndRejectsWrongShapes) {
  const auto w = MessageContentWrapper::Parse(
      R"({"content":{"a":1},"createdAt":"2025-01-02T03:04:05.678+01:00","recipients":["x"]})");
  EXPECT_TRUE(w.attachments.empty());
  EXPECT_EQ(w.created_at.ToString(), "2025-01-02T02:04:05.678Z");
  ExpectCoded([] { MessageContentWrapper::Parse(R"({"createdAt":"2025-01-02","recipients":[]})"); },
              message_errc::kInvalidMessage, "content");
  ExpectCoded([] { MessageContentWrapper::Parse(R"({"content":{},"createdAt":"soon","recipients":[]})"); },
              message_errc::kInvalidMessage, "createdAt");
  ExpectCoded(
      [] { MessageContentWrapper::Parse(R"({"content":{},"createdAt":"2025-01-02","recipients":[1]})"); },
      message_errc::kInvalidMessage, "recipients");
  ExpectCoded(
      [] {
        MessageContentWrapper::Parse(
            R"({"content":{},"createdAt":"2025-01-02","recipients":[],"attachments":[{"id":"FILaaaaaaaaaaaaaaaaa"}]})");
      },
      message_errc::kInvalidMessage, "key");
  ExpectCoded(
      [] {
        MessageContentWrapper::Parse(
            R"({"content":{},"createdAt":"2025-01-02","recipients":[],"attachments":[{"id":"TOKaaaaaaaaaaaaaaaaa","key":{"key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","alg":3}}]})");
      },
      "error.core.reference.wrongIdPrefix");
}

TEST(MessageSigned, WritesSignatureAsJsonStringAndReadsBothForms) {
  const crypto::Signature sig(crypto::Bytes(64, 7), crypto::HashAlgorithm::kSha256);
  const MessageSigned s{.message = R"({"x":"y"})", .signatures = {{std::string(kB), sig}}};
  const auto sig_json = json::Stringify(sig.ToJson(false));
  EXPECT_EQ(s.Serialize(),
            R"({"@type":"MessageSigned","message":"{\"x\":\"y\"}","signatures":[{"recipient":")" +
                std::string(kB) + R"(","signature":)" + json::Stringify(boost::json::value(sig_json)) +
                "}]}");
  const auto parsed = MessageSigned::Parse(s.Serialize());
  EXPECT_EQ(parsed.message, s.message);
  ASSERT_EQ(parsed.signatures.size(), 1u);
  EXPECT_EQ(parsed.signatures[0].signature, sig);
  const auto as_object = MessageSigned::Parse(
      R"({"message":"m","signatures":[{"recipient":"r","signature":)" + sig_json + "}]}");
  EXPECT_EQ(as_object.signatures.at(0).signature, sig);
  ExpectCoded([] { MessageSigned::Parse(R"({"signatures":[]})"); }, message_errc::kInvalidMessage, "message");
  ExpectCoded(
      [] { MessageSigned::Parse(R"({"message":"m","signatures":[{"recipient":"r","signature":"{"}]})"); },
      message_errc::kInvalidMessage);
}

TEST(MessageSeal, EveryRecipientOpensWithItsOwnKeyAndSignature) {
  Peers p;
  const auto created_at = core::CoreDate::Parse("2025-03-04T05:06:07.089Z");
  const std::vector<core::Reference> attachments{FileRef("FILaaaaaaaaaaaaaaaaa", 1),
                                                 FileRef("FILbbbbbbbbbbbbbbbbb", 2)};
  const auto recipients = p.Recipients();
  const auto sealed = SealMessage(Mail(), kA, recipients, attachments, created_at);

  ASSERT_EQ(sealed.recipients.size(), 2u);
  EXPECT_EQ(sealed.recipients[0].address, kB);
  EXPECT_EQ(sealed.recipients[1].address, kC);
  EXPECT_EQ(sealed.attachment_ids,
            (std::vector<std::string>{"FILaaaaaaaaaaaaaaaaa", "FILbbbbbbbbbbbbbbbbb"}));
  // Each encrypted key is a counter cipher of the relationship's transmit state, which advanced.
  EXPECT_EQ(crypto::Cipher::FromBase64(sealed.recipients[0].encrypted_key).counter(), 0u);
  EXPECT_EQ(p.a_to_b().parts().transmit_state.counter(), 1u);
  EXPECT_EQ(p.a_to_c().parts().transmit_state.counter(), 1u);
  EXPECT_EQ(Text(p.a_to_b().DecryptOwn(crypto::Cipher::FromBase64(sealed.recipients[0].encrypted_key))),
            json::Stringify(sealed.message_key.ToJson(false)));
  EXPECT_LE(sealed.recipients[0].encrypted_key.size(), 300u);

  // One signature per recipient, each with that relationship's key over the exact message text.
  const auto signed_message = Unseal(sealed);
  EXPECT_EQ(signed_message.message, sealed.wrapper.Serialize());
  ASSERT_EQ(signed_message.signatures.size(), 2u);
  EXPECT_EQ(signed_message.signatures[0].recipient, kB);
  EXPECT_EQ(signed_message.signatures[1].recipient, kC);
  EXPECT_EQ(signed_message.signatures[0].signature.algorithm(), crypto::HashAlgorithm::kSha256);
  EXPECT_TRUE(p.a_to_b().VerifyOwn(crypto::Utf8Bytes(signed_message.message),
                                   signed_message.signatures[0].signature));
  EXPECT_TRUE(p.a_to_c().VerifyOwn(crypto::Utf8Bytes(signed_message.message),
                                   signed_message.signatures[1].signature));
  EXPECT_FALSE(p.a_to_b().VerifyOwn(crypto::Utf8Bytes(signed_message.message),
                                    signed_message.signatures[1].signature));

  for (auto [me, secrets, index] : {std::tuple{kB, &p.b_from_a(), 0}, std::tuple{kC, &p.c_from_a(), 1}}) {
    const auto opened = OpenMessage(sealed.body, sealed.recipients[index].encrypted_key, me, *secrets);
    EXPECT_TRUE(opened.sender_signature_verified);
    EXPECT_EQ(json::Stringify(opened.content), json::Stringify(Mail()));
    EXPECT_EQ(opened.created_at, created_at);
    EXPECT_EQ(opened.recipients, (std::vector<std::string>{std::string(kB), std::string(kC)}));
    EXPECT_EQ(opened.attachments, attachments);
    EXPECT_EQ(opened.message_key, sealed.message_key);
  }
  EXPECT_EQ(OpenOwnMessage(sealed.body, sealed.message_key).Serialize(), sealed.wrapper.Serialize());
}

TEST(MessageSeal, KeysOpenOutOfOrder) {
  Peers p;
  const std::vector<MessageRecipientSecrets> to_b{{std::string(kB), p.a_to_b()}};
  const auto first = SealMessage(Mail(), kA, to_b, {}, core::CoreDate::Now());
  const auto second = SealMessage(Mail(), kA, to_b, {}, core::CoreDate::Now());
  EXPECT_EQ(crypto::Cipher::FromBase64(second.recipients[0].encrypted_key).counter(), 1u);
  EXPECT_NO_THROW(OpenMessage(second.body, second.recipients[0].encrypted_key, kB, p.b_from_a()));
  EXPECT_NO_THROW(OpenMessage(first.body, first.recipients[0].encrypted_key, kB, p.b_from_a()));
  EXPECT_NO_THROW(OpenMessage(second.body, second.recipients[0].encrypted_key, kB, p.b_from_a()));
}

TEST(MessageSeal, RejectsInvalidRecipients) {
  Peers p;
  ExpectCoded([&] { SealMessage(Mail(), kA, {}, {}, core::CoreDate::Now()); },
              message_errc::kInvalidRecipients);
  const std::vector<MessageRecipientSecrets> twice{{std::string(kB), p.a_to_b()},
                                                   {std::string(kB), p.a_to_c()}};
  ExpectCoded([&] { SealMessage(Mail(), kA, twice, {}, core::CoreDate::Now()); },
              message_errc::kInvalidRecipients, "duplicate");
  const std::vector<MessageRecipientSecrets> self{{std::string(kA), p.a_to_b()}};
  ExpectCoded([&] { SealMessage(Mail(), kA, self, {}, core::CoreDate::Now()); },
              message_errc::kInvalidRecipients, "sender");
  const std::vector<MessageRecipientSecrets> to_b{{std::string(kB), p.a_to_b()}};
  const core::Reference token(core::ReferenceKind::kToken, "TOKaaaaaaaaaaaaaaaaa", std::nullopt, FixedKey(0));
  ExpectCoded([&] { SealMessage(Mail(), kA, to_b, {token}, core::CoreDate::Now()); },
              message_errc::kInvalidMessage);
  EXPECT_EQ(p.a_to_b().parts().transmit_state.counter(), 0u) << "a rejected message must not use a counter";
}

TEST(MessageOpen, FindsOwnRecipientEntry) {
  const std::vector<MessageEnvelopeRecipient> list{{std::string(kB), "kb"}, {std::string(kC), "kc"}};
  EXPECT_EQ(FindOwnRecipient(list, kC).encrypted_key, "kc");
  ExpectCoded([&] { FindOwnRecipient(list, kA); }, message_errc::kOwnAddressNotInList);
}

TEST(MessageOpen, RejectsABadSignature) {
  Peers p;
  const auto recipients = p.Recipients();
  const auto sealed = SealMessage(Mail(), kA, recipients, {}, core::CoreDate::Now());
  const auto& key_b = sealed.recipients[0].encrypted_key;

  // B's entry carries the signature made for C (another relationship key).
  auto swapped = Unseal(sealed);
  swapped.signatures[0].signature = swapped.signatures[1].signature;
  ExpectCoded([&] { OpenMessage(Reseal(swapped, sealed.message_key), key_b, kB, p.b_from_a()); },
              message_errc::kSignatureNotValid);

  // The signed text was changed after signing.
  auto edited = Unseal(sealed);
  edited.message.replace(edited.message.find("Hi"), 2, "Ho");
  ExpectCoded([&] { OpenMessage(Reseal(edited, sealed.message_key), key_b, kB, p.b_from_a()); },
              message_errc::kSignatureNotValid);

  // Sound but for a key that is not the sender's.
  auto foreign = Unseal(sealed);
  foreign.signatures[0].signature =
      test::MakeRelationship().templator.Sign(crypto::Utf8Bytes(foreign.message));
  ExpectCoded([&] { OpenMessage(Reseal(foreign, sealed.message_key), key_b, kB, p.b_from_a()); },
              message_errc::kSignatureNotValid);
}

TEST(MessageOpen, RejectsWhenWeAreNoRecipient) {
  Peers p;
  const std::vector<MessageRecipientSecrets> to_b{{std::string(kB), p.a_to_b()}};
  const auto sealed = SealMessage(Mail(), kA, to_b, {}, core::CoreDate::Now());
  const auto& key_b = sealed.recipients[0].encrypted_key;
  // Decryptable (B's relationship) but no signature addressed to C.
  ExpectCoded([&] { OpenMessage(sealed.body, key_b, kC, p.b_from_a()); },
              message_errc::kSignatureListMismatch);

  // A validly signed message whose signed recipients do not name B (forwarded to B).
  MessageContentWrapper wrapper{.content = Mail(),
                                .recipients = {std::string(kC)},
                                .created_at = core::CoreDate::Now(),
                                .attachments = {}};
  MessageSigned forwarded{.message = wrapper.Serialize(), .signatures = {}};
  forwarded.signatures.push_back({std::string(kB), p.a_to_b().Sign(crypto::Utf8Bytes(forwarded.message))});
  ExpectCoded([&] { OpenMessage(Reseal(forwarded, sealed.message_key), key_b, kB, p.b_from_a()); },
              message_errc::kPlaintextMismatch);
}

TEST(MessageOpen, RejectsForeignKeysAndDamagedCiphers) {
  Peers p;
  const auto recipients = p.Recipients();
  const auto sealed = SealMessage(Mail(), kA, recipients, {}, core::CoreDate::Now());
  // C's key cipher cannot be read with B's relationship.
  ExpectCoded([&] { OpenMessage(sealed.body, sealed.recipients[1].encrypted_key, kB, p.b_from_a()); },
              "error.crypto.encryption.decrypt");
  // A truncated body is no cipher any more.
  const auto truncated = sealed.body.substr(0, sealed.body.size() / 2);
  EXPECT_THROW(OpenMessage(truncated, sealed.recipients[0].encrypted_key, kB, p.b_from_a()), CodedError);
  // A body under another key does not authenticate.
  const auto other =
      crypto::Encrypt(crypto::Utf8Bytes(Unseal(sealed).Serialize()), crypto::SecretKey::Generate());
  ExpectCoded([&] { OpenMessage(other.ToBase64(), sealed.recipients[0].encrypted_key, kB, p.b_from_a()); },
              "error.crypto.encryption.decrypt");
  // The key cipher must hold a CryptoSecretKey JSON.
  const auto junk_key = p.a_to_b().Encrypt(crypto::Utf8Bytes("not json")).ToBase64();
  ExpectCoded([&] { OpenMessage(sealed.body, junk_key, kB, p.b_from_a()); }, message_errc::kInvalidMessage);
}

}  // namespace
}  // namespace nmshd::transport
