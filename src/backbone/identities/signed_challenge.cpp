#include "identities/signed_challenge.h"

#include "api/api_errors.h"
#include "api/request_fields.h"
#include "base/js_json.h"
#include "challenges/challenges.h"
#include "core/backbone_ids.h"
#include "crypto/signature.h"
#include "crypto/signatures.h"

namespace nmshd::backbone::identities {

namespace json = boost::json;

namespace {

CodedError InvalidSignature() {
  return CodedError("error.platform.validation.device.invalidSignature", "The given signature is not valid.");
}

std::string_view AsText(const std::vector<std::uint8_t>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

SignedChallenge SignedChallenge::FromJson(const json::object& signed_challenge) {
  SignedChallenge out;
  out.challenge = RequiredNonEmptyString(signed_challenge, "challenge");
  out.signature = RequiredBytes(signed_challenge, "signature");
  return out;
}

crypto::SignaturePublicKey ParseIdentityPublicKey(const std::vector<std::uint8_t>& bytes,
                                                  std::string_view member) {
  try {
    return crypto::SignaturePublicKey::FromJson(json::parse(AsText(bytes)));
  } catch (const std::exception& e) {
    throw InvalidPropertyValue(member, std::string("not a CryptoSignaturePublicKey (") + e.what() + ").");
  }
}

void VerifySignedChallenge(storage::Transaction& tx, const BackboneContext& ctx,
                           const SignedChallenge& signed_challenge,
                           const crypto::SignaturePublicKey& key) {
  std::optional<crypto::Signature> signature;
  try {
    signature = crypto::Signature::FromJson(json::parse(AsText(signed_challenge.signature)));
  } catch (const std::exception&) {
    throw InvalidSignature();
  }
  const auto& text = signed_challenge.challenge;
  const std::span<const std::uint8_t> content(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  if (!crypto::Verify(content, *signature, key)) throw InvalidSignature();

  std::string id;
  try {
    auto parsed = json::parse(text);
    if (parsed.is_object()) {
      if (const auto* v = Member(parsed.get_object(), "id"); v != nullptr && v->is_string()) {
        id = std::string(v->get_string());
      }
    }
  } catch (const std::exception&) {
    // fall through: an unparsable challenge names no stored challenge
  }
  if (!core::IsBackboneId(id, core::backbone_ids::kChallenge)) throw NotFound("Challenge");
  auto challenge = challenges::FindChallenge(tx, id);
  if (!challenge) throw NotFound("Challenge");
  if (challenge->IsExpired(ctx.now())) {
    throw CodedError("error.platform.validation.device.challengeHasExpired",
                     "The given challenge has expired. Obtain a new challenge and try again.");
  }
}

}  // namespace nmshd::backbone::identities
