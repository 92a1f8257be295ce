#include "connector/http/security_headers.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::connector {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
using Directives = std::vector<std::pair<std::string, std::vector<std::string>>>;

[[noreturn]] void Invalid(const std::string& message) {
  throw CodedError("error.config.invalid", "infrastructure.httpServer.helmetOptions: " + message);
}

std::string Quoted(std::string_view text) { return json::Stringify(boost::json::string(text)); }

bool Truthy(const boost::json::value& v) {
  if (v.is_null()) return false;
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) return !v.get_string().empty();
  if (v.is_int64()) return v.get_int64() != 0;
  if (v.is_uint64()) return v.get_uint64() != 0;
  if (v.is_double()) return v.get_double() != 0 && !std::isnan(v.get_double());
  return true;
}

Directives DefaultDirectives() {
  return {{"default-src", {"'self'"}},
          {"base-uri", {"'self'"}},
          {"font-src", {"'self'", "https:", "data:"}},
          {"form-action", {"'self'"}},
          {"frame-ancestors", {"'self'"}},
          {"img-src", {"'self'", "data:"}},
          {"object-src", {"'none'"}},
          {"script-src", {"'self'"}},
          {"script-src-attr", {"'none'"}},
          {"style-src", {"'self'", "https:", "'unsafe-inline'"}},
          {"upgrade-insecure-requests", {}}};
}

bool ValidDirectiveName(std::string_view name) {
  if (name.empty() || !(name.front() >= 'a' && name.front() <= 'z')) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return name.back() != '-';
}

