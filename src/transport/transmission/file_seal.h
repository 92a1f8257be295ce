#pragma once
// Files as @nmshd/transport 7.0.0 FileController.sendFile / getOrLoadFile / downloadFileContent
// put them on the Backbone (backbone-protocol.md §3.3):
//   plaintextHash       = base64url(SHA-512(plain))
//   ownerSignature      = CryptoSignature.toBase64() of the DEVICE key's signature (alg 2, SHA512
//                         label) over the raw 64-byte SHA-512 digest
//   cipher blob         = UTF-8 of the CryptoCipher JSON (with "@type") of plain under a fresh K_F
//   cipherHash          = base64url(SHA-512(blob))
//   encryptedProperties = CryptoCipher.toBase64() of FileMetadata.serialize() under a fresh K_meta
// K_meta is what file references and token contents carry; K_F travels inside the metadata.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core_date.h"
#include "crypto/bytes.h"
#include "crypto/secret_key.h"
#include "crypto/signature_private_key.h"
#include "crypto/signature_public_key.h"
#include "transport/transmission/file_metadata.h"

namespace nmshd::transport {

// Transport config platformMaxUnencryptedFileSize.
inline constexpr std::size_t kMaxPlainFileSize = 10 * 1024 * 1024;

// SendFileParameters without the buffer.
struct FileSealInput {
  std::string filename;
  std::string mimetype;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> tags;
  std::optional<core::CoreDate> filemodified;
  core::CoreDate expires_at;  // not encrypted: the Backbone's own expiry field
};

// Everything the POST /api/v2/Files multipart request needs, plus what the owner keeps.
struct SealedFile {
  crypto::Bytes cipher_blob;         // part `content` (filename cipher.bin)
  std::string cipher_hash;           // field `cipherHash`
  std::string owner_signature;       // field `ownerSignature`
  std::string encrypted_properties;  // field `encryptedProperties`
  std::string expires_at;            // field `expiresAt`: CoreDate.toString() of the input
  crypto::SecretKey metadata_key;    // K_meta: the File's secretKey, goes into references
  FileMetadata metadata;             // holds K_F (secret_key), plaintext_hash and filesize
};

// error.transport.files.maxFileSizeExceeded above kMaxPlainFileSize, error.transport.files.invalidInput
// for an empty filename or mimetype. `device_key` is the active device's signature key (the official
// client signs with activeDevice, not the identity key).
SealedFile SealFile(std::span<const std::uint8_t> plain, const FileSealInput& input,
                    const crypto::SignaturePrivateKey& device_key);

// FileController.decryptFile: decrypts `encrypted_properties` (base64url CryptoCipher) with K_meta.
// Crypto codes for a bad cipher or key, error.transport.files.invalidMetadata for bad content.
FileMetadata OpenFileMetadata(std::string_view encrypted_properties, const crypto::SecretKey& metadata_key);

// downloadFileContent: checks the blob against `expected_cipher_hash` (the cipherHash the Backbone
// reported) -> error.transport.files.cipherMismatch, parses it (error.transport.files.invalidCipher),
// decrypts with metadata.secret_key (error.crypto.encryption.decrypt) and checks the plain bytes
// against metadata.plaintext_hash -> error.transport.files.plaintextHashMismatch.
crypto::Bytes OpenFileContent(std::span<const std::uint8_t> blob, const FileMetadata& metadata,
                              std::string_view expected_cipher_hash);

// True when `owner_signature` (base64url CryptoSignature) is the device's signature over the digest
// that `plaintext_hash` encodes. The official client never checks it (peers do not know the device
// key); a malformed signature or hash is false, not an exception.
bool VerifyFileOwnerSignature(std::string_view owner_signature, std::string_view plaintext_hash,
                              const crypto::SignaturePublicKey& device_key);

}  // namespace nmshd::transport
