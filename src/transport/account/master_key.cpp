#include "transport/account/master_key.h"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/base64.h"
#include "base/coded_error.h"

namespace nmshd::transport {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes the key to a new file readable only by the owner; O_EXCL so two starting processes
// never write two different keys.
void CreateKeyFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw CodedError("error.connector.keyMaterial.unreadable",
                     "cannot create the key file " + path.string() + ": " + std::strerror(errno));
  }
  const std::string line = text + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    throw CodedError("error.connector.keyMaterial.unreadable", "cannot write the key file " + path.string());
  }
}

}  // namespace

MasterKey MasterKey::FromText(std::string_view text) {
  const auto trimmed = Trim(text);
  std::vector<std::uint8_t> bytes;
  try {
    bytes = base64::DecodeAny(trimmed);
  } catch (const std::exception&) {
    throw CodedError("error.connector.keyMaterial.invalidKey", "the key is not base64");
  }
  if (bytes.size() != kSize) {
    throw CodedError("error.connector.keyMaterial.invalidKey",
                     "the key must be 32 bytes, base64 encoded; it has " + std::to_string(bytes.size()) + " bytes");
  }
  MasterKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

MasterKey MasterKey::Generate() {
  MasterKey key;
  randombytes_buf(key.bytes_.data(), key.bytes_.size());
  key.source_ = "generated";
  return key;
}

std::string MasterKey::ToText() const {
  return base64::EncodeUrlNoPad(std::span<const std::uint8_t>(bytes_.data(), bytes_.size()));
}

MasterKey MasterKey::Resolve(const MasterKeySettings& settings, bool may_create_default_file) {
  if (settings.key && !settings.key->empty()) {
    auto key = FromText(*settings.key);
    key.source_ = "configuration (keyMaterial.key)";
    return key;
  }
  const bool configured_file = settings.key_file.has_value() && !settings.key_file->empty();
  const auto path = configured_file ? *settings.key_file : settings.default_key_file;
  if (auto text = ReadFile(path)) {
    auto key = FromText(*text);
    key.source_ = "key file " + path.string();
    return key;
  }
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    throw CodedError("error.connector.keyMaterial.unreadable", "cannot read the key file " + path.string());
  }
  if (configured_file || !may_create_default_file) {
    throw CodedError("error.connector.keyMaterial.missing",
                     "the key file " + path.string() +
                         " does not exist; the identity's secrets cannot be decrypted without it (configure "
                         "keyMaterial.key or keyMaterial.keyFile, or restore the file)");
  }
  auto key = Generate();
  CreateKeyFile(path, key.ToText());
  key.source_ = "key file " + path.string() + " (created)";
  key.created_ = true;
  return key;
}

}  // namespace nmshd::transport
