#include "connector/http/cors_policy.h"

#include <strings.h>

#include <algorithm>

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::connector {
namespace {

[[noreturn]] void Invalid(const std::string& message) {
  throw CodedError("error.config.invalid", "infrastructure.httpServer.cors." + message);
}

// A string, or an array of strings joined with ',' (the package's `.join(',')`).
std::string Joined(const boost::json::value& v, const char* key) {
  if (v.is_string()) return std::string(v.get_string());
  if (!v.is_array()) Invalid(std::string(key) + " must be a string or an array of strings");
  std::string out;
  for (std::size_t i = 0; i < v.get_array().size(); ++i) {
    const auto& e = v.get_array()[i];
    if (!e.is_string()) Invalid(std::string(key) + " must be a string or an array of strings");
    if (i > 0) out += ',';
    out += e.get_string();
  }
  return out;
}

bool Truthy(const boost::json::value& v) {
  if (v.is_null()) return false;
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) return !v.get_string().empty();
  if (v.is_number()) return v.to_number<double>() != 0;
  return true;
}

const std::string* Header(const http::Request& request, const char* name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? nullptr : &it->second;
}

}  // namespace

void AppendVary(http::Response& response, std::string_view field) {
  for (auto& [name, value] : response.headers) {
    if (strcasecmp(name.c_str(), "Vary") != 0) continue;
    if (value == "*") return;
    std::size_t start = 0;
    while (start <= value.size()) {
      auto end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      auto token = value.substr(start, end - start);
      auto first = token.find_first_not_of(' ');
      auto last = token.find_last_not_of(' ');
      if (first != std::string::npos) {
        token = token.substr(first, last - first + 1);
        if (token.size() == field.size() && strncasecmp(token.c_str(), field.data(), field.size()) == 0) return;
      }
      start = end + 1;
    }
    value += value.empty() ? std::string(field) : ", " + std::string(field);
    return;
  }
  response.headers.emplace_back("Vary", std::string(field));
}

std::optional<CorsPolicy> CorsPolicy::FromConfig(const boost::json::value* cors) {
  if (cors == nullptr || cors->is_null() || (cors->is_bool() && !cors->get_bool())) return std::nullopt;
  if (!cors->is_object()) Invalid("must be an object");
  const auto& o = cors->get_object();
  CorsPolicy p;
  if (const auto* origin = o.if_contains("origin")) {
    if (!Truthy(*origin)) return std::nullopt;
    if (origin->is_bool()) {
      p.origin_mode_ = OriginMode::kReflectAll;
    } else if (origin->is_string()) {
      p.origin_mode_ = origin->get_string() == "*" ? OriginMode::kAny : OriginMode::kFixed;
      p.fixed_origin_ = std::string(origin->get_string());
    } else if (origin->is_array()) {
      p.origin_mode_ = OriginMode::kList;
      for (const auto& e : origin->get_array()) {
        if (!e.is_string()) Invalid("origin must be a boolean, a string or an array of strings");
        p.allowed_origins_.emplace_back(e.get_string());
      }
    } else {
      Invalid("origin must be a boolean, a string or an array of strings");
    }
  }
  if (const auto* v = o.if_contains("methods")) p.methods_ = Joined(*v, "methods");
  const auto* headers = o.if_contains("allowedHeaders");
  if (headers == nullptr || !Truthy(*headers)) headers = o.if_contains("headers");
  if (headers != nullptr && Truthy(*headers)) p.allowed_headers_ = Joined(*headers, "allowedHeaders");
  if (const auto* v = o.if_contains("exposedHeaders"); v != nullptr && Truthy(*v)) {
    p.exposed_headers_ = Joined(*v, "exposedHeaders");
  }
  if (const auto* v = o.if_contains("credentials")) p.credentials_ = v->is_bool() && v->get_bool();
  if (const auto* v = o.if_contains("maxAge")) {
    if (v->is_number()) {
      p.max_age_ = json::Stringify(*v);
    } else if (v->is_string()) {
      p.max_age_ = std::string(v->get_string());
    } else if (!v->is_null()) {
      Invalid("maxAge must be a number or a string");
    }
  }
  if (const auto* v = o.if_contains("preflightContinue")) p.preflight_continue_ = Truthy(*v);
  if (const auto* v = o.if_contains("optionsSuccessStatus")) {
    if (!v->is_int64() || v->get_int64() < 200 || v->get_int64() > 599) {
      Invalid("optionsSuccessStatus must be an HTTP status code");
    }
    p.options_success_status_ = static_cast<int>(v->get_int64());
  }
  return p;
}

void CorsPolicy::ApplyOrigin(const http::Request& request, http::Response& response) const {
  const std::string* origin = Header(request, "Origin");
  switch (origin_mode_) {
    case OriginMode::kAny:
      response.SetHeader("Access-Control-Allow-Origin", "*");
      return;
    case OriginMode::kFixed:
      response.SetHeader("Access-Control-Allow-Origin", fixed_origin_);
      AppendVary(response, "Origin");
      return;
    case OriginMode::kReflectAll:
    case OriginMode::kList: {
      bool allowed = origin != nullptr && !origin->empty() &&
                     (origin_mode_ == OriginMode::kReflectAll ||
                      std::find(allowed_origins_.begin(), allowed_origins_.end(), *origin) != allowed_origins_.end());
      if (allowed) response.SetHeader("Access-Control-Allow-Origin", *origin);
      AppendVary(response, "Origin");
      return;
    }
  }
}

bool CorsPolicy::AnswersPreflight(const http::Request& request) const {
  return request.method == "OPTIONS" && !preflight_continue_;
}

http::Response CorsPolicy::Answer(const http::Request& request) const {
  http::Response response{options_success_status_, {}, {}};
  ApplyPreflight(request, response);
  return response;
}

void CorsPolicy::ApplyPreflight(const http::Request& request, http::Response& response) const {
  ApplyOrigin(request, response);
  if (credentials_) response.SetHeader("Access-Control-Allow-Credentials", "true");
  if (!methods_.empty()) response.SetHeader("Access-Control-Allow-Methods", methods_);
  if (allowed_headers_) {
    if (!allowed_headers_->empty()) response.SetHeader("Access-Control-Allow-Headers", *allowed_headers_);
  } else {
    AppendVary(response, "Access-Control-Request-Headers");
    const std::string* requested = Header(request, "Access-Control-Request-Headers");
    if (requested != nullptr && !requested->empty()) response.SetHeader("Access-Control-Allow-Headers", *requested);
  }
  if (!max_age_.empty()) response.SetHeader("Access-Control-Max-Age", max_age_);
  if (!exposed_headers_.empty()) response.SetHeader("Access-Control-Expose-Headers", exposed_headers_);
}

void CorsPolicy::Apply(const http::Request& request, http::Response& response) const {
  if (request.method == "OPTIONS") {
    ApplyPreflight(request, response);
    return;
  }
  ApplyOrigin(request, response);
  if (credentials_) response.SetHeader("Access-Control-Allow-Credentials", "true");
  if (!exposed_headers_.empty()) response.SetHeader("Access-Control-Expose-Headers", exposed_headers_);
}

}  // namespace nmshd::connector
