#pragma once
// multipart/form-data bodies as the `form-data` package builds them for RESTClient.postMultipart
// (file upload: the encrypted content goes as part "content" with filename "cipher.bin").
#include <optional>
#include <string>
#include <vector>

namespace nmshd::transport {

struct MultipartPart {
  std::string name;
  std::string content;                      // raw bytes
  std::optional<std::string> filename;      // set for file parts
  std::optional<std::string> content_type;  // defaults to application/octet-stream for file parts
};

struct MultipartBody {
  std::string content_type;  // "multipart/form-data; boundary=…"
  std::string body;
};

// A random boundary that occurs in no part.
MultipartBody BuildMultipartBody(const std::vector<MultipartPart>& parts);
// With a given boundary (tests); the caller guarantees it occurs in no part.
MultipartBody BuildMultipartBody(const std::vector<MultipartPart>& parts, const std::string& boundary);

}  // namespace nmshd::transport
