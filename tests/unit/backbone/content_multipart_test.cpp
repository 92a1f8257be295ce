// The multipart/form-data parser: what npm form-data (used by @nmshd/transport's postMultipart)
// sends, the RFC 2046 liberties we accept, and malformed input.
#include <gtest/gtest.h>

#include "base/coded_error.h"
#include "content/multipart.h"

namespace nmshd::backbone::content {
namespace {

const std::string kBoundary = "--------------------------d5a8ae5ae157fdb10ddce5ba";
const std::string kContentType = "multipart/form-data; boundary=" + kBoundary;

// Captured from form-data 4 (node): a binary file part whose bytes contain CRLF and "--", then two
// fields.
std::string FormDataBody() {
  return "--" + kBoundary +
         "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"cipher.bin\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n" +
         std::string("\0\1\2\r\n--", 7) + "\r\n--" + kBoundary +
         "\r\nContent-Disposition: form-data; name=\"cipherHash\"\r\n\r\nabc\r\n--" + kBoundary +
         "\r\nContent-Disposition: form-data; "
         "name=\"expiresAt\"\r\n\r\n2030-01-01T00:00:00.000Z\r\n--" +
         kBoundary + "--\r\n";
}

std::string CodeOf(std::string_view content_type, std::string_view body,
                   MultipartLimits limits = {}) {
  try {
    ParseMultipartFormData(content_type, body, limits);
  } catch (const CodedError& e) {
    return e.code();
  }
  return "parsed";
}

TEST(Multipart, ParsesWhatFormDataSends) {
  auto parts = ParseMultipartFormData(kContentType, FormDataBody());
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "content");
  EXPECT_EQ(parts[0].filename, "cipher.bin");
  EXPECT_EQ(parts[0].content_type, "application/octet-stream");
  EXPECT_EQ(parts[0].data, std::string("\0\1\2\r\n--", 7));
  EXPECT_EQ(parts[1].name, "cipherHash");
  EXPECT_FALSE(parts[1].filename.has_value());
  EXPECT_EQ(parts[1].data, "abc");
  EXPECT_EQ(parts[2].data, "2030-01-01T00:00:00.000Z");
  ASSERT_NE(FindPart(parts, "CIPHERHASH"), nullptr);
  EXPECT_EQ(FindPart(parts, "owner"), nullptr);
}

TEST(Multipart, AcceptsQuotedBoundaryPreambleEpiloguePaddingAndHeaderCase) {
  std::string body =
      "This is the preamble.\r\n--b:1 x\r\ncontent-disposition: FORM-DATA; NAME=\"a\\\"b\"\r\n\r\n"
      "v1\r\n--b:1 x  \t\r\nContent-Disposition: form-data; name=token\r\n\r\n\r\n--b:1 "
      "x--\r\nepilogue";
  auto parts =
      ParseMultipartFormData("Multipart/Form-Data; charset=utf-8; boundary=\"b:1 x\"", body);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "a\"b");
  EXPECT_EQ(parts[0].data, "v1");
  EXPECT_EQ(parts[1].name, "token");
  EXPECT_EQ(parts[1].data, "") << "an empty value";
}

TEST(Multipart, RejectsMalformedInput) {
  const std::string bad = "error.platform.inputCannotBeParsed";
  EXPECT_EQ(CodeOf("application/json", FormDataBody()), bad);
  EXPECT_EQ(CodeOf("multipart/form-data", FormDataBody()), bad) << "no boundary";
  EXPECT_EQ(CodeOf("multipart/form-data; boundary=", FormDataBody()), bad);
  EXPECT_EQ(CodeOf("multipart/form-data; boundary=" + std::string(71, 'a'), FormDataBody()), bad);
  EXPECT_EQ(CodeOf("multipart/form-data; boundary=a{b", FormDataBody()), bad);
  EXPECT_EQ(CodeOf("multipart/form-data; boundary=\"abc", FormDataBody()), bad);
  EXPECT_EQ(CodeOf("multipart/form-data; boundary=other", FormDataBody()), bad)
      << "first delimiter missing";
  EXPECT_EQ(CodeOf(kContentType, ""), bad);

  auto body = FormDataBody();
  EXPECT_EQ(CodeOf(kContentType, body.substr(0, body.size() - 4)), bad) << "closing delimiter cut";
  EXPECT_EQ(CodeOf(kContentType, body.substr(0, 120)), bad) << "truncated in a part";

  auto part = [](const std::string& headers, const std::string& value = "v") {
    return "--x\r\n" + headers + "\r\n\r\n" + value + "\r\n--x--\r\n";
  };
  const std::string ct = "multipart/form-data; boundary=x";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; name=\"a\"")), "parsed");
  EXPECT_EQ(CodeOf(ct, part("Content-Type: text/plain")), bad) << "no Content-Disposition";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: attachment; name=\"a\"")), bad);
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; filename=\"f\"")), bad) << "no name";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; name=\"\"")), bad);
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data;\r\n name=\"a\"")), bad)
      << "folded header";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition form-data; name=\"a\"")), bad) << "no colon";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; name=\"a")), bad) << "open quote";
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; name=\"a\"x")), bad);
  EXPECT_EQ(CodeOf(ct, part("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: "
                            "form-data; name=\"b\"")),
            bad);
  EXPECT_EQ(CodeOf(ct, "--x\r\n\r\nv\r\n--x--"), bad) << "a part without headers";
  EXPECT_EQ(CodeOf(ct, "--xjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x--"),
            bad);
  EXPECT_EQ(CodeOf(ct,
                   "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x\r\n"
                   "Content-Disposition: form-data; name=\"A\"\r\n\r\nw\r\n--x--"),
            bad)
      << "the same field twice";
}

TEST(Multipart, EnforcesItsBounds) {
  const std::string ct = "multipart/form-data; boundary=x";
  std::string many;
  for (int i = 0; i < 3; ++i) {
    many +=
        "--x\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
  }
  many += "--x--";
  MultipartLimits limits;
  limits.max_parts = 2;
  EXPECT_EQ(CodeOf(ct, many, limits), "error.platform.inputCannotBeParsed");
  limits.max_parts = 3;
  EXPECT_EQ(CodeOf(ct, many, limits), "parsed");

  std::string big_header =
      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p') +
      "\r\n\r\nv\r\n--x--";
  EXPECT_EQ(CodeOf(ct, big_header), "error.platform.inputCannotBeParsed");
  std::string no_header_end =
      "--x\r\nContent-Disposition: form-data; name=\"a\"" + std::string(100, ' ');
  EXPECT_EQ(CodeOf(ct, no_header_end), "error.platform.inputCannotBeParsed");
}

}  // namespace
}  // namespace nmshd::backbone::content
