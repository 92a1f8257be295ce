#include "misc/misc_routes.h"

namespace nmshd::backbone::misc {

void RegisterVersionRoute(ApiRoutes& routes) {
  routes.Anonymous("GET", "/api/v2/Version", [](http::Request&) {
    return Result(boost::json::object{{"majorVersion", kBackboneMajorVersion}});
  });
}

}  // namespace nmshd::backbone::misc
