#include "misc/misc_routes.h"

namespace nmshd::backbone::misc {

// ASP.NET's MapHealthChecks answers "Healthy" as text/plain; the Connector's health check only
// looks at the status (any 2xx). Answering means the process serves requests; the database is
// not touched, so a probe can never queue behind a long write.
void RegisterHealthRoute(ApiRoutes& routes) {
  routes.Anonymous("GET", "/health",
                   [](http::Request&) { return http::Response::Bytes(200, "text/plain", "Healthy"); });
}

}  // namespace nmshd::backbone::misc
