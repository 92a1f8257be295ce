#pragma once
// What a controller handler receives for one request, after the pipeline authenticated it, checked
// its roles and negotiated the media type.
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace nmshd::connector {

struct ApiCall {
  ApiCall(http::Request& request_in, std::string correlation_id_in, const boost::json::value& body,
          std::string accepted_type, const std::vector<std::string>& roles)
      : request(request_in), correlation_id(std::move(correlation_id_in)), body_(body),
        accepted_type_(std::move(accepted_type)), roles_(roles) {}

  http::Request& request;
  std::string correlation_id;

  // The parsed JSON body; {} when the request had none (or not as application/json), as the
  // official SDK always sends one. Malformed JSON never gets here (400 before authentication).
  // Throws CodedError error.runtime.validation.invalidPropertyValue (400) when the body is JSON but
  // not an object (e.g. an array).
  const boost::json::object& Body() const;
  // The parsed body as it is; null when there was none.
  const boost::json::value& BodyValue() const { return body_; }

  // The media type negotiated from the route's accepts list ("" for routes without one).
  const std::string& AcceptedType() const { return accepted_type_; }
  // For routes offering image/png: the client asked for the PNG (a QR code) rather than JSON.
  bool WantsPng() const;

  // The caller's roles (API key scopes; ["**"] for keys without scopes and in open debug mode).
  const std::vector<std::string>& Roles() const { return roles_; }

 private:
  const boost::json::value& body_;
  std::string accepted_type_;
  const std::vector<std::string>& roles_;
};

using ApiHandler = std::function<http::Response(ApiCall&)>;

}  // namespace nmshd::connector
