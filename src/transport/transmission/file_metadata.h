#pragma once
// FileMetadata of @nmshd/transport 7.0.0 (modules/files/transmission/FileMetadata.ts): what the
// owner encrypts into a file's `encryptedProperties`. It carries the content key, so whoever holds
// the metadata key can download and decrypt the file. Serialized by ts-serval with "@type" and
// sorted keys; optional fields are left out when absent, as ts-serval drops undefined values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core_date.h"
#include "crypto/secret_key.h"

namespace nmshd::transport {

struct FileMetadata {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::string filename;
  std::optional<std::vector<std::string>> tags;
  std::string plaintext_hash;    // base64url(SHA-512(plain)), CoreHash
  crypto::SecretKey secret_key;  // K_F, encrypts the content blob
  std::uint64_t filesize = 0;    // plain bytes
  std::optional<core::CoreDate> filemodified;
  std::string mimetype;

  // FileMetadata.serialize(): {"@type":"FileMetadata","description"?,"filemodified"?,"filename",
  // "filesize","mimetype","plaintextHash","secretKey":{"key","alg"},"tags"?,"title"?}.
  std::string Serialize() const;
  // FileMetadata.deserialize plus the decryptFile instanceof check: anything else throws
  // error.transport.files.invalidMetadata naming the field.
  static FileMetadata Parse(std::string_view json_text);
};

}  // namespace nmshd::transport
