#pragma once
// The key that encrypts the identity's secrets at rest (private keys, device password, relationship
// secrets). It never lives in the database: a stolen database or backup alone must not give away
// the identity. Sources, first match wins:
//   1. config `keyMaterial.key` (env CONNECTOR_MASTER_KEY or keyMaterial__key): base64 or
//      base64url of exactly 32 bytes;
//   2. config `keyMaterial.keyFile` (env CONNECTOR_MASTER_KEY_FILE): a file holding that text;
//   3. the default key file next to the data (`<database.folder>/<dbName>.masterkey`).
// Only in case 3, and only while the database holds no identity yet, a missing file is created
// (mode 0600) so a plain first start works. Everything else that is missing or malformed is a
// start error; the caller then refuses to start rather than create a new identity.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace nmshd::transport {

struct MasterKeySettings {
  std::optional<std::string> key;                   // keyMaterial.key
  std::optional<std::filesystem::path> key_file;    // keyMaterial.keyFile
  std::filesystem::path default_key_file;           // used when neither is configured
};

class MasterKey {
 public:
  static constexpr std::size_t kSize = 32;

  // Throws CodedError:
  //   error.connector.keyMaterial.invalidKey   the configured key or file content is not 32 bytes
  //   error.connector.keyMaterial.missing      the key file does not exist (and may not be created)
  //   error.connector.keyMaterial.unreadable   the key file exists but cannot be read/created
  static MasterKey Resolve(const MasterKeySettings& settings, bool may_create_default_file);
  static MasterKey FromText(std::string_view text);  // base64/base64url of 32 bytes (whitespace trimmed)
  static MasterKey Generate();

  const std::array<std::uint8_t, kSize>& bytes() const { return bytes_; }
  // Where it came from, for logs and `connector check` (never the key itself).
  const std::string& source() const { return source_; }
  // True when Resolve created the default key file during this call.
  bool created() const { return created_; }
  std::string ToText() const;  // base64url without padding

 private:
  std::array<std::uint8_t, kSize> bytes_{};
  std::string source_;
  bool created_ = false;
};

}  // namespace nmshd::transport
