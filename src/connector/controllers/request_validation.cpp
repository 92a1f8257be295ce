#include "connector/controllers/request_validation.h"

namespace nmshd::connector {

std::string RequireStringProperty(const boost::json::object& body, std::string_view name) {
  const auto* v = body.if_contains(name);
  if (v == nullptr) throw InvalidProperty("must have required property '" + std::string(name) + "'");
  if (!v->is_string()) throw InvalidProperty("/" + std::string(name) + " must be string");
  return std::string(v->get_string());
}

}  // namespace nmshd::connector
