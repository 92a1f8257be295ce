#include "connector/controllers/relationship_templates_controller.h"

#include "connector/http/envelopes.h"
#include "connector/qr/qr_png.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:relationshipTemplates"};

// A request without a body is treated as {} (the official SDK always sends one).
js::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
}

http::Response QrOf(const js::object& dto, int status) {
  return PngDownload(QrPng(dto.at("reference").at("url").as_string()), dto.at("id").as_string(), status);
}

}  // namespace

void RegisterRelationshipTemplateRoutes(ConnectorApi& api, transport::RelationshipTemplates& templates,
                                        transport::Tokens& /*tokens*/) {
  // The official GET /RelationshipTemplates declares no @Accept.
  api.Add("GET", CoreRoute("/RelationshipTemplates"), kRoles,
          [&templates](ApiCall& call) { return Ok(templates.List(call.request.query)); }, RouteOptions::AnyAccept());
  api.Add("GET", CoreRoute("/RelationshipTemplates/Own"), kRoles,
          [&templates](ApiCall& call) { return Ok(templates.List(call.request.query, true)); });
  api.Add("GET", CoreRoute("/RelationshipTemplates/Peer"), kRoles,
          [&templates](ApiCall& call) { return Ok(templates.List(call.request.query, false)); });
  api.Add(
      "GET", CoreRoute("/RelationshipTemplates/{id}"), kRoles,
      [&templates](ApiCall& call) {
        const auto dto = templates.GetDto(call.request.PathParam("id"));
        return call.WantsPng() ? QrOf(dto, 200) : Ok(dto);
      },
      RouteOptions::JsonOrPng());
  api.Add("POST", CoreRoute("/RelationshipTemplates/Own"), kRoles,
          [&templates](ApiCall& call) { return Created(templates.CreateOwn(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/RelationshipTemplates/Peer"), kRoles,
          [&templates](ApiCall& call) { return Created(templates.LoadPeer(BodyOrEmpty(call))); });
  api.Add(
      "POST", CoreRoute("/RelationshipTemplates/Own/{id}/Token"), kRoles,
      [&templates](ApiCall& call) {
        js::value body = BodyOrEmpty(call);
        if (!call.WantsPng()) return Created(templates.CreateTokenForOwn(call.request.PathParam("id"), body));
        // A QR code shows a token that nobody needs to look up later.
        if (body.is_object()) body.as_object()["ephemeral"] = true;
        return QrOf(templates.CreateTokenForOwn(call.request.PathParam("id"), body), 201);
      },
      RouteOptions::JsonOrPng());
  api.Add(
      "DELETE", CoreRoute("/RelationshipTemplates/{id}"), kRoles,
      [&templates](ApiCall& call) {
        templates.Delete(call.request.PathParam("id"));
        return NoContent();
      },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
