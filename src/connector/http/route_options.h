#pragma once
// Per-route options of ConnectorApi::Add.
#include <string>
#include <vector>

namespace nmshd::connector {

inline constexpr const char* kJsonMediaType = "application/json";
inline constexpr const char* kPngMediaType = "image/png";

struct RouteOptions {
  // The route's typescript-rest @Accept list: the media types it can answer with, the default
  // first. A request whose Accept header matches none of them gets 406; GET routes with a list
  // answer `Vary: Accept`. Empty: no Accept check (downloads, most DELETEs, GET
  // /RelationshipTemplates, IdentityMetadata GET/DELETE — connector-surface §1.3).
  std::vector<std::string> accepts{kJsonMediaType};

  static RouteOptions Json() { return {}; }
  static RouteOptions JsonOrPng() { return RouteOptions{{kJsonMediaType, kPngMediaType}}; }
  static RouteOptions AnyAccept() { return RouteOptions{{}}; }
};

}  // namespace nmshd::connector
