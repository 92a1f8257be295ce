#include "connector/http/build_information.h"

#ifndef NMSHD_PROJECT_VERSION
#error "NMSHD_PROJECT_VERSION must be defined by the build (src/connector/CMakeLists.txt)"
#endif

namespace nmshd::connector {

BuildInformation BuildInformation::Current() {
  BuildInformation info;
  info.version = NMSHD_PROJECT_VERSION;
  return info;
}

boost::json::object BuildInformation::ToJson() const {
  boost::json::object o;
  o["version"] = version;
  o["build"] = build;
  o["date"] = date;
  o["commit"] = commit;
  o["runtimeVersion"] = runtimeVersion;
  o["modules"] = boost::json::object{};
  return o;
}

}  // namespace nmshd::connector
