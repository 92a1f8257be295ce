#include "connector/controllers/attributes_controller.h"

#include "base/coded_error.h"
#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:attributes"};

// A request without a body is treated as {} (the official SDK always sends one).
js::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
}

// typescript-rest's boolean @QueryParam: "true" is true, any other value false, absent undefined.
std::optional<bool> BooleanQueryParam(const http::Request& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) return value == "true";
  }
  return std::nullopt;
}

// extractQuery: the query without the route's own parameters.
consumption::QueryParameters QueryWithout(const http::Request& request, std::string_view name) {
  consumption::QueryParameters out;
  for (const auto& entry : request.query) {
    if (entry.first != name) out.push_back(entry);
  }
  return out;
}

http::Response Succeed(consumption::AttributeUseCases& attributes, ApiCall& call) {
  const std::string& predecessor_id = call.request.PathParam("predecessorId");
  js::object predecessor;
  try {
    predecessor = attributes.GetAttribute(predecessor_id);
  } catch (const CodedError&) {
    throw CodedError("error.runtime.recordNotFound", "Predecessor attribute '" + predecessor_id + "' not found.");
  }
  // {predecessorId, ...request}: a predecessorId in the body wins, as officially.
  js::object request{{"predecessorId", predecessor_id}};
  if (const auto body = BodyOrEmpty(call); body.is_object()) {
    for (const auto& [key, value] : body.get_object()) request[key] = value;
  }
  if (predecessor.at("content").at("@type") == "IdentityAttribute") {
    return Created(attributes.SucceedOwnIdentityAttribute(request));
  }
  // succeedRelationshipAttributeAndNotifyPeer: relationship attributes exist only once requests
  // can create them.
  throw CodedError("error.consumption.attributes.notifyingPeersNotSupported",
                   "Succeeding a RelationshipAttribute notifies the peer, which this Connector version does not "
                   "support yet.");
}

}  // namespace

void RegisterAttributeRoutes(ConnectorApi& api, consumption::AttributeUseCases& attributes) {
  api.Add("PUT", CoreRoute("/Attributes/CanCreate"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.CanCreateOwnIdentityAttribute(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Attributes"), kRoles,
          [&attributes](ApiCall& call) { return Created(attributes.CreateOwnIdentityAttribute(BodyOrEmpty(call))); });
  api.Add("GET", CoreRoute("/Attributes"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.GetAttributes(call.request.query)); });
  api.Add("GET", CoreRoute("/Attributes/Own/Identity"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.GetOwnIdentityAttributes(BooleanQueryParam(call.request, "onlyLatestVersions"),
                                                  QueryWithout(call.request, "onlyLatestVersions")));
  });
  api.Add("GET", CoreRoute("/Attributes/TagCollection"), kRoles,
          [&attributes](ApiCall&) { return Ok(attributes.GetAttributeTagCollection()); });
  // The official route answers 200 although its OpenAPI document says 201.
  api.Add("POST", CoreRoute("/Attributes/ExecuteIdentityAttributeQuery"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.ExecuteIdentityAttributeQuery(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Attributes/{predecessorId}/Succeed"), kRoles,
          [&attributes](ApiCall& call) { return Succeed(attributes, call); });
  api.Add("GET", CoreRoute("/Attributes/{id}/Versions"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.GetVersionsOfAttribute(call.request.PathParam("id"))); });
  api.Add("GET", CoreRoute("/Attributes/{id}"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.GetAttribute(call.request.PathParam("id"))); });
  // 200 with {notificationIds}, not 204; no @Accept on the official route.
  api.Add(
      "DELETE", CoreRoute("/Attributes/{id}"), kRoles,
      [&attributes](ApiCall& call) { return Ok(attributes.DeleteAttributeAndNotify(call.request.PathParam("id"))); },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
