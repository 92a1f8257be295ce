#pragma once
// What GET /Monitoring/Version reports (buildInformation.ts):
//   {"version", "build", "date", "commit", "runtimeVersion", "modules": {}}
// `version` is the CMake project version; `runtimeVersion` the @nmshd/runtime version this
// Connector is compatible with. build/date/commit are filled by whoever builds a release (the
// official image build replaces {{build}} etc.); built-in modules report nothing, so `modules` is
// empty.
#include <boost/json.hpp>
#include <string>

namespace nmshd::connector {

inline constexpr const char* kCompatibleRuntimeVersion = "7.0.0";

struct BuildInformation {
  std::string version;
  std::string build;
  std::string date;
  std::string commit;
  std::string runtimeVersion = kCompatibleRuntimeVersion;

  // The version this library was built as; build, date and commit empty.
  static BuildInformation Current();
  boost::json::object ToJson() const;
};

}  // namespace nmshd::connector
