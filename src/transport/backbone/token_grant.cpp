#include "transport/backbone/token_grant.h"

#include <boost/json.hpp>
#include <charconv>
#include <optional>

#include "transport/backbone/backbone_error.h"
#include "transport/backbone/response_reader.h"
#include "transport/backbone/url_encoding.h"

namespace nmshd::transport {
namespace {

[[noreturn]] void ThrowNoGrant(int status, boost::json::value details = nullptr) {
  throw BackboneError("error.transport.request.noAuthGrant",
                      "Backbone did not grant authentication. Are the credentials correct?", "post",
                      std::string(kTokenPath), status, "", std::move(details));
}

std::optional<std::int64_t> ExpiresIn(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) return static_cast<std::int64_t>(value.get_uint64());
  if (value.is_double()) return static_cast<std::int64_t>(value.get_double());
  if (value.is_string()) {
    // parseInt: leading digits count, the rest is ignored.
    const auto& text = value.get_string();
    std::int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc() && end != text.data()) return parsed;
  }
  return std::nullopt;
}

}  // namespace

std::string TokenRequestBody(const BackboneClientOptions& options, const DeviceCredentials& credentials) {
  return EncodeQuery({{"client_id", options.client_id},
                      {"client_secret", options.client_secret},
                      {"grant_type", "password"},
                      {"username", credentials.username},
                      {"password", credentials.password}});
}

AccessTokenGrant ReadTokenGrant(const HttpResponse& response) {
  boost::system::error_code ec;
  boost::json::value json = response.body.empty() ? boost::json::value() : boost::json::parse(response.body, ec);
  if (ec) json = nullptr;
  boost::json::value error = nullptr;
  if (json.is_object()) {
    if (const auto* e = json.get_object().if_contains("error")) error = *e;
  }
  if (!IsEnvelopeStatus(response.status)) {
    throw BackboneError("error.transport.request.noAuthPossible",
                        "Authentication was not possible. Is the service up and running? Root cause: 'Request failed "
                        "with status code " + std::to_string(response.status) + "'",
                        "post", std::string(kTokenPath), response.status, "", std::move(error));
  }
  if (response.status != 200 || !json.is_object()) ThrowNoGrant(response.status, std::move(error));
  const auto& object = json.get_object();
  const auto* token = object.if_contains("access_token");
  const auto* expires = object.if_contains("expires_in");
  if (token == nullptr || !token->is_string() || token->get_string().empty() || expires == nullptr) {
    ThrowNoGrant(response.status);
  }
  const auto seconds = ExpiresIn(*expires);
  if (!seconds || *seconds <= 0) ThrowNoGrant(response.status);
  return {std::string(token->get_string()), std::chrono::seconds(*seconds)};
}

}  // namespace nmshd::transport
