#include "connector/controllers/identity_metadata_controller.h"

#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:identityMetadata"};

// {reference, key} from @QueryParam("reference") / @QueryParam("key"): absent parameters stay
// undefined (so the schema reports a missing reference); a repeated one gives its first value.
js::object ReferenceAndKey(const http::Request& request) {
  js::object out;
  for (const auto& [name, value] : request.query) {
    if ((name == "reference" || name == "key") && !out.contains(name)) out[name] = value;
  }
  return out;
}

}  // namespace

void RegisterIdentityMetadataRoutes(ConnectorApi& api, consumption::IdentityMetadataUseCases& metadata) {
  api.Add("PUT", CoreRoute("/IdentityMetadata"), kRoles, [&metadata](ApiCall& call) {
    // A request without a body is treated as {} (the official SDK always sends one).
    const js::value body = call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
    return Ok(metadata.Upsert(body));
  });
  api.Add(
      "GET", CoreRoute("/IdentityMetadata"), kRoles,
      [&metadata](ApiCall& call) { return Ok(metadata.Get(ReferenceAndKey(call.request))); },
      RouteOptions::AnyAccept());
  api.Add(
      "DELETE", CoreRoute("/IdentityMetadata"), kRoles,
      [&metadata](ApiCall& call) {
        metadata.Delete(ReferenceAndKey(call.request));
        return NoContent();
      },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
