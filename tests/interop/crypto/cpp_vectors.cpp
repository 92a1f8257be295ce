#include "cpp_vectors.h"

#include <sodium.h>

#include <functional>
#include <stdexcept>

#include "base/base64.h"
#include "base/hex.h"
#include "base/js_json.h"
#include "crypto/derivation.h"
#include "crypto/encryption.h"
#include "crypto/exchange.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/relationship_secrets.h"
#include "crypto/signatures.h"

namespace nmshd::crypto::interop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string B64(std::span<const std::uint8_t> b) { return base64::EncodeUrlNoPad(b); }
Bytes FromB64(const value& v) { return base64::DecodeUrlNoPad(std::string_view(v.as_string())); }
std::string Str(const value& v) { return std::string(v.as_string()); }
std::string Text(const object& o) { return json::Stringify(o); }
std::string Text(const value& v) { return json::Stringify(v); }

std::string RandomText() { return "text " + RandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789") + " äöü €"; }

struct Mismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Same(const std::string& a, const std::string& b, const std::string& what) {
  if (a != b) throw Mismatch(what + ": " + a + " != " + b);
}
void True(bool v, const std::string& what) {
  if (!v) throw Mismatch(what + " is false");
}

array Messages(RelationshipSecrets& side, int n) {
  array out;
  for (int i = 0; i < n; ++i) {
    const std::string plain = RandomText();
    out.push_back(object{{"plaintext", B64(Utf8Bytes(plain))},
                         {"cipher", side.Encrypt(Utf8Bytes(plain)).ToBase64()}});
  }
  return out;
}

}  // namespace

object GenerateVectors() {
  object v;
  v["generator"] = "nmshd C++ crypto";

  array signatures;
  for (auto alg : {HashAlgorithm::kSha512, HashAlgorithm::kSha256}) {
    auto kp = SignatureKeypair::Generate();
    const std::string message = RandomText();
    auto sig = Sign(Utf8Bytes(message), kp.privateKey(), alg);
    signatures.push_back(object{{"keypair", kp.ToJson()},
                                {"publicKeyBase64", kp.publicKey().ToBase64()},
                                {"message", B64(Utf8Bytes(message))},
                                {"alg", static_cast<int>(alg)},
                                {"signature", sig.ToBase64()}});
  }
  v["signatures"] = std::move(signatures);

  array ciphers;
  for (std::size_t size : {0, 1, 100, 5000}) {
    auto key = SecretKey::Generate();
    auto plain = RandomBytes(size);
    auto cipher = Encrypt(plain, key);
    ciphers.push_back(object{{"key", key.ToJson()},
                             {"plaintext", B64(plain)},
                             {"cipher", cipher.ToBase64()},
                             {"cipherJson", cipher.Serialize()}});
  }
  v["ciphers"] = std::move(ciphers);

  array counter_ciphers;
  for (std::uint32_t counter : {0u, 1u, 255u, 256u, 65537u, 4294967295u}) {
    auto key = SecretKey::Generate();
    const Nonce nonce = RandomNonce();
    const std::string plain = RandomText();
    auto cipher = EncryptWithCounter(Utf8Bytes(plain), key, nonce, counter);
    counter_ciphers.push_back(object{{"key", key.ToJson()},
                                     {"nonce", B64(nonce)},
                                     {"counter", counter},
                                     {"plaintext", B64(Utf8Bytes(plain))},
                                     {"cipher", cipher.ToBase64()}});
  }
  v["counterCiphers"] = std::move(counter_ciphers);

  array exchange;
  for (int i = 0; i < 2; ++i) {
    auto requestor = ExchangeKeypair::Generate();
    auto templator = ExchangeKeypair::Generate();
    exchange.push_back(
        object{{"requestor", requestor.ToJson()},
               {"templator", templator.ToJson()},
               {"requestorSecrets", DeriveRequestor(requestor, templator.publicKey()).ToJson()},
               {"templatorSecrets", DeriveTemplator(templator, requestor.publicKey()).ToJson()}});
  }
  v["exchange"] = std::move(exchange);

  array kdf;
  std::uint64_t key_id = 0;
  for (auto context : {kdf_context::kRequestTemplate, kdf_context::kRelationshipRequestor,
                       kdf_context::kRelationshipTemplator, kdf_context::kSecret,
                       kdf_context::kDevice, kdf_context::kDataSync}) {
    auto base = RandomBytes(32);
    key_id = key_id * 7 + randombytes_uniform(1000);
    kdf.push_back(object{{"base", B64(base)},
                         {"keyId", key_id},
                         {"context", context},
                         {"key", DeriveKeyFromBase(base, key_id, context).ToJson()}});
  }
  v["kdf"] = std::move(kdf);

