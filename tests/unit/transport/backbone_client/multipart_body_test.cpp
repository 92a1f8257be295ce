#include "transport/backbone/multipart_body.h"

#include <gtest/gtest.h>

#include <string>

namespace nmshd::transport {
namespace {

TEST(MultipartBody, WritesPartsAsFormData) {
  using namespace std::string_literals;
  const auto body = BuildMultipartBody(
      {{"content", std::string("\x00\x01", 2), "cipher.bin", std::nullopt}, {"expiresAt", "2030", {}, {}}}, "BOUND");
  EXPECT_EQ(body.content_type, "multipart/form-data; boundary=BOUND");
  EXPECT_EQ(body.body, "--BOUND\r\n"
                                   "Content-Disposition: form-data; name=\"content\"; filename=\"cipher.bin\"\r\n"
                                   "Content-Type: application/octet-stream\r\n"
                                   "\r\n"
                                   "\x00\x01\r\n"
                                   "--BOUND\r\n"
                                   "Content-Disposition: form-data; name=\"expiresAt\"\r\n"
                                   "\r\n"
                                   "2030\r\n"
                                   "--BOUND--\r\n"s);
}

TEST(MultipartBody, EscapesQuotesAndLineBreaksInNames) {
  const auto body = BuildMultipartBody({{"a\"b\r\nc", "v", "f\".bin", "text/plain"}}, "B");
  EXPECT_NE(body.body.find("name=\"a%22b%0D%0Ac\"; filename=\"f%22.bin\"\r\nContent-Type: text/plain\r\n"),
            std::string::npos);
}

TEST(MultipartBody, RandomBoundaryDoesNotOccurInContent) {
  const auto body = BuildMultipartBody({{"content", std::string(1000, '-'), "cipher.bin", std::nullopt}});
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(body.content_type.rfind(prefix, 0), 0u);
  const std::string boundary = body.content_type.substr(prefix.size());
  EXPECT_EQ(boundary.size(), 50u);
  EXPECT_EQ(body.body.find(std::string(1000, '-')), body.body.find("\r\n\r\n") + 4);
}

}  // namespace
}  // namespace nmshd::transport
