#include "transport/backbone/response_reader.h"

#include <optional>
#include <utility>

namespace nmshd::transport {
namespace {

std::optional<boost::json::value> TryParseJson(const std::string& body) {
  if (body.empty()) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec) return std::nullopt;
  return value;
}

std::string StringMember(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// JavaScript truthiness of `response.data?.error`: the envelope counts only when it has a truthy
// error member.
bool IsTruthy(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return false;
    case boost::json::kind::bool_: return value.get_bool();
    case boost::json::kind::int64: return value.get_int64() != 0;
    case boost::json::kind::uint64: return value.get_uint64() != 0;
    case boost::json::kind::double_: return value.get_double() != 0.0;
    case boost::json::kind::string: return !value.get_string().empty();
    default: return true;
  }
}

const boost::json::value* ErrorMember(const std::optional<boost::json::value>& json) {
  if (!json || !json->is_object()) return nullptr;
  const auto* error = json->get_object().if_contains("error");
  return error != nullptr && IsTruthy(*error) ? error : nullptr;
}

[[noreturn]] void ThrowEnvelopeError(std::string_view method, std::string_view path, int status,
                                     const boost::json::value& error) {
  if (!error.is_object()) {
    // e.g. OpenIddict's {"error":"invalid_grant"}: RequestError falls back to its default code.
    throw BackboneError("error.platform.unexpected", "Platform operation failed unexpectedly.", std::string(method),
                        std::string(path), status, "", error);
  }
  const auto& object = error.get_object();
  std::string code = StringMember(object, "code");
  if (code.empty()) code = "error.platform.unexpected";
  boost::json::value details = nullptr;
  if (const auto* d = object.if_contains("details"); d != nullptr && !d->is_null()) {
    details = *d;
  } else if (const auto* data = object.if_contains("data"); data != nullptr && !data->is_null()) {
    details = *data;
  }
  throw BackboneError(std::move(code), StringMember(object, "message"), std::string(method), std::string(path),
                      status, StringMember(object, "id"), std::move(details));
}

[[noreturn]] void ThrowForRejectedStatus(std::string_view method, std::string_view path, int status,
                                         const std::optional<boost::json::value>& json) {
  boost::json::value details = nullptr;
  if (const auto* error = ErrorMember(json)) details = *error;
  if (status == 401) {
    throw BackboneError("error.platform.unauthorized", "Unauthorized.", std::string(method), std::string(path),
                        status, "", std::move(details));
  }
  if (status == 403) {
    throw BackboneError("error.platform.forbidden",
                        "You are not allowed to perform this action due to insufficient privileges.",
                        std::string(method), std::string(path), status, "", std::move(details));
  }
  throw BackboneError("error.platform.unexpected", "Received invalid error content from platform. Contact the platform team.",
                      std::string(method), std::string(path), status, "", std::move(details));
}

[[noreturn]] void ThrowNotFound(std::string_view method, std::string_view path) {
  throw BackboneError("error.transport.request.notFound",
                      "An http request returned an unspecific 404 (Not Found) error, which is usually the case if the "
                      "Backbone is not reachable. This could be a temporary problem, or a network, gateway, firewall or "
                      "configuration issue.",
                      std::string(method), std::string(path), 404);
}

[[noreturn]] void ThrowBadRequest(std::string_view method, std::string_view path, int status) {
  throw BackboneError("error.transport.request.badRequest",
                      "The platform responded with a Bad Request without giving any specific reason.",
                      std::string(method), std::string(path), status);
}

[[noreturn]] void ThrowResultUndefined(std::string_view method, std::string_view path, int status) {
  throw BackboneError("error.transport.request.resultUndefined", "The Platform responded without a result.",
                      std::string(method), std::string(path), status);
}

}  // namespace

bool IsEnvelopeStatus(int status) { return (status >= 200 && status < 300) || status == 400 || status == 404 || status == 500; }

EnvelopeContent ReadEnvelope(std::string_view method, std::string_view path, const HttpResponse& response,
                             ResultShape shape) {
  const int status = response.status;
  const auto json = TryParseJson(response.body);
  // 304 is only ever asked for (If-None-Match) and then means "unchanged", like in TagClient.
  if (status == 304) return {};
  if (!IsEnvelopeStatus(status)) ThrowForRejectedStatus(method, path, status, json);
  if (const auto* error = ErrorMember(json)) ThrowEnvelopeError(method, path, status, *error);

  if (shape == ResultShape::kSingle) {
    if (status == 204) return {};
    if (status == 404) ThrowNotFound(method, path);
  }
  if (status >= 400 && status <= 499) ThrowBadRequest(method, path, status);

  const boost::json::value* result = nullptr;
  if (json && json->is_object()) result = json->get_object().if_contains("result");
  if (result == nullptr || result->is_null()) ThrowResultUndefined(method, path, status);
  if (shape == ResultShape::kPage && !result->is_array()) ThrowResultUndefined(method, path, status);

  EnvelopeContent content;
  content.result = *result;
  if (const auto* pagination = json->get_object().if_contains("pagination")) content.pagination = *pagination;
  return content;
}

std::string ReadDownload(std::string_view method, std::string_view path, HttpResponse response) {
  const int status = response.status;
  if (status >= 200 && status < 300) return std::move(response.body);
  const auto json = TryParseJson(response.body);
  if (!IsEnvelopeStatus(status)) ThrowForRejectedStatus(method, path, status, json);
  if (const auto* error = ErrorMember(json)) ThrowEnvelopeError(method, path, status, *error);
  if (status == 404) ThrowNotFound(method, path);
  if (status >= 400 && status <= 499) ThrowBadRequest(method, path, status);
  throw BackboneError("error.platform.unexpected", "Platform operation failed unexpectedly.", std::string(method),
                      std::string(path), status);
}

}  // namespace nmshd::transport
