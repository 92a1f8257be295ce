#include "misc/misc_routes.h"

namespace nmshd::backbone::misc {

void RegisterAnnouncementsRoute(ApiRoutes& routes) {
  routes.Authenticated("GET", "/api/v2/Announcements",
                       [](http::Request&, const Caller&) { return Result(boost::json::array{}); });
}

void RegisterPublicTemplateReferencesRoute(ApiRoutes& routes) {
  routes.Authenticated("GET", "/api/poc/PublicRelationshipTemplateReferences",
                       [](http::Request&, const Caller&) { return Result(boost::json::array{}); });
}

}  // namespace nmshd::backbone::misc