  array passwords;
  for (const std::string& password : {RandomText(), std::string("a")}) {
    auto salt = RandomBytes(16);
    auto key = DeriveKeyFromPassword(Utf8Bytes(password), salt);
    passwords.push_back(object{{"password", password},
                               {"salt", B64(salt)},
                               {"key", key.ToJson()},
                               {"hash", base64::EncodeStandard(key.bytes())}});
  }
  v["passwords"] = std::move(passwords);

  array hashes;
  for (std::size_t size : {0, 3, 1000}) {
    auto data = RandomBytes(size);
    hashes.push_back(object{{"data", B64(data)},
                            {"sha256", ToHex(Sha256(std::span<const std::uint8_t>(data)))},
                            {"sha512", ToHex(Sha512(data))}});
  }
  v["hashes"] = std::move(hashes);

  auto template_keypair = ExchangeKeypair::Generate();
  auto templator_identity = SignatureKeypair::Generate();
  auto request =
      RelationshipRequestSecrets::FromPeer(template_keypair.publicKey(), templator_identity.publicKey());
  const std::string request_content = RandomText();
  auto public_request = request.ToPublicRequest();
  auto templator = RelationshipSecrets::FromRelationshipRequest(public_request, template_keypair);
  const std::string templator_secrets = Text(templator.ToJson());
  auto public_response = templator.ToPublicResponse();
  auto requestor = RelationshipSecrets::FromRelationshipResponse(public_response, request);
  const std::string response_content = RandomText();
  object rel;
  rel["templateKeypair"] = template_keypair.ToJson();
  rel["templatorIdentity"] = templator_identity.ToJson();
  rel["requestSecrets"] = Text(request.ToJson());
  rel["publicRequest"] = public_request.ToBase64();
  rel["requestContent"] = B64(Utf8Bytes(request_content));
  rel["requestCipher"] = request.EncryptRequest(Utf8Bytes(request_content)).ToBase64();
  rel["requestSignature"] = request.Sign(Utf8Bytes(request_content)).ToBase64();
  rel["templatorSecrets"] = templator_secrets;
  rel["publicResponse"] = public_response.ToBase64();
  rel["requestorSecrets"] = Text(requestor.ToJson());
  rel["responseContent"] = B64(Utf8Bytes(response_content));
  rel["responseSignature"] = templator.Sign(Utf8Bytes(response_content)).ToBase64();
  rel["templatorMessages"] = Messages(templator, 3);
  rel["requestorMessages"] = Messages(requestor, 3);
  v["relationship"] = std::move(rel);
  return v;
}

