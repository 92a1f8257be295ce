#include "misc/misc_routes.h"

#include "logging/log_system.h"

namespace nmshd::backbone::misc {

// ASP.NET's MapHealthChecks answers "Healthy" as text/plain; the Connector's health check only
// looks at the status (any 2xx). Answering means the process serves requests; the database is
// not touched, so a probe can never queue behind a long write.
void RegisterHealthRoute(ApiRoutes& routes) {
  routes.Anonymous("GET", "/health",
                   [](http::Request&) { return http::Response::Bytes(200, "text/plain", "Healthy"); });
}

void RegisterProbeRoutes(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.Anonymous("GET", "/health/live",
                   [](http::Request&) { return http::Response::Bytes(200, "text/plain", "Healthy"); });
  routes.Anonymous("GET", "/health/ready", [&ctx](http::Request&) {
    try {
      ctx.db.Ping();
      return http::Response::Bytes(200, "text/plain", "Healthy");
    } catch (const std::exception& e) {
      logging::GetLogger("backbone.health").Warn("readiness: the database does not answer: {}", e.what());
      return http::Response::Bytes(503, "text/plain", "Unhealthy");
    }
  });
}

}  // namespace nmshd::backbone::misc
