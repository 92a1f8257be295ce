#include "connector/controllers/attributes_controller.h"

#include <algorithm>

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
consumption::QueryParameters QueryWithout(const http::Request& request,
                                          std::initializer_list<std::string_view> names) {
  consumption::QueryParameters out;
  for (const auto& entry : request.query) {
    if (std::find(names.begin(), names.end(), entry.first) == names.end()) out.push_back(entry);
  }
  return out;
}

// typescript-rest's string @QueryParam: the first value, absent undefined.
std::optional<std::string> StringQueryParam(const http::Request& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) return value;
  }
  return std::nullopt;
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
  return Created(attributes.SucceedRelationshipAttributeAndNotifyPeer(request));
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
                                                  QueryWithout(call.request, {"onlyLatestVersions"})));
  });
  api.Add("GET", CoreRoute("/Attributes/Own/Shared/{peer}"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.GetOwnAttributesSharedWithPeer(
        call.request.PathParam("peer"), BooleanQueryParam(call.request, "onlyLatestVersions"),
        BooleanQueryParam(call.request, "hideTechnical"),
        QueryWithout(call.request, {"onlyLatestVersions", "hideTechnical"})));
  });
  api.Add("GET", CoreRoute("/Attributes/Peer/{peer}"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.GetPeerAttributes(call.request.PathParam("peer"),
                                           BooleanQueryParam(call.request, "onlyLatestVersions"),
                                           BooleanQueryParam(call.request, "hideTechnical"),
                                           QueryWithout(call.request, {"onlyLatestVersions", "hideTechnical"})));
  });
  api.Add("GET", CoreRoute("/Attributes/TagCollection"), kRoles,
          [&attributes](ApiCall&) { return Ok(attributes.GetAttributeTagCollection()); });
  // The official route answers 200 although its OpenAPI document says 201.
  api.Add("POST", CoreRoute("/Attributes/ExecuteIdentityAttributeQuery"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.ExecuteIdentityAttributeQuery(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Attributes/ExecuteRelationshipAttributeQuery"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.ExecuteRelationshipAttributeQuery(BodyOrEmpty(call)));
  });
  api.Add("POST", CoreRoute("/Attributes/ExecuteThirdPartyRelationshipAttributeQuery"), kRoles,
          [&attributes](ApiCall& call) {
            return Ok(attributes.ExecuteThirdPartyRelationshipAttributeQuery(BodyOrEmpty(call)));
          });
  api.Add("POST", CoreRoute("/Attributes/{predecessorId}/Succeed"), kRoles,
          [&attributes](ApiCall& call) { return Succeed(attributes, call); });
  api.Add("GET", CoreRoute("/Attributes/{id}/ForwardingDetails"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.GetForwardingDetailsForAttribute(call.request.PathParam("id"), call.request.query));
  });
  api.Add("GET", CoreRoute("/Attributes/{id}/Versions/Shared"), kRoles, [&attributes](ApiCall& call) {
    return Ok(attributes.GetVersionsOfAttributeSharedWithPeer(call.request.PathParam("id"),
                                                              StringQueryParam(call.request, "peer"),
                                                              BooleanQueryParam(call.request, "onlyLatestVersions")));
  });
  api.Add("GET", CoreRoute("/Attributes/{id}/Versions"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.GetVersionsOfAttribute(call.request.PathParam("id"))); });
  api.Add("GET", CoreRoute("/Attributes/{id}"), kRoles,
          [&attributes](ApiCall& call) { return Ok(attributes.GetAttribute(call.request.PathParam("id"))); });
  // 200 with {notificationIds}, not 204; no @Accept on the official route.
  api.Add(
      "DELETE", CoreRoute("/Attributes/{id}"), kRoles,
      [&attributes](ApiCall& call) { return Ok(attributes.DeleteAttributeAndNotify(call.request.PathParam("id"))); },
      RouteOptions::AnyAccept());
  // GET /Relationships/{id}/Attributes (the official RelationshipsController's route, role
  // core:relationships): everything exchanged with the relationship's peer.
  api.Add("GET", CoreRoute("/Relationships/{id}/Attributes"), {"core:relationships"}, [&attributes](ApiCall& call) {
    return Ok(attributes.GetAttributesForRelationship(call.request.PathParam("id"), std::nullopt, std::nullopt));
  });
}

}  // namespace nmshd::connector
