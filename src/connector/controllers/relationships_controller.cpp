#include "connector/controllers/relationships_controller.h"

#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

const std::vector<std::string> kRoles{"core:relationships"};

// A request without a body is treated as {} (the official SDK always sends one).
boost::json::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? boost::json::value(boost::json::object{}) : call.BodyValue();
}

using Operation = boost::json::object (transport::Relationships::*)(const std::string&);

void AddOperation(ConnectorApi& api, transport::Relationships& relationships, const std::string& suffix,
                  Operation operation) {
  api.Add("PUT", CoreRoute("/Relationships/{id}" + suffix), kRoles, [&relationships, operation](ApiCall& call) {
    return Ok((relationships.*operation)(call.request.PathParam("id")));
  });
}

}  // namespace

void RegisterRelationshipRoutes(ConnectorApi& api, transport::Relationships& relationships) {
  api.Add("PUT", CoreRoute("/Relationships/CanCreate"), kRoles,
          [&relationships](ApiCall& call) { return Ok(relationships.CanCreate(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Relationships"), kRoles,
          [&relationships](ApiCall& call) { return Created(relationships.Create(BodyOrEmpty(call))); });
  api.Add("GET", CoreRoute("/Relationships"), kRoles,
          [&relationships](ApiCall& call) { return Ok(relationships.List(call.request.query)); });
  api.Add("GET", CoreRoute("/Relationships/{id}"), kRoles,
          [&relationships](ApiCall& call) { return Ok(relationships.Get(call.request.PathParam("id"))); });
  AddOperation(api, relationships, "/Accept", &transport::Relationships::Accept);
  AddOperation(api, relationships, "/Reject", &transport::Relationships::Reject);
  AddOperation(api, relationships, "/Revoke", &transport::Relationships::Revoke);
  AddOperation(api, relationships, "/Terminate", &transport::Relationships::Terminate);
  AddOperation(api, relationships, "/Reactivate", &transport::Relationships::RequestReactivation);
  AddOperation(api, relationships, "/Reactivate/Accept", &transport::Relationships::AcceptReactivation);
  AddOperation(api, relationships, "/Reactivate/Reject", &transport::Relationships::RejectReactivation);
  AddOperation(api, relationships, "/Reactivate/Revoke", &transport::Relationships::RevokeReactivation);
  api.Add("DELETE", CoreRoute("/Relationships/{id}"), kRoles, [&relationships](ApiCall& call) {
    relationships.Decompose(call.request.PathParam("id"));
    return NoContent();
  });
}

}  // namespace nmshd::connector
