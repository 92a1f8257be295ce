// Files: sealing produces the official upload fields, opening verifies hashes and rejects tampering.
#include "transport/transmission/file_seal.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "base/base64.h"
#include "base/js_json.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"
#include "crypto/hash.h"
#include "crypto/signature.h"
#include "crypto/signature_keypair.h"
#include "message_test_support.h"
#include "transport/transmission/file_errors.h"

namespace nmshd::transport {
namespace {

using test::ExpectCoded;

crypto::Bytes Plain(std::string_view text) { return {text.begin(), text.end()}; }

FileSealInput Input() {
  return FileSealInput{.filename = "report.pdf",
                       .mimetype = "application/pdf",
                       .title = "Report",
                       .description = std::nullopt,
                       .tags = std::vector<std::string>{"a", "b"},
                       .filemodified = core::CoreDate::Parse("2024-01-02T03:04:05.678Z"),
                       .expires_at = core::CoreDate::Parse("2030-06-01T00:00:00.000Z")};
}

crypto::SecretKey FixedKey() {
  crypto::Bytes k(32);
  std::iota(k.begin(), k.end(), 0);
  return crypto::SecretKey(k);
}

TEST(FileMetadata, SerializesLikeTsServalWithSortedKeysAndType) {
  const FileMetadata m{.title = "t",
                       .description = "d",
                       .filename = "f.txt",
                       .tags = std::vector<std::string>{"x"},
                       .plaintext_hash = "abc",
                       .secret_key = FixedKey(),
                       .filesize = 3,
                       .filemodified = core::CoreDate::Parse("2024-01-02T03:04:05.678Z"),
                       .mimetype = "text/plain"};
  EXPECT_EQ(
      m.Serialize(),
      R"({"@type":"FileMetadata","description":"d","filemodified":"2024-01-02T03:04:05.678Z",)"
      R"("filename":"f.txt","filesize":3,"mimetype":"text/plain","plaintextHash":"abc",)"
      R"("secretKey":{"key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","alg":3},"tags":["x"],"title":"t"})");
  const FileMetadata minimal{.title = std::nullopt,
                             .description = std::nullopt,
                             .filename = "f",
                             .tags = std::nullopt,
                             .plaintext_hash = "h",
                             .secret_key = FixedKey(),
                             .filesize = 0,
                             .filemodified = std::nullopt,
                             .mimetype = "m"};
  EXPECT_EQ(minimal.Serialize(),
            R"({"@type":"FileMetadata","filename":"f","filesize":0,"mimetype":"m","plaintextHash":"h",)"
            R"("secretKey":{"key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","alg":3}})");
  const auto parsed = FileMetadata::Parse(m.Serialize());
  EXPECT_EQ(parsed.Serialize(), m.Serialize());
  EXPECT_EQ(FileMetadata::Parse(minimal.Serialize()).Serialize(), minimal.Serialize());
}

TEST(FileMetadata, ParseAcceptsNullsAndRejectsWrongShapes) {
  const auto key = json::Stringify(FixedKey().ToJson(false));
  const auto with_nulls = FileMetadata::Parse(
      R"({"filename":"f","filesize":2.0,"mimetype":"m","plaintextHash":"h","title":null,"tags":null,"secretKey":)" +
      key + "}");
  EXPECT_FALSE(with_nulls.title);
  EXPECT_FALSE(with_nulls.tags);
  EXPECT_EQ(with_nulls.filesize, 2u);
  ExpectCoded([&] { FileMetadata::Parse(R"({"@type":"Other","filename":"f"})"); },
              file_errc::kInvalidMetadata, "@type");
  ExpectCoded(
      [&] {
        FileMetadata::Parse(R"({"filesize":1,"mimetype":"m","plaintextHash":"h","secretKey":)" + key + "}");
      },
      file_errc::kInvalidMetadata, "filename");
  ExpectCoded(
      [&] {
        FileMetadata::Parse(
            R"({"filename":"f","filesize":-1,"mimetype":"m","plaintextHash":"h","secretKey":)" + key + "}");
      },
      file_errc::kInvalidMetadata, "filesize");
  ExpectCoded(
      [&] { FileMetadata::Parse(R"({"filename":"f","filesize":1,"mimetype":"m","plaintextHash":"h"})"); },
      file_errc::kInvalidMetadata, "secretKey");
  ExpectCoded([&] { FileMetadata::Parse("[1]"); }, file_errc::kInvalidMetadata);
  ExpectCoded([&] { FileMetadata::Parse("{"); }, file_errc::kInvalidMetadata);
}

TEST(FileSeal, ProducesOfficialUploadFieldsAndOpensAgain) {
  const auto device = crypto::SignatureKeypair::Generate();
  const auto plain = Plain("the quick brown fox");
  const auto sealed = SealFile(plain, Input(), device.privateKey());

  // Blob = UTF-8 of the verbose CryptoCipher JSON; cipherHash = base64url(SHA-512(blob)).
  const std::string blob_text(sealed.cipher_blob.begin(), sealed.cipher_blob.end());
  EXPECT_EQ(blob_text.rfind(R"({"cph":")", 0), 0u) << blob_text;
  EXPECT_NE(blob_text.find(R"("@type":"CryptoCipher")"), std::string::npos);
  EXPECT_EQ(crypto::Cipher::Deserialize(blob_text).Serialize(true), blob_text);
  EXPECT_EQ(sealed.cipher_hash, base64::EncodeUrlNoPad(crypto::Sha512(sealed.cipher_blob)));
  EXPECT_EQ(sealed.metadata.plaintext_hash, base64::EncodeUrlNoPad(crypto::Sha512(plain)));
  EXPECT_EQ(sealed.metadata.filesize, plain.size());
  EXPECT_EQ(sealed.expires_at, "2030-06-01T00:00:00.000Z");
  EXPECT_NE(sealed.metadata_key, sealed.metadata.secret_key);

  // Device signature (SHA512 label) over the raw 64-byte digest.
  const auto signature = crypto::Signature::FromBase64(sealed.owner_signature);
  EXPECT_EQ(signature.algorithm(), crypto::HashAlgorithm::kSha512);
  EXPECT_TRUE(
      VerifyFileOwnerSignature(sealed.owner_signature, sealed.metadata.plaintext_hash, device.publicKey()));
  EXPECT_FALSE(VerifyFileOwnerSignature(sealed.owner_signature, sealed.metadata.plaintext_hash,
                                        crypto::SignatureKeypair::Generate().publicKey()));
  EXPECT_FALSE(VerifyFileOwnerSignature(
      sealed.owner_signature, base64::EncodeUrlNoPad(crypto::Sha512(Plain("x"))), device.publicKey()));
  EXPECT_FALSE(VerifyFileOwnerSignature("not base64!", sealed.metadata.plaintext_hash, device.publicKey()));

  const auto metadata = OpenFileMetadata(sealed.encrypted_properties, sealed.metadata_key);
  EXPECT_EQ(metadata.Serialize(), sealed.metadata.Serialize());
  EXPECT_EQ(metadata.filename, "report.pdf");
  EXPECT_EQ(metadata.mimetype, "application/pdf");
  EXPECT_EQ(metadata.title, "Report");
  EXPECT_FALSE(metadata.description);
  EXPECT_EQ(metadata.tags, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(metadata.filemodified);
  EXPECT_EQ(metadata.filemodified->ToString(), "2024-01-02T03:04:05.678Z");
  EXPECT_EQ(OpenFileContent(sealed.cipher_blob, metadata, sealed.cipher_hash), plain);
}

TEST(FileSeal, EveryFileGetsFreshKeys) {
  const auto device = crypto::SignatureKeypair::Generate();
  const auto a = SealFile(Plain("same"), Input(), device.privateKey());
  const auto b = SealFile(Plain("same"), Input(), device.privateKey());
  EXPECT_NE(a.metadata_key, b.metadata_key);
  EXPECT_NE(a.metadata.secret_key, b.metadata.secret_key);
  EXPECT_NE(a.cipher_hash, b.cipher_hash);
  EXPECT_EQ(a.metadata.plaintext_hash, b.metadata.plaintext_hash);
}

TEST(FileSeal, RejectsOversizedAndIncompleteInput) {
  const auto device = crypto::SignatureKeypair::Generate();
  const crypto::Bytes too_big(kMaxPlainFileSize + 1, 0x41);
  ExpectCoded([&] { SealFile(too_big, Input(), device.privateKey()); }, file_errc::kMaxFileSizeExceeded,
              std::to_string(kMaxPlainFileSize + 1));
  auto no_name = Input();
  no_name.filename.clear();
  ExpectCoded([&] { SealFile(Plain("x"), no_name, device.privateKey()); }, file_errc::kInvalidInput);
  auto no_type = Input();
  no_type.mimetype.clear();
  ExpectCoded([&] { SealFile(Plain("x"), no_type, device.privateKey()); }, file_errc::kInvalidInput);
}

TEST(FileSeal, AcceptsExactlyTheLimit) {
  const auto device = crypto::SignatureKeypair::Generate();
  const crypto::Bytes max(kMaxPlainFileSize, 0x42);
  const auto sealed = SealFile(max, Input(), device.privateKey());
  EXPECT_EQ(sealed.metadata.filesize, kMaxPlainFileSize);
  EXPECT_EQ(OpenFileContent(sealed.cipher_blob, sealed.metadata, sealed.cipher_hash), max);
}

TEST(FileOpen, RejectsWrongCipherHash) {
  const auto sealed = SealFile(Plain("content"), Input(), crypto::SignatureKeypair::Generate().privateKey());
  auto other = sealed.cipher_hash;
  other[0] = other[0] == 'A' ? 'B' : 'A';
  ExpectCoded([&] { OpenFileContent(sealed.cipher_blob, sealed.metadata, other); },
              file_errc::kCipherMismatch);
  ExpectCoded([&] { OpenFileContent(sealed.cipher_blob, sealed.metadata, ""); }, file_errc::kCipherMismatch);
}

TEST(FileOpen, RejectsTruncatedBlob) {
  const auto sealed = SealFile(Plain("content"), Input(), crypto::SignatureKeypair::Generate().privateKey());
  const crypto::Bytes truncated(sealed.cipher_blob.begin(), sealed.cipher_blob.end() - 10);
  ExpectCoded([&] { OpenFileContent(truncated, sealed.metadata, sealed.cipher_hash); },
              file_errc::kCipherMismatch);
  // Even when the hash was computed over the truncated bytes, it is no cipher any more.
  const auto truncated_hash = base64::EncodeUrlNoPad(crypto::Sha512(truncated));
  ExpectCoded([&] { OpenFileContent(truncated, sealed.metadata, truncated_hash); },
              file_errc::kInvalidCipher);
}

TEST(FileOpen, RejectsTamperedCiphertextAndWrongKeys) {
  const auto plain = Plain("content");
  const auto sealed = SealFile(plain, Input(), crypto::SignatureKeypair::Generate().privateKey());
  // A cipher re-encrypted under another key, with a matching hash: authentication fails.
  const auto other = crypto::Encrypt(plain, crypto::SecretKey::Generate()).Serialize(true);
  const crypto::Bytes blob(other.begin(), other.end());
  ExpectCoded([&] { OpenFileContent(blob, sealed.metadata, base64::EncodeUrlNoPad(crypto::Sha512(blob))); },
              "error.crypto.encryption.decrypt");
  ExpectCoded([&] { OpenFileMetadata(sealed.encrypted_properties, crypto::SecretKey::Generate()); },
              "error.crypto.encryption.decrypt");
}

TEST(FileOpen, RejectsPlaintextHashMismatch) {
  const auto sealed = SealFile(Plain("content"), Input(), crypto::SignatureKeypair::Generate().privateKey());
  auto metadata = sealed.metadata;
  metadata.plaintext_hash = base64::EncodeUrlNoPad(crypto::Sha512(Plain("other content")));
  ExpectCoded([&] { OpenFileContent(sealed.cipher_blob, metadata, sealed.cipher_hash); },
              file_errc::kPlaintextHashMismatch);
  metadata.plaintext_hash = "%%%";
  ExpectCoded([&] { OpenFileContent(sealed.cipher_blob, metadata, sealed.cipher_hash); },
              file_errc::kPlaintextHashMismatch);
}

TEST(FileOpen, RejectsMetadataThatIsNoFileMetadata) {
  const auto key = crypto::SecretKey::Generate();
  const auto encrypted =
      crypto::Encrypt(crypto::Utf8Bytes(R"({"@type":"TokenContentFile"})"), key).ToBase64();
  ExpectCoded([&] { OpenFileMetadata(encrypted, key); }, file_errc::kInvalidMetadata);
}

}  // namespace
}  // namespace nmshd::transport
