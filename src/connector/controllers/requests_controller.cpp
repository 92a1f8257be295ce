#include "connector/controllers/requests_controller.h"

#include "base/coded_error.h"
#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kIncomingRoles{"core:requests", "core:requests:incoming"};
const std::vector<std::string> kOutgoingRoles{"core:requests", "core:requests:outgoing"};

js::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
}

// The official controller refuses a decision the client marks as automated.
js::value DecisionBody(const ApiCall& call) {
  auto body = BodyOrEmpty(call);
  if (body.is_object() && body.get_object().contains("decidedByAutomation")) {
    throw CodedError("error.connector.incomingRequests.decidedByAutomation",
                     "Setting the 'decidedByAutomation' flag is not allowed.");
  }
  return body;
}

}  // namespace

void RegisterRequestRoutes(ConnectorApi& api, consumption::RequestUseCases& requests) {
  api.Add("PUT", CoreRoute("/Requests/Incoming/{id}/CanAccept"), kIncomingRoles, [&requests](ApiCall& call) {
    return Ok(requests.CanAccept(call.request.PathParam("id"), DecisionBody(call)));
  });
  api.Add("PUT", CoreRoute("/Requests/Incoming/{id}/Accept"), kIncomingRoles, [&requests](ApiCall& call) {
    return Ok(requests.Accept(call.request.PathParam("id"), DecisionBody(call)));
  });
  api.Add("PUT", CoreRoute("/Requests/Incoming/{id}/CanReject"), kIncomingRoles, [&requests](ApiCall& call) {
    return Ok(requests.CanReject(call.request.PathParam("id"), DecisionBody(call)));
  });
  api.Add("PUT", CoreRoute("/Requests/Incoming/{id}/Reject"), kIncomingRoles, [&requests](ApiCall& call) {
    return Ok(requests.Reject(call.request.PathParam("id"), DecisionBody(call)));
  });
  api.Add("GET", CoreRoute("/Requests/Incoming/{id}"), kIncomingRoles,
          [&requests](ApiCall& call) { return Ok(requests.GetIncoming(call.request.PathParam("id"))); });
  api.Add("GET", CoreRoute("/Requests/Incoming"), kIncomingRoles,
          [&requests](ApiCall& call) { return Ok(requests.GetIncomingRequests(call.request.query)); });
  api.Add("POST", CoreRoute("/Requests/Outgoing/Validate"), kOutgoingRoles,
          [&requests](ApiCall& call) { return Created(requests.CanCreate(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Requests/Outgoing"), kOutgoingRoles,
          [&requests](ApiCall& call) { return Created(requests.Create(BodyOrEmpty(call))); });
  api.Add("GET", CoreRoute("/Requests/Outgoing/{id}"), kOutgoingRoles,
          [&requests](ApiCall& call) { return Ok(requests.GetOutgoing(call.request.PathParam("id"))); });
  api.Add("GET", CoreRoute("/Requests/Outgoing"), kOutgoingRoles,
          [&requests](ApiCall& call) { return Ok(requests.GetOutgoingRequests(call.request.query)); });
}

}  // namespace nmshd::connector