std::string Dashify(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('-');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void CheckDirectiveValue(const std::string& name, const std::string& value) {
  static const std::set<std::string, std::less<>> kShouldBeQuoted = {
      "none", "self", "strict-dynamic", "report-sample", "inline-speculation-rules", "unsafe-inline",
      "unsafe-eval", "unsafe-hashes", "wasm-unsafe-eval"};
  if (value.find_first_of(";,") != std::string::npos) {
    Invalid("Content-Security-Policy received an invalid directive value for " + Quoted(name));
  }
  if (kShouldBeQuoted.contains(value) || value.starts_with("nonce-") || value.starts_with("sha256-") ||
      value.starts_with("sha384-") || value.starts_with("sha512-")) {
    Invalid("Content-Security-Policy received an invalid directive value for " + Quoted(name) + ". " +
            Quoted(value) + " should be quoted");
  }
}

// helmet's contentSecurityPolicy(): defaults (unless useDefaults is false) overlaid by the given
// directives, in the defaults' order with new directives appended.
std::pair<std::string, std::string> ContentSecurityPolicy(const boost::json::object& options) {
  bool use_defaults = true;
  if (const auto* u = options.if_contains("useDefaults"); u != nullptr && !u->is_null()) use_defaults = Truthy(*u);
  Directives result = use_defaults ? DefaultDirectives() : Directives{};
  std::set<std::string> seen;
  if (const auto* raw = options.if_contains("directives"); raw != nullptr && !raw->is_null()) {
    if (!raw->is_object()) Invalid("contentSecurityPolicy.directives must be an object");
    for (const auto& kv : raw->get_object()) {
      std::string raw_name(kv.key());
      if (!ValidDirectiveName(raw_name)) {
        Invalid("Content-Security-Policy received an invalid directive name " + Quoted(raw_name));
      }
      std::string name = Dashify(raw_name);
      if (!seen.insert(name).second) {
        Invalid("Content-Security-Policy received a duplicate directive " + Quoted(name));
      }
      auto existing = std::find_if(result.begin(), result.end(), [&](const auto& d) { return d.first == name; });
      const auto& value = kv.value();
      if (value.is_null()) {
        if (name == "default-src") {
          Invalid("Content-Security-Policy needs a default-src but it was set to `null`.");
        }
        if (existing != result.end()) result.erase(existing);
        continue;
      }
      std::vector<std::string> values;
      if (value.is_string()) {
        values.emplace_back(value.get_string());
      } else if (value.is_array()) {
        for (const auto& element : value.get_array()) {
          if (!element.is_string()) {
            Invalid("Content-Security-Policy received an invalid directive value for " + Quoted(name));
          }
          values.emplace_back(element.get_string());
        }
      } else {
        Invalid("Content-Security-Policy received an invalid directive value for " + Quoted(name));
      }
      for (const auto& v : values) CheckDirectiveValue(name, v);
      if (existing != result.end()) {
        existing->second = std::move(values);
      } else {
        result.emplace_back(name, std::move(values));
      }
    }
  }
  if (result.empty()) Invalid("Content-Security-Policy has no directives. Either set some or disable the header");
  if (std::none_of(result.begin(), result.end(), [](const auto& d) { return d.first == "default-src"; })) {
    Invalid("Content-Security-Policy needs a default-src but none was provided.");
  }
  std::string header;
  for (const auto& [name, values] : result) {
    if (!header.empty()) header += ';';
    header += name;
    if (!values.empty()) {
      std::string joined;
      for (const auto& v : values) joined += (joined.empty() ? "" : " ") + v;
      // helmet writes "name value…" only when the joined value is non-empty
      if (!joined.empty()) header += " " + joined;
    }
  }
  bool report_only = false;
  if (const auto* r = options.if_contains("reportOnly")) report_only = Truthy(*r);
  return {report_only ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy", header};
}

std::string StringOption(const boost::json::object& options, std::string_view key, std::string fallback,
                         const std::string& header) {
  const auto* v = options.if_contains(key);
  if (v == nullptr) return fallback;
  if (!v->is_string()) Invalid(header + " does not support " + json::Stringify(*v));
  return std::string(v->get_string());
}

std::string Policy(const boost::json::object& options, const std::string& header, std::string fallback,
                   std::initializer_list<std::string_view> allowed) {
  const auto* v = options.if_contains("policy");
  std::string policy = fallback;
  if (v != nullptr) {
    if (!v->is_string()) Invalid(header + " does not support the " + json::Stringify(*v) + " policy");
    policy = std::string(v->get_string());
  }
  if (std::find(allowed.begin(), allowed.end(), policy) == allowed.end()) {
    Invalid(header + " does not support the " + Quoted(policy) + " policy");
  }
  return policy;
}

std::string ReferrerPolicy(const boost::json::object& options) {
  static const std::set<std::string, std::less<>> kAllowed = {
      "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
      "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url", ""};
  std::vector<std::string> tokens{"no-referrer"};
  if (const auto* p = options.if_contains("policy")) {
    tokens.clear();
    if (p->is_string()) {
      tokens.emplace_back(p->get_string());
    } else if (p->is_array()) {
      for (const auto& t : p->get_array()) {
        if (!t.is_string()) Invalid("Referrer-Policy received an unexpected policy token " + json::Stringify(t));
        tokens.emplace_back(t.get_string());
      }
    } else {
      Invalid("Referrer-Policy received an unexpected policy token " + json::Stringify(*p));
    }
  }
  if (tokens.empty()) Invalid("Referrer-Policy received no policy tokens");
  std::set<std::string> seen;
  std::string header;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (!kAllowed.contains(t)) Invalid("Referrer-Policy received an unexpected policy token " + Quoted(t));
    if (!seen.insert(t).second) Invalid("Referrer-Policy received a duplicate policy token " + Quoted(t));
    if (i > 0) header += ',';
    header += t;
  }
  return header;
}

std::string StrictTransportSecurity(const boost::json::object& options) {
  if (options.contains("maxage")) {
    Invalid("Strict-Transport-Security received an unsupported property, `maxage`. Did you mean to pass `maxAge`?");
  }
  if (options.contains("includeSubdomains")) {
    Invalid("Strict-Transport-Security middleware should use `includeSubDomains` instead of `includeSubdomains`.");
  }
  double max_age = 365.0 * 24 * 60 * 60;
  if (const auto* m = options.if_contains("maxAge")) {
    if (!m->is_number() || !(m->to_number<double>() >= 0) || !std::isfinite(m->to_number<double>())) {
      Invalid("Strict-Transport-Security: " + json::Stringify(*m) +
              " is not a valid value for maxAge. Please choose a positive integer.");
    }
    max_age = m->to_number<double>();
  }
  std::string header = "max-age=" + json::Stringify(std::floor(max_age));
  const auto* sub = options.if_contains("includeSubDomains");
  if (sub == nullptr || Truthy(*sub)) header += "; includeSubDomains";
  if (const auto* preload = options.if_contains("preload"); preload != nullptr && Truthy(*preload)) {
    header += "; preload";
  }
  return header;
}

std::string FrameOptions(const boost::json::object& options) {
  std::string action = StringOption(options, "action", "sameorigin", "X-Frame-Options");
  std::string upper = action;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "SAME-ORIGIN") return "SAMEORIGIN";
  if (upper == "DENY" || upper == "SAMEORIGIN") return upper;
  Invalid("X-Frame-Options received an invalid action " + Quoted(action));
}

