#pragma once
// The security headers helmet 8.3 sets on every response (connector-surface §3.3).
//
// Without `infrastructure.httpServer.helmetOptions` the Connector uses helmet's defaults in
// production and, in debug mode, a Content-Security-Policy relaxed for the API docs. With
// helmetOptions those options replace both, and are read as helmet reads them: every middleware
// key (contentSecurityPolicy, crossOriginEmbedderPolicy, crossOriginOpenerPolicy,
// crossOriginResourcePolicy, originAgentCluster, referrerPolicy, strictTransportSecurity|hsts,
// xContentTypeOptions|noSniff, xDnsPrefetchControl|dnsPrefetchControl, xDownloadOptions|ieNoOpen,
// xFrameOptions|frameguard, xPermittedCrossDomainPolicies|permittedCrossDomainPolicies,
// xPoweredBy|hidePoweredBy, xXssProtection|xssFilter) may be false (header off), true (defaults)
// or an options object (CSP: useDefaults, directives with camelCase or dashed names and null to drop
// a default, reportOnly; HSTS: maxAge, includeSubDomains, preload; referrer: policy; frame:
// action; the cross-origin policies: policy; DNS prefetch: allow; cross-domain: permittedPolicies).
// Option errors helmet throws at startup are thrown here as CodedError "error.config.invalid";
// unknown keys, which helmet ignores, are reported as warnings. X-Powered-By is never sent.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/response.h"

namespace nmshd::connector {

class SecurityHeaders {
 public:
  // `helmet_options`: the configured helmetOptions, or nullptr. Non-fatal findings are appended to
  // `warnings`.
  static SecurityHeaders FromConfig(const boost::json::value* helmet_options, bool debug,
                                    std::vector<std::string>& warnings);

  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  void Apply(http::Response& response) const;

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace nmshd::connector
