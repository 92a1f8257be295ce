// Our crypto calls against the same operations as bare libsodium calls (the ceiling). Each benchmark
// reports items_per_second = operations per second; run.sh puts them next to @nmshd/crypto's numbers.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <string>

#include "crypto/derivation.h"
#include "crypto/encryption.h"
#include "crypto/random.h"
#include "crypto/signature_keypair.h"
#include "crypto/signatures.h"

namespace {

using nmshd::crypto::Bytes;
namespace nc = nmshd::crypto;

constexpr std::size_t kAbytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

void OursEncryptDecrypt(benchmark::State& state, std::size_t size) {
  const auto key = nc::SecretKey::Generate();
  const Bytes plain = nc::RandomBytes(size);
  for (auto _ : state) {
    auto cipher = nc::Encrypt(plain, key);
    auto back = nc::Decrypt(cipher, key);
    benchmark::DoNotOptimize(back.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// The buffer-reusing calls (for large payloads): no allocation or page faults per message.
void OursEncryptDecryptReuse(benchmark::State& state, std::size_t size) {
  const auto key = nc::SecretKey::Generate();
  const Bytes plain = nc::RandomBytes(size);
  Bytes spare;
  Bytes back;
  for (auto _ : state) {
    auto cipher = nc::Encrypt(plain, key, std::move(spare));
    nc::Decrypt(cipher, key, back);
    benchmark::DoNotOptimize(back.data());
    spare = std::move(cipher).TakeBytes();
  }
  state.SetItemsProcessed(state.iterations());
}

// Same work including the wire form: encrypt -> CryptoCipher.toBase64() -> fromBase64 -> decrypt.
void OursEncryptDecryptJson(benchmark::State& state, std::size_t size) {
  const auto key = nc::SecretKey::Generate();
  const Bytes plain = nc::RandomBytes(size);
  for (auto _ : state) {
    const std::string wire = nc::Encrypt(plain, key).ToBase64();
    auto back = nc::Decrypt(nc::Cipher::FromBase64(wire), key);
    benchmark::DoNotOptimize(back.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void RawEncryptDecrypt(benchmark::State& state, std::size_t size) {
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  crypto_aead_xchacha20poly1305_ietf_keygen(key);
  const Bytes plain = nc::RandomBytes(size);
  Bytes cipher(size + kAbytes);
  Bytes back(size);
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  for (auto _ : state) {
    randombytes_buf(nonce, sizeof nonce);  // a fresh random nonce per message, as ours does
    unsigned long long clen = 0;
    unsigned long long mlen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(cipher.data(), &clen, plain.data(), plain.size(),
                                               nullptr, 0, nullptr, nonce, key);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(back.data(), &mlen, nullptr, cipher.data(), clen,
                                                   nullptr, 0, nonce, key) != 0) {
      state.SkipWithError("decrypt failed");
    }
    benchmark::DoNotOptimize(back.data());
  }
  state.SetItemsProcessed(state.iterations());
}

const Bytes& Message() {
  static const Bytes m = nc::RandomBytes(256);
  return m;
}

void OursSign(benchmark::State& state) {
  const auto kp = nc::SignatureKeypair::Generate();
  for (auto _ : state) benchmark::DoNotOptimize(nc::Sign(Message(), kp.privateKey()));
  state.SetItemsProcessed(state.iterations());
}

void RawSign(benchmark::State& state) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char sig[crypto_sign_BYTES];
  for (auto _ : state) {
    crypto_sign_detached(sig, nullptr, Message().data(), Message().size(), sk);
    benchmark::DoNotOptimize(sig);
  }
  state.SetItemsProcessed(state.iterations());
}

void OursVerify(benchmark::State& state) {
  const auto kp = nc::SignatureKeypair::Generate();
  const auto sig = nc::Sign(Message(), kp.privateKey());
  for (auto _ : state) {
    if (!nc::Verify(Message(), sig, kp.publicKey())) state.SkipWithError("verify failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void RawVerify(benchmark::State& state) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, Message().data(), Message().size(), sk);
  for (auto _ : state) {
    if (crypto_sign_verify_detached(sig, Message().data(), Message().size(), pk) != 0) {
      state.SkipWithError("verify failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void OursPassword(benchmark::State& state) {
  const Bytes salt = nc::RandomBytes(16);
  for (auto _ : state) {
    benchmark::DoNotOptimize(nc::DeriveKeyFromPassword(nc::Utf8Bytes("correct horse"), salt));
  }
  state.SetItemsProcessed(state.iterations());
}

void RawPassword(benchmark::State& state) {
  const Bytes salt = nc::RandomBytes(16);
  unsigned char out[32];
  const std::string pw = "correct horse";
  for (auto _ : state) {
    if (crypto_pwhash(out, sizeof out, pw.data(), pw.size(), salt.data(), 3, 20 * 1024 * 1024,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
      state.SkipWithError("pwhash failed");
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  nc::EnsureSodium();
  for (auto [name, size] : {std::pair{"1k", std::size_t{1024}}, std::pair{"1m", std::size_t{1} << 20}}) {
    benchmark::RegisterBenchmark((std::string("enc_dec_") + name + "/ours").c_str(), OursEncryptDecrypt, size);
    benchmark::RegisterBenchmark((std::string("enc_dec_") + name + "/raw").c_str(), RawEncryptDecrypt, size);
    benchmark::RegisterBenchmark((std::string("enc_dec_reuse_") + name + "/ours").c_str(), OursEncryptDecryptReuse, size);
    benchmark::RegisterBenchmark((std::string("enc_dec_json_") + name + "/ours").c_str(), OursEncryptDecryptJson, size);
  }
  benchmark::RegisterBenchmark("sign/ours", OursSign);
  benchmark::RegisterBenchmark("sign/raw", RawSign);
  benchmark::RegisterBenchmark("verify/ours", OursVerify);
  benchmark::RegisterBenchmark("verify/raw", RawVerify);
  benchmark::RegisterBenchmark("password/ours", OursPassword)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("password/raw", RawPassword)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
