// XChaCha20-Poly1305 ciphers: the official sample decrypts, re-encryption with its nonce is byte
// identical, the counter nonce matches CoreBuffer.add, and the cipher JSON has the official shape.
#include "crypto/encryption.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

constexpr std::string_view kKey = "tcQi8Uh-NIQ4NdI2BTrSOLXiBBkJEoLoCkrOvUx4ipg";
constexpr std::string_view kCph = "J5c8l2Nuk8wEYlY8WBbonj6i62wxEb4wvxFfKaLQ";
constexpr std::string_view kNnc = "rXQGL-3-FmUdJFIaNGGKNS0UPkzPKR5y";

TEST(Encryption, OfficialSampleDecryptsAndReEncryptsIdentically) {
  SecretKey key(B64(kKey));
  EXPECT_EQ(Json(key.ToJson()), std::string(R"({"key":")") + std::string(kKey) +
                                    R"(","alg":3,"@type":"CryptoSecretKey"})");
  auto cipher = Cipher::FromBase64(
      "eyJjcGgiOiJKNWM4bDJOdWs4d0VZbFk4V0Jib25qNmk2Mnd4RWI0d3Z4RmZLYUxRIiwiYWxnIjozLCJubmMiOiJyWFFHTC0z"
      "LUZtVWRKRklhTkdHS05TMFVQa3pQS1I1eSIsIkB0eXBlIjoiQ3J5cHRvQ2lwaGVyIn0");
  EXPECT_EQ(Utf8(Decrypt(cipher, key)), "secret payload");
  auto again = Encrypt(Utf8Bytes("secret payload"), key, ToNonce(B64(kNnc)));
  EXPECT_EQ(again.bytes(), B64(kCph));
  EXPECT_EQ(again.Serialize(), std::string(R"({"cph":")") + std::string(kCph) + R"(","alg":3,"nnc":")" +
                                   std::string(kNnc) + R"(","@type":"CryptoCipher"})");
  EXPECT_EQ(again.Serialize(false), std::string(R"({"cph":")") + std::string(kCph) +
                                        R"(","alg":3,"nnc":")" + std::string(kNnc) + R"("})");
  EXPECT_EQ(again.Serialize(), Json(again.ToJson()));
  EXPECT_EQ(again.Serialize(false), Json(again.ToJson(false)));
  EXPECT_EQ(again.ToBase64(), cipher.ToBase64());
}

TEST(Encryption, RandomNonceRoundTripAndTamperDetection) {
  auto key = SecretKey::Generate();
  auto a = Encrypt(Utf8Bytes("payload"), key);
  auto b = Encrypt(Utf8Bytes("payload"), key);
  EXPECT_NE(a.nonce(), b.nonce());
  EXPECT_EQ(a.bytes().size(), 7u + 16u);
  auto parsed = Cipher::FromBase64(a.ToBase64());
  EXPECT_EQ(parsed, a);
  EXPECT_EQ(Utf8(Decrypt(parsed, key)), "payload");
  ExpectCoded([&] { Decrypt(a, SecretKey::Generate()); }, "error.crypto.encryption.decrypt");
  Bytes bad = a.bytes();
  bad[0] ^= 0x80;
  ExpectCoded([&] { Decrypt(Cipher::WithNonce(bad, *a.nonce()), key); },
              "error.crypto.encryption.decrypt");
}

TEST(Encryption, EmptyPlaintextAndLargePayloadRoundTrip) {
  auto key = SecretKey::Generate();
  EXPECT_TRUE(Decrypt(Encrypt({}, key), key).empty());
  Bytes big(1 << 20);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 31);
  auto c = Encrypt(big, key);
  EXPECT_EQ(Decrypt(Cipher::FromBase64(c.ToBase64()), key), big);
}

TEST(Encryption, AddCounterMatchesCoreBufferAdd) {
  // Values printed by CoreBuffer.add of @nmshd/crypto 2.1.3.
  Nonce n{};
  n.fill(0xff);
  n[20] = 0xfe;
  EXPECT_EQ(base64::EncodeUrlNoPad(AddCounter(n, 3)), "__________________________8BAAAA");
  Nonce z{};
  z[20] = z[21] = z[22] = z[23] = 0xff;
  EXPECT_EQ(base64::EncodeUrlNoPad(AddCounter(z, 1)), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  Nonce carry{};
  carry[20] = 0xff;
  EXPECT_EQ(base64::EncodeUrlNoPad(AddCounter(carry, 1)), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA");
  EXPECT_EQ(AddCounter(carry, 0), carry);
}

TEST(Encryption, CounterCipherCarriesOnlyCnt) {
  auto key = SecretKey::Generate();
  const Nonce base = RandomNonce();
  auto c = EncryptWithCounter(Utf8Bytes("state"), key, base, 5);
  EXPECT_FALSE(c.nonce());
  EXPECT_EQ(c.counter(), 5u);
  const std::string text = c.Serialize();
  EXPECT_EQ(text, std::string(R"({"cph":")") + base64::EncodeUrlNoPad(c.bytes()) +
                      R"(","alg":3,"cnt":5,"@type":"CryptoCipher"})");
  EXPECT_EQ(Utf8(DecryptWithCounter(Cipher::Deserialize(text), key, base, 5)), "state");
  // The counter nonce is literally base + counter: decrypting with that nonce works too.
  EXPECT_EQ(Utf8(Decrypt(c, key, AddCounter(base, 5))), "state");
  ExpectCoded([&] { DecryptWithCounter(c, key, base, 6); }, "error.crypto.encryption.decrypt");
  ExpectCoded([&] { Decrypt(c, key); }, "error.crypto.encryption.wrongNonce", "no nonce");
}

TEST(Encryption, WrongNonceLengthIsRejected) {
  ExpectCoded([] { ToNonce(Bytes(12)); }, "error.crypto.encryption.wrongNonce", "24 bytes");
}

}  // namespace
}  // namespace nmshd::crypto::test

namespace nmshd::crypto::test {
namespace {

TEST(Encryption, BufferReusingOverloadsRoundTripAndReuseStorage) {
  auto key = SecretKey::Generate();
  Bytes plain(4096, 7);
  auto first = Encrypt(plain, key);
  Bytes storage = std::move(first).TakeBytes();
  const auto* storage_data = storage.data();
  auto second = Encrypt(plain, key, std::move(storage));
  EXPECT_EQ(second.bytes().data(), storage_data);  // no new allocation for the same size
  Bytes out(3, 1);
  Decrypt(second, key, out);
  EXPECT_EQ(out, plain);
  ExpectCoded([&] { Decrypt(Cipher::WithCounter(second.bytes(), 1), key, out); },
              "error.crypto.encryption.wrongNonce");
  ExpectCoded([&] { Decrypt(second, SecretKey::Generate(), out); }, "error.crypto.encryption.decrypt");
}

}  // namespace
}  // namespace nmshd::crypto::test
