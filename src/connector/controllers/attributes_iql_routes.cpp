#include "connector/controllers/attributes_iql_routes.h"

#include "connector/http/envelopes.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

const std::vector<std::string> kRoles{"core:attributes"};

// A request without a body is treated as {} (the official SDK always sends one).
js::value BodyOrEmpty(const ApiCall& call) {
  return call.BodyValue().is_null() ? js::value(js::object{}) : call.BodyValue();
}

}  // namespace

void RegisterIqlRoutes(ConnectorApi& api, consumption::IqlUseCases& iql) {
  api.Add("POST", CoreRoute("/Attributes/ExecuteIQLQuery"), kRoles,
          [&iql](ApiCall& call) { return Ok(iql.ExecuteIQLQuery(BodyOrEmpty(call))); });
  api.Add("POST", CoreRoute("/Attributes/ValidateIQLQuery"), kRoles,
          [&iql](ApiCall& call) { return Ok(iql.ValidateIQLQuery(BodyOrEmpty(call))); });
}

}  // namespace nmshd::connector
