#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

boost::json::object Envelope(const boost::json::value& result) {
  boost::json::object o;
  o["result"] = result;
  return o;
}

http::Response Attachment(int status, std::string content_type, std::string body, std::string_view filename) {
  auto response = http::Response::Bytes(status, std::move(content_type), std::move(body));
  response.SetHeader("Content-Disposition", "attachment;filename=" + EncodeUriComponent(filename));
  return response;
}

}  // namespace

http::Response Ok(const boost::json::value& result) { return http::Response::Json(200, Envelope(result)); }

http::Response Created(const boost::json::value& result) {
  auto response = http::Response::Json(201, Envelope(result));
  response.SetHeader("Location", "_");
  return response;
}

http::Response NoContent() { return http::Response::NoContent(); }

http::Response PngDownload(std::string png, std::string_view id, int status) {
  return Attachment(status, "image/png", std::move(png), std::string(id) + ".png");
}

http::Response FileDownload(std::string content, std::string mimetype, std::string_view filename) {
  return Attachment(200, std::move(mimetype), std::move(content), filename);
}

std::string EncodeUriComponent(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' ||
                c == '(' || c == ')';
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

}  // namespace nmshd::connector
