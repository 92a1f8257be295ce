#include "transport/transmission/token_content.h"

#include "relationship_test_support.h"

namespace nmshd::transport {
namespace {

using namespace relationship_test;

crypto::SecretKey FixedKey() { return crypto::SecretKey(crypto::Bytes(32, 7)); }
const std::string kFixedKeyB64 = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc";

TEST(TokenContent, RelationshipTemplateSerializesLikeTsServal) {
  const TokenContentRelationshipTemplate plain{"RLTbbbbbbbbbbbbbbbbb", FixedKey(), std::nullopt,
                                               std::nullopt};
  EXPECT_EQ(SerializeTokenContent(plain.ToJson()),
            R"({"@type":"TokenContentRelationshipTemplate","secretKey":{"key":")" + kFixedKeyB64 +
                R"(","alg":3},"templateId":"RLTbbbbbbbbbbbbbbbbb"})");

  const TokenContentRelationshipTemplate full{
      "RLTbbbbbbbbbbbbbbbbb", FixedKey(), "did:e:localhost:dids:0123456789abcdef0123ab",
      core::SharedPasswordProtection("pin5", std::vector<std::uint8_t>(16, 0xfb), 1)};
  EXPECT_EQ(
      SerializeTokenContent(full.ToJson()),
      R"({"@type":"TokenContentRelationshipTemplate","forIdentity":"did:e:localhost:dids:0123456789abcdef0123ab",)"
      R"("passwordProtection":{"passwordLocationIndicator":1,"passwordType":"pin5","salt":"-_v7-_v7-_v7-_v7-_v7-w"},)"
      R"("secretKey":{"key":")" +
          kFixedKeyB64 + R"(","alg":3},"templateId":"RLTbbbbbbbbbbbbbbbbb"})");
  EXPECT_EQ(TokenContentRelationshipTemplate::FromJson(full.ToJson()), full);
}

TEST(TokenContent, FileSerializesLikeTsServal) {
  const TokenContentFile file{"FILbbbbbbbbbbbbbbbbb", FixedKey()};
  EXPECT_EQ(SerializeTokenContent(file.ToJson()),
            R"({"@type":"TokenContentFile","fileId":"FILbbbbbbbbbbbbbbbbb","secretKey":{"key":")" +
                kFixedKeyB64 + R"(","alg":3}})");
  EXPECT_EQ(TokenContentFile::FromJson(file.ToJson()), file);
}

TEST(TokenContent, KnownTypesAreNormalisedAndOtherContentKeptAsGiven) {
  // Unsorted, verbose nested key: normalised through the class as the official writer does.
  const boost::json::object unsorted{{"templateId", "RLTbbbbbbbbbbbbbbbbb"},
                                     {"secretKey", FixedKey().ToJson(true)},
                                     {"@type", "TokenContentRelationshipTemplate"}};
  EXPECT_EQ(
      SerializeTokenContent(unsorted),
      SerializeTokenContent(
          TokenContentRelationshipTemplate{"RLTbbbbbbbbbbbbbbbbb", FixedKey(), {}, {}}.ToJson()));
  const boost::json::object arbitrary{{"z", 1},
                                      {"a", boost::json::object{{"y", "ü"}, {"b", nullptr}}}};
  EXPECT_EQ(SerializeTokenContent(arbitrary), R"({"z":1,"a":{"y":"ü","b":null}})");
}

TEST(TokenContent, SealedContentOpensWithItsKeyOnly) {
  const boost::json::object arbitrary{{"z", 1}, {"a", "text"}};
  const auto sealed = SealTokenContent(arbitrary);
  EXPECT_EQ(OpenTokenContent(sealed.content, sealed.secret_key), arbitrary);
  EXPECT_EQ(DecryptText(sealed.content, sealed.secret_key), R"({"z":1,"a":"text"})");
  ExpectCode([&] { OpenTokenContent(sealed.content, crypto::SecretKey::Generate()); },
             "error.crypto.encryption.decrypt");

  const TokenContentRelationshipTemplate typed{
      "RLTbbbbbbbbbbbbbbbbb", crypto::SecretKey::Generate(), {}, {}};
  const auto key = crypto::SecretKey::Generate();
  const auto opened = OpenTokenContent(SealTokenContent(typed.ToJson(), key), key);
  EXPECT_EQ(TokenContentRelationshipTemplate::FromJson(opened), typed);
}

TEST(TokenContent, InvalidTransportTypesAreRejected) {
  const auto key = crypto::SecretKey::Generate();
  const boost::json::object no_key{{"@type", "TokenContentRelationshipTemplate"},
                                   {"templateId", "RLTbbbbbbbbbbbbbbbbb"}};
  ExpectCode([&] { SealTokenContent(no_key); }, "error.transport.tokens.invalidTokenContent");
  ExpectCode([&] { OpenTokenContent(EncryptText(json::Stringify(no_key), key), key); },
             "error.transport.tokens.invalidTokenContent");
  const boost::json::object bad_key{
      {"@type", "TokenContentFile"},
      {"fileId", "FILbbbbbbbbbbbbbbbbb"},
      {"secretKey", boost::json::object{{"key", "short"}, {"alg", 3}}}};
  ExpectCode([&] { OpenTokenContent(EncryptText(json::Stringify(bad_key), key), key); },
             "error.transport.tokens.invalidTokenContent");
  ExpectCode([&] { OpenTokenContent(EncryptText("[1,2]", key), key); },
             "error.transport.tokens.invalidTokenContent");
  ExpectCode([&] { OpenTokenContent("garbage", key); },
             "error.transport.tokens.invalidTokenContent");
  ExpectCode(
      [&] {
        TokenContentFile::FromJson(
            TokenContentRelationshipTemplate{"RLTbbbbbbbbbbbbbbbbb", key, {}, {}}.ToJson());
      },
      "error.transport.tokens.invalidTokenContent");
}

}  // namespace
}  // namespace nmshd::transport
