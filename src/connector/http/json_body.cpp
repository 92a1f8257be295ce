#include "connector/http/json_body.h"

#include <strings.h>

namespace nmshd::connector {

bool IsJsonContentType(const http::Request& request) {
  auto type = request.Header("Content-Type");
  if (!type) return false;
  std::string_view media(*type);
  media = media.substr(0, media.find(';'));
  auto first = media.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  auto last = media.find_last_not_of(" \t");
  media = media.substr(first, last - first + 1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() && strncasecmp(media.data(), kJson.data(), kJson.size()) == 0;
}

JsonBody ReadJsonBody(const http::Request& request, std::size_t limit) {
  if (request.body.empty() || !IsJsonContentType(request)) return {};
  if (request.body.size() > limit) return {JsonBody::Outcome::kTooLarge, nullptr};
  auto first = request.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (request.body[first] != '{' && request.body[first] != '[')) {
    return {JsonBody::Outcome::kInvalid, nullptr};
  }
  boost::json::parse_options options;
  options.max_depth = 128;  // JSON.parse has no small nesting limit; Boost's default is 32
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body, ec, {}, options);
  if (ec) return {JsonBody::Outcome::kInvalid, nullptr};
  return {JsonBody::Outcome::kParsed, std::move(value)};
}

}  // namespace nmshd::connector
