#pragma once
// Request/response helpers shared by the controller tests: they drive ConnectorApi::Handle directly.
#include <strings.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>

#include "base/iso_date.h"
#include "connector/http/connector_api.h"
#include "storage/filter_syntax.h"

namespace nmshd::connector::controller_test {

inline std::string InSeconds(int seconds) { return FormatIsoUtc(NowMs() + std::chrono::seconds(seconds)); }

// Debug mode without authentication: every caller gets all roles.
inline ConnectorApiOptions OpenDebugApi() {
  ConnectorApiOptions o;
  o.debug = true;
  return o;
}

// `target` may carry a query string; a body is sent as application/json.
inline http::Request MakeRequest(std::string method, const std::string& target,
                                 const boost::json::value* body = nullptr, const std::string& accept = "") {
  http::Request r;
  r.method = std::move(method);
  r.target = target;
  const auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = storage::ParseQueryString(target.substr(q + 1));
  if (body != nullptr) {
    r.body = boost::json::serialize(*body);
    r.headers["Content-Type"] = "application/json";
  }
  if (!accept.empty()) r.headers["Accept"] = accept;
  return r;
}

inline std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "<absent>";
}

inline boost::json::value ResultOf(const http::Response& r) {
  return boost::json::parse(r.body).as_object().at("result");
}
inline boost::json::object ErrorOf(const http::Response& r) {
  return boost::json::parse(r.body).as_object().at("error").as_object();
}

}  // namespace nmshd::connector::controller_test
