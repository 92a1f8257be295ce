#pragma once
// CryptoSignatures.sign / verify: plain libsodium Ed25519 detached signatures over the raw bytes.
#include <span>

#include "crypto/signature.h"
#include "crypto/signature_private_key.h"
#include "crypto/signature_public_key.h"

namespace nmshd::crypto {

// Empty content throws error.crypto.wrongBuffer (the official library requires at least 1 byte).
Signature Sign(std::span<const std::uint8_t> content, const SignaturePrivateKey& key,
               HashAlgorithm alg = HashAlgorithm::kSha512);
bool Verify(std::span<const std::uint8_t> content, const Signature& signature,
            const SignaturePublicKey& key);

}  // namespace nmshd::crypto
