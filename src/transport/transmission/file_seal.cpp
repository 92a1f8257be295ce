#include "transport/transmission/file_seal.h"

#include <algorithm>
#include <optional>

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"
#include "crypto/hash.h"
#include "crypto/signature.h"
#include "crypto/signatures.h"
#include "transport/transmission/file_errors.h"

namespace nmshd::transport {
namespace {

std::string HashB64(std::span<const std::uint8_t> data) {
  return base64::EncodeUrlNoPad(crypto::Sha512(data));
}

// CoreHash.verify compares raw digests (the stored hash is decoded, not the new one encoded), so a
// hash string that is not base64url never matches.
bool HashMatches(std::span<const std::uint8_t> data, std::string_view expected_b64) {
  crypto::Bytes expected;
  try {
    expected = base64::DecodeUrlNoPad(expected_b64);
  } catch (const CodedError&) {
    return false;
  }
  const auto actual = crypto::Sha512(data);
  return expected.size() == actual.size() && std::equal(actual.begin(), actual.end(), expected.begin());
}

}  // namespace

SealedFile SealFile(std::span<const std::uint8_t> plain, const FileSealInput& input,
                    const crypto::SignaturePrivateKey& device_key) {
  if (plain.size() > kMaxPlainFileSize) {
    throw CodedError(file_errc::kMaxFileSizeExceeded,
                     "The given File content size (" + std::to_string(plain.size()) +
                         ") exceeds the max File size the Backbone accepts (" +
                         std::to_string(kMaxPlainFileSize) + ").");
  }
  if (input.filename.empty() || input.mimetype.empty()) {
    throw CodedError(file_errc::kInvalidInput, "a File needs a filename and a mimetype");
  }
  const auto digest = crypto::Sha512(plain);
  const auto owner_signature = crypto::Sign(digest, device_key, crypto::HashAlgorithm::kSha512);

  auto file_key = crypto::SecretKey::Generate();
  const auto serialized_cipher = crypto::Encrypt(plain, file_key).Serialize(true);
  crypto::Bytes blob(serialized_cipher.begin(), serialized_cipher.end());
  auto cipher_hash = HashB64(blob);

  FileMetadata metadata{.title = input.title,
                        .description = input.description,
                        .filename = input.filename,
                        .tags = input.tags,
                        .plaintext_hash = base64::EncodeUrlNoPad(digest),
                        .secret_key = std::move(file_key),
                        .filesize = plain.size(),
                        .filemodified = input.filemodified,
                        .mimetype = input.mimetype};
  auto metadata_key = crypto::SecretKey::Generate();
  auto encrypted_properties =
      crypto::Encrypt(crypto::Utf8Bytes(metadata.Serialize()), metadata_key).ToBase64();

  return SealedFile{.cipher_blob = std::move(blob),
                    .cipher_hash = std::move(cipher_hash),
                    .owner_signature = owner_signature.ToBase64(),
                    .encrypted_properties = std::move(encrypted_properties),
                    .expires_at = input.expires_at.ToString(),
                    .metadata_key = std::move(metadata_key),
                    .metadata = std::move(metadata)};
}

FileMetadata OpenFileMetadata(std::string_view encrypted_properties, const crypto::SecretKey& metadata_key) {
  const auto plain = crypto::Decrypt(crypto::Cipher::FromBase64(encrypted_properties), metadata_key);
  return FileMetadata::Parse(std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()));
}

crypto::Bytes OpenFileContent(std::span<const std::uint8_t> blob, const FileMetadata& metadata,
                              std::string_view expected_cipher_hash) {
  if (HashB64(blob) != expected_cipher_hash) {
    throw CodedError(file_errc::kCipherMismatch,
                     "The actual hash of the cipher does not match the given cipherHash.");
  }
  std::optional<crypto::Cipher> cipher;
  try {
    cipher = crypto::Cipher::Deserialize(
        std::string_view(reinterpret_cast<const char*>(blob.data()), blob.size()));
  } catch (const CodedError& e) {
    throw CodedError(file_errc::kInvalidCipher, std::string("file blob: ") + e.what());
  }
  auto plain = crypto::Decrypt(*cipher, metadata.secret_key);
  if (!HashMatches(plain, metadata.plaintext_hash)) {
    throw CodedError(file_errc::kPlaintextHashMismatch,
                     "The actual hash of the plaintext does not match the given plaintextHash.");
  }
  return plain;
}

bool VerifyFileOwnerSignature(std::string_view owner_signature, std::string_view plaintext_hash,
                              const crypto::SignaturePublicKey& device_key) {
  try {
    const auto digest = base64::DecodeUrlNoPad(plaintext_hash);
    return crypto::Verify(digest, crypto::Signature::FromBase64(owner_signature), device_key);
  } catch (const CodedError&) {
    return false;
  }
}

}  // namespace nmshd::transport