class HelmetReader {
 public:
  HelmetReader(const boost::json::object& options, std::vector<std::string>& warnings)
      : options_(options), warnings_(warnings) {}

  // Mode of a middleware: nullptr = default (absent, null or true), &kOff = off; else its options.
  const boost::json::object* Read(std::string_view key, std::string_view alias, std::string_view header,
                                  bool takes_options, bool on_by_default = true) {
    used_.insert(std::string(key));
    if (!alias.empty()) used_.insert(std::string(alias));
    if (!alias.empty() && options_.contains(key) && options_.contains(alias)) {
      Invalid(std::string(header) + " option was specified twice. Remove the `" + std::string(alias) +
              "` option to fix this error.");
    }
    const boost::json::value* v = options_.if_contains(key);
    if ((v == nullptr || v->is_null()) && !alias.empty()) v = options_.if_contains(alias);
    if (v == nullptr || v->is_null()) return on_by_default ? &kDefaults : nullptr;
    if (v->is_bool()) return v->get_bool() ? &kDefaults : nullptr;
    if (!takes_options) {
      warnings_.push_back(std::string(header) +
                          " does not take options (helmetOptions." + std::string(key) + "); it stays enabled");
      return &kDefaults;
    }
    return v->is_object() ? &v->get_object() : &kDefaults;
  }

  void WarnAboutUnknownKeys() {
    for (const auto& kv : options_) {
      if (!used_.contains(std::string(kv.key()))) {
        warnings_.push_back("helmetOptions." + std::string(kv.key()) + " is not a helmet option and is ignored");
      }
    }
  }

 private:
  static const boost::json::object kDefaults;
  const boost::json::object& options_;
  std::vector<std::string>& warnings_;
  std::set<std::string> used_;
};

const boost::json::object HelmetReader::kDefaults;

