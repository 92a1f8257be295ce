#include <strings.h>

#include "base/js_json.h"
#include "http/request.h"
#include "http/response.h"

namespace nmshd::http {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::QueryValue(const std::string& name) const {
  for (const auto& [k, v] : query) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Request::QueryValues(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) out.push_back(v);
  }
  return out;
}

const std::string& Request::PathParam(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

Response Response::Json(int status, const boost::json::value& value) {
  Response r{status, {{"Content-Type", "application/json; charset=utf-8"}}, json::Stringify(value)};
  return r;
}

Response Response::Bytes(int status, std::string content_type, std::string body) {
  return Response{status, {{"Content-Type", std::move(content_type)}}, std::move(body)};
}

Response& Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace nmshd::http
