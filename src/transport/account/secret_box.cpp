#include "transport/account/secret_box.h"

#include <sodium.h>

#include <vector>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::transport {
namespace {

constexpr std::string_view kPrefix = "v1.";
constexpr std::string_view kKeyCheckContext = "keyCheck";
constexpr std::string_view kKeyCheckText = "nmshd-connector-key-check";

CodedError CannotDecrypt(std::string_view context) {
  return CodedError("error.connector.keyMaterial.cannotDecrypt",
                    "the secrets of " + std::string(context) +
                        " cannot be decrypted with the configured key material (wrong key or altered data)");
}

}  // namespace

SecretBox::SecretBox(MasterKey key) : key_(std::move(key)) {}

std::string SecretBox::Seal(const boost::json::object& secrets, std::string_view context) const {
  const std::string plain = json::Stringify(secrets);
  std::vector<std::uint8_t> out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                                crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, out.data(),
      key_.bytes().data());
  out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
  return std::string(kPrefix) + base64::EncodeUrlNoPad(std::span<const std::uint8_t>(out));
}

boost::json::object SecretBox::Open(std::string_view sealed, std::string_view context) const {
  if (sealed.substr(0, kPrefix.size()) != kPrefix) throw CannotDecrypt(context);
  std::vector<std::uint8_t> in;
  try {
    in = base64::DecodeUrlNoPad(sealed.substr(kPrefix.size()));
  } catch (const std::exception&) {
    throw CannotDecrypt(context);
  }
  constexpr auto kOverhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (in.size() < kOverhead) throw CannotDecrypt(context);
  std::string plain(in.size() - kOverhead, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr,
          in.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, in.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), in.data(),
          key_.bytes().data()) != 0) {
    throw CannotDecrypt(context);
  }
  plain.resize(written);
  boost::system::error_code ec;
  auto value = boost::json::parse(plain, ec);
  sodium_memzero(plain.data(), plain.size());
  if (ec || !value.is_object()) throw CannotDecrypt(context);
  return std::move(value.get_object());
}

std::string SecretBox::MakeKeyCheck() const {
  return Seal(boost::json::object{{"check", kKeyCheckText}}, kKeyCheckContext);
}

bool SecretBox::MatchesKeyCheck(std::string_view key_check) const {
  try {
    const auto opened = Open(key_check, kKeyCheckContext);
    const auto* check = opened.if_contains("check");
    return check != nullptr && check->is_string() && check->get_string() == kKeyCheckText;
  } catch (const CodedError&) {
    return false;
  }
}

}  // namespace nmshd::transport
