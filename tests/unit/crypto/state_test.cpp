// Counter states: transmit/receive pairing, order enforcement, omitCounterCheck, JSON shapes.
#include "crypto/encryption.h"
#include "crypto/private_state_receive.h"
#include "crypto/private_state_transmit.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

TEST(States, TransmitAndReceiveStayInStep) {
  auto key = SecretKey::Generate();
  auto tx = PrivateStateTransmit::Generate(key);
  auto rx = PrivateStateReceive::FromPublicState(tx.ToPublicState(), key);
  for (int i = 0; i < 3; ++i) {
    auto c = tx.Encrypt(Utf8Bytes("m" + std::to_string(i)));
    EXPECT_EQ(c.counter(), static_cast<std::uint32_t>(i));
    EXPECT_EQ(Utf8(tx.Decrypt(c)), "m" + std::to_string(i));
    EXPECT_EQ(Utf8(rx.Decrypt(Cipher::FromBase64(c.ToBase64()))), "m" + std::to_string(i));
  }
  EXPECT_EQ(tx.counter(), 3u);
  EXPECT_EQ(rx.counter(), 3u);
}

TEST(States, OutOfOrderNeedsOmitCounterCheck) {
  auto key = SecretKey::Generate();
  auto tx = PrivateStateTransmit::Generate(key);
  auto rx = PrivateStateReceive::FromNonce(tx.nonce(), key);
  auto c0 = tx.Encrypt(Utf8Bytes("zero"));
  auto c1 = tx.Encrypt(Utf8Bytes("one"));
  ExpectCoded([&] { rx.Decrypt(c1); }, "error.crypto.state.orderDoesNotMatch", "would be 0 and message is 1");
  EXPECT_EQ(Utf8(rx.Decrypt(c1, true)), "one");
  EXPECT_EQ(rx.counter(), 0u);  // omitCounterCheck leaves the counter alone
  EXPECT_EQ(Utf8(rx.Decrypt(c0)), "zero");
  EXPECT_EQ(rx.counter(), 1u);
  ExpectCoded([&] { rx.Decrypt(Encrypt(Utf8Bytes("x"), key)); }, "error.crypto.encryption.wrongCounter");
}

TEST(States, JsonShapesMatchOfficialLayout) {
  auto key = SecretKey::Generate();
  auto tx = PrivateStateTransmit::Generate(key);
  tx.Encrypt(Utf8Bytes("a"));
  const std::string nnc = base64::EncodeUrlNoPad(tx.nonce());
  const std::string k = base64::EncodeUrlNoPad(key.bytes());
  EXPECT_EQ(Json(tx.ToJson()), R"({"nnc":")" + nnc + R"(","cnt":1,"key":")" + k +
                                   R"(","alg":3,"typ":2,"@type":"CryptoPrivateStateTransmit"})");
  auto pub = tx.ToPublicState();
  EXPECT_EQ(Json(pub.ToJson()), R"({"@type":"CryptoPublicState","nnc":")" + nnc + R"(","alg":3,"typ":2})");
  EXPECT_EQ(Json(pub.ToJson(false)), R"({"nnc":")" + nnc + R"(","alg":3,"typ":2})");
  auto rx = PrivateStateReceive::FromPublicState(pub, key, 4);
  EXPECT_EQ(Json(rx.ToJson()), R"({"nnc":")" + nnc + R"(","cnt":4,"key":")" + k +
                                   R"(","alg":3,"typ":1,"@type":"CryptoPrivateStateReceive"})");
  EXPECT_EQ(Json(PrivateStateTransmit::FromJson(tx.ToJson()).ToJson()), Json(tx.ToJson()));
  EXPECT_EQ(Json(PrivateStateReceive::FromJson(rx.ToJson()).ToJson()), Json(rx.ToJson()));
  EXPECT_EQ(PublicState::FromJson(pub.ToJson()), pub);
}

TEST(States, TransmitStopsAtCounterLimit) {
  auto tx = PrivateStateTransmit(RandomNonce(), 0xFFFFFFFFULL, SecretKey::Generate());
  auto last = tx.Encrypt(Utf8Bytes("last"));
  EXPECT_EQ(last.counter(), 0xFFFFFFFFu);
  ExpectCoded([&] { tx.Encrypt(Utf8Bytes("more")); }, "error.crypto.encryption.wrongCounter");
}

TEST(States, SkipAheadLeavesAGapTheReceiverAcceptsWithOmitCounterCheck) {
  auto key = SecretKey::Generate();
  auto tx = PrivateStateTransmit::Generate(key);
  auto rx = PrivateStateReceive::FromNonce(tx.nonce(), key);
  auto before = tx.Encrypt(Utf8Bytes("before"));
  tx.SkipAhead(1000);
  auto after = tx.Encrypt(Utf8Bytes("after"));
  EXPECT_EQ(before.counter(), 0u);
  EXPECT_EQ(after.counter(), 1001u);
  EXPECT_NE(before.ToBase64(), after.ToBase64());
  EXPECT_EQ(Utf8(rx.Decrypt(after, true)), "after");
  EXPECT_EQ(Utf8(tx.Decrypt(after)), "after");
}

TEST(States, SkipAheadRefusesToPassTheCounterLimit) {
  auto tx = PrivateStateTransmit(RandomNonce(), 0xFFFFFFF0ULL, SecretKey::Generate());
  ExpectCoded([&] { tx.SkipAhead(0x10); }, "error.crypto.encryption.wrongCounter");
  EXPECT_EQ(tx.counter(), 0xFFFFFFF0ULL);  // unchanged by the refused skip
  tx.SkipAhead(0xF);
  EXPECT_EQ(tx.Encrypt(Utf8Bytes("last")).counter(), 0xFFFFFFFFu);
}

}  // namespace
}  // namespace nmshd::crypto::test
