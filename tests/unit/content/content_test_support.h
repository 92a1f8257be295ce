#pragma once
// Helpers of the content tests: parse an identity or relationship value and report either its
// normalized JSON or the error ("<code> <message>").
#include <boost/json.hpp>
#include <string>

#include "base/js_json.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "content/serval_error.h"

namespace nmshd::content::testing {

// "ok <value JSON>" or "<code> <message>".
inline std::string Identity(const std::string& value_json) {
  try {
    auto attribute = IdentityAttribute::FromJson(
        boost::json::object{{"owner", "did:e:localhost:dids:1"}, {"value", json::Parse(value_json)}});
    return "ok " + json::Stringify(attribute.value.json());
  } catch (const ServalError& e) {
    return e.code() + " " + e.what();
  }
}

inline std::string Relationship(const std::string& value_json) {
  try {
    auto attribute = RelationshipAttribute::FromJson(boost::json::object{{"owner", "did:e:localhost:dids:1"},
                                                                         {"key", "k"},
                                                                         {"confidentiality", "public"},
                                                                         {"value", json::Parse(value_json)}});
    return "ok " + json::Stringify(attribute.value.json());
  } catch (const ServalError& e) {
    return e.code() + " " + e.what();
  }
}

inline constexpr const char* kDeserialization = "error.runtime.requestDeserialization ";

}  // namespace nmshd::content::testing
