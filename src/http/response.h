#pragma once
#include <boost/json/value.hpp>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response Json(int status, const boost::json::value& value);
  static Response NoContent() { return Response{204, {}, {}}; }
  static Response Bytes(int status, std::string content_type, std::string body);

  Response& SetHeader(std::string name, std::string value);
};

}  // namespace nmshd::http
