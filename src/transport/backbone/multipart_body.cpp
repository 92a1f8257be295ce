#include "transport/backbone/multipart_body.h"

#include <string_view>

#include "crypto/random.h"

namespace nmshd::transport {
namespace {

// Names and filenames go into a quoted header parameter; quotes and line breaks would end it (the
// WHATWG form encoding escapes exactly these).
std::string QuoteParameter(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "%22"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

bool OccursInAnyPart(const std::vector<MultipartPart>& parts, const std::string& boundary) {
  for (const auto& part : parts) {
    if (part.content.find(boundary) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

MultipartBody BuildMultipartBody(const std::vector<MultipartPart>& parts) {
  std::string boundary;
  do {
    // Same shape as form-data's boundaries: 26 dashes and 24 random digits.
    boundary = std::string(26, '-') + crypto::RandomString(24, "0123456789");
  } while (OccursInAnyPart(parts, boundary));
  return BuildMultipartBody(parts, boundary);
}

MultipartBody BuildMultipartBody(const std::vector<MultipartPart>& parts, const std::string& boundary) {
  MultipartBody result;
  result.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& part : parts) {
    result.body += "--" + boundary + "\r\n";
    result.body += "Content-Disposition: form-data; name=" + QuoteParameter(part.name);
    if (part.filename) result.body += "; filename=" + QuoteParameter(*part.filename);
    result.body += "\r\n";
    if (part.content_type) {
      result.body += "Content-Type: " + *part.content_type + "\r\n";
    } else if (part.filename) {
      result.body += "Content-Type: application/octet-stream\r\n";
    }
    result.body += "\r\n";
    result.body += part.content;
    result.body += "\r\n";
  }
  result.body += "--" + boundary + "--\r\n";
  return result;
}

}  // namespace nmshd::transport
