#pragma once
// The signed challenge of POST /Identities and POST /Devices (backbone-protocol §1.2, official
// Devices.Application ChallengeValidator):
//   {"challenge": "<JSON string, verbatim as signed>", "signature": b64(UTF-8 JSON CryptoSignature)}
// Checks, in the official order:
//   1. Ed25519 over the UTF-8 bytes of `challenge` exactly as sent, with the given identity key
//      -> else 400 error.platform.validation.device.invalidSignature
//      (also for a signature that is not a CryptoSignature JSON at all; the official server
//      answers that with a 500);
//   2. `challenge` parsed as JSON, its `id` (case-insensitive member) must be a stored challenge
//      -> else 404 "Challenge not found.";
//   3. not expired in the official sense (challenges/challenges.h)
//      -> else 400 error.platform.validation.device.challengeHasExpired.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "backbone_context.h"
#include "crypto/signature_public_key.h"
#include "storage/document_store.h"

namespace nmshd::backbone::identities {

struct SignedChallenge {
  std::string challenge;
  std::vector<std::uint8_t> signature;  // the decoded bytes of the `signature` member (JSON text)

  // Reads the `signedChallenge` member object (both members required, not empty).
  static SignedChallenge FromJson(const boost::json::object& signed_challenge);
};

// Parses the identity public key bytes (UTF-8 JSON of a CryptoSignaturePublicKey, Ed25519);
// throws 400 error.platform.validation.invalidPropertyValue naming `member` otherwise.
crypto::SignaturePublicKey ParseIdentityPublicKey(const std::vector<std::uint8_t>& bytes,
                                                  std::string_view member);

void VerifySignedChallenge(storage::Transaction& tx, const BackboneContext& ctx,
                           const SignedChallenge& signed_challenge,
                           const crypto::SignaturePublicKey& key);

}  // namespace nmshd::backbone::identities
