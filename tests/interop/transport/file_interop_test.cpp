// Files both ways against the official FileController of @nmshd/transport 7.0.0 (file_peer.js):
// what we seal, the official client loads, downloads and verifies; what it seals, we open.
#include <gtest/gtest.h>

#include <string>

#include "base/base64.h"
#include "base/js_json.h"
#include "core/core_id.h"
#include "crypto/encryption.h"
#include "crypto/signature_keypair.h"
#include "node_runner.h"
#include "transport/transmission/file_errors.h"
#include "transport/transmission/file_seal.h"

namespace nmshd::transport {
namespace {

using testing::RunNodeJson;

const std::string kOwner = "did:e:localhost:dids:aaaaaaaaaaaaaaaaaaaaaa";

crypto::Bytes Bytes(std::string_view text) { return {text.begin(), text.end()}; }

boost::json::object UploadJson(const SealedFile& sealed) {
  return {{"content", base64::EncodeUrlNoPad(sealed.cipher_blob)},
          {"cipherHash", sealed.cipher_hash},
          {"owner", kOwner},
          {"ownerSignature", sealed.owner_signature},
          {"expiresAt", sealed.expires_at},
          {"encryptedProperties", sealed.encrypted_properties}};
}

boost::json::object OpenRequest(const SealedFile& sealed, const crypto::SignatureKeypair& device) {
  return {{"command", "open"},
          {"id", core::CoreIdFormat("FIL").Generate()},
          {"metadataKey", sealed.metadata_key.ToJson(false)},
          {"owner", kOwner},
          {"devicePublicKey", device.publicKey().ToJson(false)},
          {"upload", UploadJson(sealed)}};
}

std::string Str(const boost::json::value& v, std::string_view key) {
  return std::string(v.as_object().at(key).as_string());
}

TEST(FileInterop, OfficialTransportOpensFileSealedByCpp) {
  const auto device = crypto::SignatureKeypair::Generate();
  const auto plain = Bytes("Grüße aus C++ \x01\x02 binary\xff");
  const FileSealInput input{.filename = "bericht.pdf",
                            .mimetype = "application/pdf",
                            .title = "Bericht",
                            .description = "Quartal",
                            .tags = std::vector<std::string>{"x", "y"},
                            .filemodified = core::CoreDate::Parse("2024-01-02T03:04:05.678Z"),
                            .expires_at = core::CoreDate::Parse("2031-01-01T00:00:00.000Z")};
  const auto sealed = SealFile(plain, input, device.privateKey());

  const auto out = RunNodeJson("file_peer.js", OpenRequest(sealed, device));
  ASSERT_FALSE(out.as_object().contains("error")) << json::Stringify(out);
  EXPECT_EQ(base64::DecodeUrlNoPad(Str(out, "plain")), plain);
  EXPECT_EQ(out.at("ownerSignatureValid"), true);
  const auto& m = out.at("metadata");
  EXPECT_EQ(Str(m, "filename"), "bericht.pdf");
  EXPECT_EQ(Str(m, "mimetype"), "application/pdf");
  EXPECT_EQ(Str(m, "title"), "Bericht");
  EXPECT_EQ(Str(m, "description"), "Quartal");
  EXPECT_EQ(json::Stringify(m.at("tags")), R"(["x","y"])");
  EXPECT_EQ(m.at("filesize").to_number<std::uint64_t>(), plain.size());
  EXPECT_EQ(Str(m, "filemodified"), "2024-01-02T03:04:05.678Z");
  EXPECT_EQ(Str(m, "plaintextHash"), sealed.metadata.plaintext_hash);
  EXPECT_EQ(Str(m, "cipherHash"), sealed.cipher_hash);
}

TEST(FileInterop, OfficialTransportRejectsTamperedCppFiles) {
  const auto device = crypto::SignatureKeypair::Generate();
  const FileSealInput input{.filename = "a.txt",
                            .mimetype = "text/plain",
                            .title = std::nullopt,
                            .description = std::nullopt,
                            .tags = std::nullopt,
                            .filemodified = std::nullopt,
                            .expires_at = core::CoreDate::Parse("2031-01-01T00:00:00.000Z")};
  const auto sealed = SealFile(Bytes("content"), input, device.privateKey());

  // The Backbone reports another cipherHash than the blob has.
  auto wrong_hash = OpenRequest(sealed, device);
  wrong_hash["upload"].as_object()["cipherHash"] =
      SealFile(Bytes("other"), input, device.privateKey()).cipher_hash;
  auto out = RunNodeJson("file_peer.js", wrong_hash);
  EXPECT_EQ(out.as_object().if_contains("error") ? Str(out, "error") : "", file_errc::kCipherMismatch)
      << json::Stringify(out);

  // Metadata whose plaintextHash does not match the content (same K_F, re-encrypted by us).
  auto metadata = sealed.metadata;
  metadata.plaintext_hash = SealFile(Bytes("other"), input, device.privateKey()).metadata.plaintext_hash;
  auto wrong_plain = OpenRequest(sealed, device);
  wrong_plain["upload"].as_object()["encryptedProperties"] =
      crypto::Encrypt(crypto::Utf8Bytes(metadata.Serialize()), sealed.metadata_key).ToBase64();
  out = RunNodeJson("file_peer.js", wrong_plain);
  EXPECT_EQ(out.as_object().if_contains("error") ? Str(out, "error") : "", file_errc::kPlaintextHashMismatch)
      << json::Stringify(out);

  // A signature by another device does not verify.
  auto foreign = OpenRequest(sealed, device);
  foreign["devicePublicKey"] = crypto::SignatureKeypair::Generate().publicKey().ToJson(false);
  out = RunNodeJson("file_peer.js", foreign);
  EXPECT_EQ(out.at("ownerSignatureValid"), false) << json::Stringify(out);
}

TEST(FileInterop, CppOpensFileSealedByOfficialTransport) {
  const auto plain = Bytes("from the official FileController \xe2\x9c\x93");
  const boost::json::object request{{"command", "seal"},
                                    {"plain", base64::EncodeUrlNoPad(plain)},
                                    {"filename", "notes.txt"},
                                    {"mimetype", "text/plain"},
                                    {"title", "Notes"},
                                    {"tags", boost::json::array{"t1"}},
                                    {"filemodified", "2023-05-06T07:08:09.010Z"},
                                    {"expiresAt", "2031-01-01T00:00:00.000Z"}};
  const auto out = RunNodeJson("file_peer.js", request);
  const auto& upload = out.at("upload");
  const auto metadata_key = crypto::SecretKey::FromJson(out.at("metadataKey"));

  const auto metadata = OpenFileMetadata(Str(upload, "encryptedProperties"), metadata_key);
  EXPECT_EQ(metadata.filename, "notes.txt");
  EXPECT_EQ(metadata.mimetype, "text/plain");
  EXPECT_EQ(metadata.title, "Notes");
  EXPECT_FALSE(metadata.description);
  EXPECT_EQ(metadata.tags, (std::vector<std::string>{"t1"}));
  ASSERT_TRUE(metadata.filemodified);
  EXPECT_EQ(metadata.filemodified->ToString(), "2023-05-06T07:08:09.010Z");
  EXPECT_EQ(metadata.filesize, plain.size());
  EXPECT_EQ(metadata.plaintext_hash, Str(out, "plaintextHash"));
  EXPECT_EQ(metadata.secret_key, crypto::SecretKey::FromJson(out.at("cipherKey")));
  EXPECT_EQ(Str(upload, "expiresAt"), "2031-01-01T00:00:00.000Z");

  const auto blob = base64::DecodeUrlNoPad(Str(upload, "content"));
  EXPECT_EQ(OpenFileContent(blob, metadata, Str(upload, "cipherHash")), plain);
  const auto device_key = crypto::SignaturePublicKey::FromJson(out.at("devicePublicKey"));
  EXPECT_TRUE(VerifyFileOwnerSignature(Str(upload, "ownerSignature"), metadata.plaintext_hash, device_key));
  EXPECT_FALSE(VerifyFileOwnerSignature(Str(upload, "ownerSignature"), metadata.plaintext_hash,
                                        crypto::SignatureKeypair::Generate().publicKey()));
  // Our serialization of the official metadata is the official text itself.
  const auto official_text =
      crypto::Decrypt(crypto::Cipher::FromBase64(Str(upload, "encryptedProperties")), metadata_key);
  EXPECT_EQ(metadata.Serialize(), std::string(official_text.begin(), official_text.end()));
}

}  // namespace
}  // namespace nmshd::transport
