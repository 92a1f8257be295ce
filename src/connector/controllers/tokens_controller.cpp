#include "connector/controllers/tokens_controller.h"

#include "connector/http/envelopes.h"
#include "connector/qr/qr_png.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:tokens"};

// The body with `ephemeral: false` unless given (the controller's default; the use case requires it).
js::value WithEphemeralDefault(const ApiCall& call) {
  js::value body = call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
  if (body.is_object() && !body.as_object().contains("ephemeral")) body.as_object()["ephemeral"] = false;
  return body;
}

}  // namespace

void RegisterTokenRoutes(ConnectorApi& api, transport::Tokens& tokens) {
  api.Add("POST", CoreRoute("/Tokens/Own"), kRoles,
          [&tokens](ApiCall& call) { return Created(tokens.CreateOwn(WithEphemeralDefault(call))); });
  api.Add("POST", CoreRoute("/Tokens/Peer"), kRoles,
          [&tokens](ApiCall& call) { return Created(tokens.LoadPeer(WithEphemeralDefault(call))); });
  api.Add("GET", CoreRoute("/Tokens/Own"), kRoles,
          [&tokens](ApiCall& call) { return Ok(tokens.List(call.request.query, true)); });
  api.Add("GET", CoreRoute("/Tokens/Peer"), kRoles,
          [&tokens](ApiCall& call) { return Ok(tokens.List(call.request.query, false)); });
  api.Add(
      "GET", CoreRoute("/Tokens/{id}"), kRoles,
      [&tokens](ApiCall& call) {
        const auto dto = tokens.GetDto(call.request.PathParam("id"));
        if (!call.WantsPng()) return Ok(dto);
        return PngDownload(QrPng(dto.at("reference").at("url").as_string()), dto.at("id").as_string());
      },
      RouteOptions::JsonOrPng());
  api.Add(
      "DELETE", CoreRoute("/Tokens/{id}"), kRoles,
      [&tokens](ApiCall& call) {
        tokens.Delete(call.request.PathParam("id"));
        return NoContent();
      },
      RouteOptions::AnyAccept());
}

}  // namespace nmshd::connector
