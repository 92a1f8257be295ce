#include "connector/webhooks/oauth2_token_source.h"

#include <cmath>

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

constexpr const char* kTokenRequestFailed = "error.connector.webhooks.tokenRequestFailed";

// application/x-www-form-urlencoded value, as URLSearchParams writes it (space as '+').
std::string FormEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '-' ||
        c == '.' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

}  // namespace

OAuth2TokenSource::OAuth2TokenSource(OAuth2Authentication config, std::chrono::milliseconds timeout)
    : config_(std::move(config)), timeout_(timeout) {}

std::string OAuth2TokenSource::Token(CurlSession& session, const std::atomic<bool>* abort) {
  std::lock_guard lock(mutex_);
  if (fetches_ > 0 && Clock::now() <= renewAt_) return token_;

  HttpPost request;
  request.url = config_.accessTokenUrl;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = "grant_type=client_credentials";
  if (config_.scope) request.body += "&scope=" + FormEncode(*config_.scope);
  request.timeout = timeout_;
  request.verifyTls = true;
  request.basicAuth = std::make_pair(config_.clientId, config_.clientSecret);

  auto received = Clock::now();
  auto response = session.Post(request, abort);
  if (response.status != 200) {
    throw CodedError(kTokenRequestFailed,
                     "token endpoint " + config_.accessTokenUrl + " answered " + std::to_string(response.status));
  }
  boost::json::error_code ec;
  auto json = boost::json::parse(response.body, ec);
  const auto* object = ec ? nullptr : json.if_object();
  const auto* token = object != nullptr ? object->if_contains("access_token") : nullptr;
  const auto* expiresIn = object != nullptr ? object->if_contains("expires_in") : nullptr;
  if (token == nullptr || !token->is_string() || expiresIn == nullptr || !expiresIn->is_number()) {
    throw CodedError(kTokenRequestFailed, "token endpoint " + config_.accessTokenUrl +
                                              " answered without access_token and expires_in");
  }
  const double seconds = expiresIn->to_number<double>();
  token_ = std::string(token->get_string());
  ++fetches_;
  // Renew 10 s before it expires; a lifetime of 10 s or less means: fetch again next time.
  const double validFor = std::isfinite(seconds) ? std::max(0.0, seconds - 10.0) : 0.0;
  const auto validMs = std::chrono::milliseconds(static_cast<std::int64_t>(std::min(validFor, 1e12) * 1000.0));
  renewAt_ = validFor > 0 ? received + validMs : Clock::time_point::min();
  return token_;
}

std::size_t OAuth2TokenSource::FetchCount() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

}  // namespace nmshd::connector