Headers FromHelmetOptions(const boost::json::object& options, std::vector<std::string>& warnings) {
  HelmetReader r(options, warnings);
  Headers h;
  if (const auto* o = r.Read("contentSecurityPolicy", "", "Content-Security-Policy", true)) {
    h.push_back(ContentSecurityPolicy(*o));
  }
  if (const auto* o = r.Read("crossOriginEmbedderPolicy", "", "Cross-Origin-Embedder-Policy", true, false)) {
    h.emplace_back("Cross-Origin-Embedder-Policy", Policy(*o, "Cross-Origin-Embedder-Policy", "require-corp",
                                                          {"require-corp", "credentialless", "unsafe-none"}));
  }
  if (const auto* o = r.Read("crossOriginOpenerPolicy", "", "Cross-Origin-Opener-Policy", true)) {
    h.emplace_back("Cross-Origin-Opener-Policy",
                   Policy(*o, "Cross-Origin-Opener-Policy", "same-origin",
                          {"same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"}));
  }
  if (const auto* o = r.Read("crossOriginResourcePolicy", "", "Cross-Origin-Resource-Policy", true)) {
    h.emplace_back("Cross-Origin-Resource-Policy", Policy(*o, "Cross-Origin-Resource-Policy", "same-origin",
                                                          {"same-origin", "same-site", "cross-origin"}));
  }
  if (r.Read("originAgentCluster", "", "Origin-Agent-Cluster", false)) h.emplace_back("Origin-Agent-Cluster", "?1");
  if (const auto* o = r.Read("referrerPolicy", "", "Referrer-Policy", true)) {
    h.emplace_back("Referrer-Policy", ReferrerPolicy(*o));
  }
  if (const auto* o = r.Read("strictTransportSecurity", "hsts", "Strict-Transport-Security", true)) {
    h.emplace_back("Strict-Transport-Security", StrictTransportSecurity(*o));
  }
  if (r.Read("xContentTypeOptions", "noSniff", "X-Content-Type-Options", false)) {
    h.emplace_back("X-Content-Type-Options", "nosniff");
  }
  if (const auto* o = r.Read("xDnsPrefetchControl", "dnsPrefetchControl", "X-DNS-Prefetch-Control", true)) {
    const auto* allow = o->if_contains("allow");
    h.emplace_back("X-DNS-Prefetch-Control", allow != nullptr && Truthy(*allow) ? "on" : "off");
  }
  if (r.Read("xDownloadOptions", "ieNoOpen", "X-Download-Options", false)) {
    h.emplace_back("X-Download-Options", "noopen");
  }
  if (const auto* o = r.Read("xFrameOptions", "frameguard", "X-Frame-Options", true)) {
    h.emplace_back("X-Frame-Options", FrameOptions(*o));
  }
  if (const auto* o = r.Read("xPermittedCrossDomainPolicies", "permittedCrossDomainPolicies",
                             "X-Permitted-Cross-Domain-Policies", true)) {
    std::string policy = StringOption(*o, "permittedPolicies", "none", "X-Permitted-Cross-Domain-Policies");
    if (policy != "none" && policy != "master-only" && policy != "by-content-type" && policy != "all") {
      Invalid("X-Permitted-Cross-Domain-Policies does not support " + Quoted(policy));
    }
    h.emplace_back("X-Permitted-Cross-Domain-Policies", policy);
  }
  r.Read("xPoweredBy", "hidePoweredBy", "X-Powered-By", false);  // we never send X-Powered-By
  if (r.Read("xXssProtection", "xssFilter", "X-XSS-Protection", false)) h.emplace_back("X-XSS-Protection", "0");
  r.WarnAboutUnknownKeys();
  return h;
}

// HttpServer.getHelmetOptions() in debug mode: the API docs need scripts, styles and images.
boost::json::object DebugHelmetOptions() {
  return boost::json::parse(R"({"contentSecurityPolicy": {"directives": {
      "defaultSrc": [],
      "scriptSrc": ["'self'"],
      "styleSrc": ["'self'", "'unsafe-inline'", "https://fonts.googleapis.com"],
      "imgSrc": ["'self'", "https://enmeshed.eu", "data:"],
      "connectSrc": ["'self'"],
      "upgradeInsecureRequests": null}}})")
      .as_object();
}

}  // namespace

SecurityHeaders SecurityHeaders::FromConfig(const boost::json::value* helmet_options, bool debug,
                                            std::vector<std::string>& warnings) {
  SecurityHeaders result;
  if (helmet_options != nullptr && !helmet_options->is_null()) {
    if (!helmet_options->is_object()) Invalid("must be an object");
    result.headers_ = FromHelmetOptions(helmet_options->get_object(), warnings);
  } else {
    result.headers_ = FromHelmetOptions(debug ? DebugHelmetOptions() : boost::json::object{}, warnings);
  }
  return result;
}

void SecurityHeaders::Apply(http::Response& response) const {
  for (const auto& [name, value] : headers_) response.SetHeader(name, value);
}

}  // namespace nmshd::connector
