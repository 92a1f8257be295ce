// Token contents both ways against the official @nmshd/transport 7.0.0 (token_peer.js).
#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/identity_address.h"
#include "crypto/signature_keypair.h"
#include "node_runner.h"
#include "transport/transmission/template_password.h"
#include "transport/transmission/token_content.h"

namespace nmshd::transport {
namespace {

using testing::RunNodeJson;

std::vector<boost::json::object> Contents() {
  const auto address = core::IdentityAddress::Derive(
      crypto::SignatureKeypair::Generate().publicKey().bytes(), "localhost");
  return {
      TokenContentRelationshipTemplate{
          "RLTaaaaaaaaaaaaaaaaa", crypto::SecretKey::Generate(), {}, {}}
          .ToJson(),
      TokenContentRelationshipTemplate{
          "RLTbbbbbbbbbbbbbbbbb", crypto::SecretKey::Generate(), address.str(),
          core::SharedPasswordProtection("pin6", GeneratePasswordSalt(), 3)}
          .ToJson(),
      TokenContentFile{"FILaaaaaaaaaaaaaaaaa", crypto::SecretKey::Generate()}.ToJson(),
      boost::json::object{{"z", "arbitrary ü"}, {"a", boost::json::array{1, true, nullptr}}},
  };
}

std::string TypeName(const boost::json::object& content) {
  const auto* type = content.if_contains("@type");
  return type != nullptr ? std::string(type->as_string()) : "JSONWrapper";
}

TEST(TokenInterop, CppTokenContentsOpenInNode) {
  for (const auto& content : Contents()) {
    const auto sealed = SealTokenContent(content);
    const auto node = RunNodeJson("token_peer.js", {{"cmd", "open"},
                                                    {"content", sealed.content},
                                                    {"secretKey", sealed.secret_key.ToJson()}})
                          .as_object();
    ASSERT_FALSE(node.contains("error")) << json::Stringify(node);
    EXPECT_EQ(node.at("type").as_string(), TypeName(content));
    // The official class writes exactly the bytes we wrote.
    EXPECT_EQ(node.at("serialized").as_string(), SerializeTokenContent(content));
    if (TypeName(content) == TokenContentRelationshipTemplate::kType) {
      const auto typed = TokenContentRelationshipTemplate::FromJson(content);
      EXPECT_EQ(node.at("templateId").as_string(), typed.template_id);
      EXPECT_EQ(crypto::SecretKey::FromJson(node.at("secretKey")), typed.secret_key);
      if (typed.for_identity) {
        EXPECT_EQ(node.at("forIdentity").as_string(), *typed.for_identity);
      }
      if (typed.password_protection) {
        EXPECT_EQ(node.at("salt").as_string(),
                  base64::EncodeUrlNoPad(typed.password_protection->salt()));
      }
    }
    if (TypeName(content) == TokenContentFile::kType) {
      EXPECT_EQ(node.at("fileId"), "FILaaaaaaaaaaaaaaaaa");
      EXPECT_EQ(crypto::SecretKey::FromJson(node.at("secretKey")),
                TokenContentFile::FromJson(content).secret_key);
    }
  }
}

TEST(TokenInterop, NodeTokenContentsOpenInCpp) {
  for (const auto& content : Contents()) {
    const auto node =
        RunNodeJson("token_peer.js", {{"cmd", "seal"}, {"content", content}}).as_object();
    ASSERT_FALSE(node.contains("error")) << json::Stringify(node);
    const auto key = crypto::SecretKey::FromJson(node.at("secretKey"));
    const auto opened = OpenTokenContent(node.at("content").as_string(), key);
    EXPECT_EQ(SerializeTokenContent(opened), node.at("serialized").as_string());
    EXPECT_EQ(SerializeTokenContent(opened), SerializeTokenContent(content));
    if (TypeName(content) == TokenContentRelationshipTemplate::kType) {
      EXPECT_EQ(TokenContentRelationshipTemplate::FromJson(opened),
                TokenContentRelationshipTemplate::FromJson(content));
    } else if (TypeName(content) == TokenContentFile::kType) {
      EXPECT_EQ(TokenContentFile::FromJson(opened), TokenContentFile::FromJson(content));
    } else {
      EXPECT_EQ(opened, content);
    }
    EXPECT_THROW(OpenTokenContent(node.at("content").as_string(), crypto::SecretKey::Generate()),
                 CodedError);
  }
}

}  // namespace
}  // namespace nmshd::transport