std::vector<CheckResult> VerifyVectors(const value& vectors) {
  std::vector<CheckResult> results;
  auto check = [&](const std::string& name, const std::function<void()>& fn) {
    try {
      fn();
      results.push_back({name, true, ""});
    } catch (const std::exception& e) {
      results.push_back({name, false, e.what()});
    }
  };
  const auto& v = vectors.as_object();
  auto list = [&](std::string_view key) -> const array& {
    static const array kEmpty;
    const auto* a = v.if_contains(key);
    return a != nullptr ? a->as_array() : kEmpty;
  };

  int i = 0;
  for (const auto& item : list("signatures")) {
    const auto& s = item.as_object();
    check("signature[" + std::to_string(i++) + "]", [&] {
      auto kp = SignatureKeypair::FromJson(s.at("keypair"));
      Same(Text(kp.ToJson()), Text(s.at("keypair")), "keypair JSON");
      Same(kp.publicKey().ToBase64(), Str(s.at("publicKeyBase64")), "public key toBase64");
      True(kp.privateKey().ToPublicKey() == kp.publicKey(), "private->public");
      auto sig = Signature::FromBase64(Str(s.at("signature")));
      Same(sig.ToBase64(), Str(s.at("signature")), "signature toBase64");
      Same(std::to_string(static_cast<int>(sig.algorithm())), Text(s.at("alg")), "signature alg");
      const Bytes msg = FromB64(s.at("message"));
      True(Verify(msg, sig, kp.publicKey()), "verify");
      True(!Verify(Utf8Bytes("tampered"), sig, kp.publicKey()), "verify(tampered) == false");
      Same(Sign(msg, kp.privateKey(), sig.algorithm()).ToBase64(), Str(s.at("signature")), "re-sign");
    });
  }
  i = 0;
  for (const auto& item : list("ciphers")) {
    const auto& x = item.as_object();
    check("cipher[" + std::to_string(i++) + "]", [&] {
      auto key = SecretKey::FromJson(x.at("key"));
      Same(Text(key.ToJson()), Text(x.at("key")), "key JSON");
      auto cipher = Cipher::FromBase64(Str(x.at("cipher")));
      Same(cipher.ToBase64(), Str(x.at("cipher")), "cipher toBase64");
      Same(cipher.Serialize(), Str(x.at("cipherJson")), "cipher JSON");
      Same(B64(Decrypt(cipher, key)), Str(x.at("plaintext")), "decrypt");
      Same(Encrypt(FromB64(x.at("plaintext")), key, *cipher.nonce()).ToBase64(), Str(x.at("cipher")),
           "re-encrypt with the same nonce");
    });
  }
  i = 0;
  for (const auto& item : list("counterCiphers")) {
    const auto& x = item.as_object();
    check("counterCipher[" + std::to_string(i++) + "] cnt=" + Text(x.at("counter")), [&] {
      auto key = SecretKey::FromJson(x.at("key"));
      auto cipher = Cipher::FromBase64(Str(x.at("cipher")));
      Same(cipher.ToBase64(), Str(x.at("cipher")), "cipher toBase64");
      const auto counter = static_cast<std::uint32_t>(x.at("counter").to_number<std::uint64_t>());
      True(cipher.counter() == counter, "cnt");
      const Nonce nonce = ToNonce(FromB64(x.at("nonce")));
      Same(B64(DecryptWithCounter(cipher, key, nonce, counter)), Str(x.at("plaintext")), "decrypt");
      Same(EncryptWithCounter(FromB64(x.at("plaintext")), key, nonce, counter).ToBase64(),
           Str(x.at("cipher")), "re-encrypt");
    });
  }
  i = 0;
  for (const auto& item : list("exchange")) {
    const auto& x = item.as_object();
    check("exchange[" + std::to_string(i++) + "]", [&] {
      auto r = ExchangeKeypair::FromJson(x.at("requestor"));
      auto t = ExchangeKeypair::FromJson(x.at("templator"));
      Same(Text(r.ToJson()), Text(x.at("requestor")), "requestor keypair JSON");
      True(r.privateKey().ToPublicKey() == r.publicKey(), "private->public");
      Same(Text(DeriveRequestor(r, t.publicKey()).ToJson()), Text(x.at("requestorSecrets")),
           "requestor secrets");
      Same(Text(DeriveTemplator(t, r.publicKey()).ToJson()), Text(x.at("templatorSecrets")),
           "templator secrets");
    });
  }
  i = 0;
  for (const auto& item : list("kdf")) {
    const auto& x = item.as_object();
    check("kdf[" + std::to_string(i++) + "] " + Str(x.at("context")), [&] {
      auto key = DeriveKeyFromBase(FromB64(x.at("base")), x.at("keyId").to_number<std::uint64_t>(),
                                   Str(x.at("context")));
      Same(Text(key.ToJson()), Text(x.at("key")), "derived key");
    });
  }
  i = 0;
  for (const auto& item : list("passwords")) {
    const auto& x = item.as_object();
    check("password[" + std::to_string(i++) + "]", [&] {
      auto key = DeriveKeyFromPassword(Utf8Bytes(Str(x.at("password"))), FromB64(x.at("salt")));
      Same(Text(key.ToJson()), Text(x.at("key")), "password key");
      Same(base64::EncodeStandard(key.bytes()), Str(x.at("hash")), "hashed password");
    });
  }
  i = 0;
  for (const auto& item : list("hashes")) {
    const auto& x = item.as_object();
    check("hash[" + std::to_string(i++) + "]", [&] {
      const Bytes data = FromB64(x.at("data"));
      Same(ToHex(Sha256(std::span<const std::uint8_t>(data))), Str(x.at("sha256")), "sha256");
      Same(ToHex(Sha512(data)), Str(x.at("sha512")), "sha512");
    });
  }

  const auto* rel = v.if_contains("relationship");
  if (rel == nullptr) return results;
  const auto& r = rel->as_object();
  auto parse = [](const value& text) { return json::Parse(std::string_view(text.as_string())); };
  try {
    auto template_keypair = ExchangeKeypair::FromJson(r.at("templateKeypair"));
    auto request = RelationshipRequestSecrets::FromJson(parse(r.at("requestSecrets")));
    auto public_request = RelationshipPublicRequest::FromBase64(Str(r.at("publicRequest")));
    auto public_response = RelationshipPublicResponse::FromBase64(Str(r.at("publicResponse")));
    auto templator = RelationshipSecrets::FromJson(parse(r.at("templatorSecrets")));
    const Bytes request_content = FromB64(r.at("requestContent"));

    check("relationship requestSecrets JSON",
          [&] { Same(Text(request.ToJson()), Str(r.at("requestSecrets")), "serialize"); });
    check("relationship templatorSecrets JSON",
          [&] { Same(Text(templator.ToJson()), Str(r.at("templatorSecrets")), "serialize"); });
    check("relationship publicRequest", [&] {
      Same(request.ToPublicRequest().ToBase64(), Str(r.at("publicRequest")), "toPublicRequest");
    });
    check("relationship publicResponse", [&] {
      Same(templator.ToPublicResponse().ToBase64(), Str(r.at("publicResponse")), "toPublicResponse");
    });
    check("relationship request key (templator recomputes)", [&] {
      auto master = DeriveTemplator(template_keypair, public_request.ephemeralKey());
      auto key = DeriveKeyFromBase(master.receivingKey(), 1, kdf_context::kRequestTemplate);
      True(key == request.secretKey(), "requestor's key");
      True(key == templator.parts().request_secret_key, "templator's rsk");
    });
    check("relationship request cipher + signature", [&] {
      auto cipher = Cipher::FromBase64(Str(r.at("requestCipher")));
      Same(B64(templator.DecryptRequest(cipher)), Str(r.at("requestContent")), "templator decrypts");
      auto own = RelationshipSecrets::FromRelationshipRequest(public_request, template_keypair);
      Same(B64(own.DecryptRequest(cipher)), Str(r.at("requestContent")), "fresh templator decrypts");
      auto sig = Signature::FromBase64(Str(r.at("requestSignature")));
      True(sig.algorithm() == HashAlgorithm::kSha256, "relationship signature alg is 1");
      True(templator.VerifyPeer(request_content, sig), "verify request signature");
    });
    check("relationship templator state keys", [&] {
      auto derived = DeriveTemplator(templator.parts().exchange_keypair, public_request.exchangeKey());
      True(DeriveKeyFromBase(derived.transmissionKey(), 1, kdf_context::kRelationshipTemplator) ==
               templator.parts().transmit_state.secretKey(),
           "tx");
      True(DeriveKeyFromBase(derived.receivingKey(), 1, kdf_context::kRelationshipRequestor) ==
               templator.parts().receive_state.secretKey(),
           "rx");
    });
    auto requestor = RelationshipSecrets::FromRelationshipResponse(public_response, request);
    check("relationship requestor completes handshake identically", [&] {
      Same(Text(requestor.ToJson()), Str(r.at("requestorSecrets")), "requestor secrets");
    });
    check("relationship response signature", [&] {
      True(requestor.VerifyPeer(FromB64(r.at("responseContent")),
                                Signature::FromBase64(Str(r.at("responseSignature")))),
           "verify");
    });
    i = 0;
    for (const auto& m : r.at("templatorMessages").as_array()) {
      check("relationship templator->requestor message[" + std::to_string(i++) + "]", [&] {
        Same(B64(requestor.DecryptPeer(Cipher::FromBase64(Str(m.at("cipher"))))),
             Str(m.at("plaintext")), "decryptPeer");
      });
    }
    i = 0;
    for (const auto& m : r.at("requestorMessages").as_array()) {
      check("relationship requestor->templator message[" + std::to_string(i++) + "]", [&] {
        Same(B64(templator.DecryptPeer(Cipher::FromBase64(Str(m.at("cipher"))))),
             Str(m.at("plaintext")), "decryptPeer");
      });
    }
    check("relationship new message after handshake", [&] {
      auto cipher = requestor.Encrypt(Utf8Bytes("reply from the verifier"));
      auto fresh = RelationshipSecrets::FromJson(parse(r.at("templatorSecrets")));
      Same(base64::ToString(fresh.DecryptPeer(cipher, true)), "reply from the verifier", "decrypt");
    });
  } catch (const std::exception& e) {
    results.push_back({"relationship (parsing)", false, e.what()});
  }
  return results;
}

}  // namespace nmshd::crypto::interop
