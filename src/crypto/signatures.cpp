#include "crypto/signatures.h"

#include <sodium.h>

#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/random.h"

namespace nmshd::crypto {
namespace {

void CheckContent(std::span<const std::uint8_t> content) {
  if (content.empty()) {
    throw CodedError(errc::kWrongBuffer, "the content to sign or verify must not be empty");
  }
}

}  // namespace

Signature Sign(std::span<const std::uint8_t> content, const SignaturePrivateKey& key,
               HashAlgorithm alg) {
  CheckContent(content);
  EnsureSodium();
  Bytes sig(crypto_sign_BYTES);
  if (crypto_sign_detached(sig.data(), nullptr, content.data(), content.size(),
                           key.bytes().data()) != 0) {
    throw CodedError(errc::kSignatureSign, "crypto_sign_detached failed");
  }
  return {std::move(sig), alg};
}

bool Verify(std::span<const std::uint8_t> content, const Signature& signature,
            const SignaturePublicKey& key) {
  CheckContent(content);
  EnsureSodium();
  return crypto_sign_verify_detached(signature.bytes().data(), content.data(), content.size(),
                                     key.bytes().data()) == 0;
}

}  // namespace nmshd::crypto
