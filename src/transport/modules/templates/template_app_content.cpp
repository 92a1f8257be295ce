#include "transport/modules/templates/template_app_content.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/core_date.h"

namespace nmshd::transport {

namespace js = boost::json;

namespace {

constexpr std::string_view kTemplateContent = "RelationshipTemplateContent";
constexpr std::string_view kArbitrary = "ArbitraryRelationshipTemplateContent";

std::string_view TypeOf(const js::value& v) {
  if (!v.is_object()) return {};
  const auto* t = json::Find(v.as_object(), "@type");
  return t != nullptr && t->is_string() ? std::string_view(t->as_string()) : std::string_view();
}

[[noreturn]] void Deserialization(const std::string& message) {
  throw CodedError("error.runtime.requestDeserialization", message);
}

bool Defined(const js::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  return v != nullptr && !v->is_null();
}

// The Request of onNewRelationship / onExistingRelationship, structurally.
void CheckRequest(const js::value& request, std::string_view member) {
  if (!request.is_object()) {
    Deserialization(std::string(kTemplateContent) + "." + std::string(member) + " :: Value is not an object");
  }
  const auto& o = request.as_object();
  if (!Defined(o, "items")) Deserialization("Request.items :: Value is not defined");
  const auto& items = o.at("items");
  if (!items.is_array()) Deserialization("Request.items :: Value is not an array");
  if (items.as_array().empty()) Deserialization("Request.items:Array :: may not be empty");
}

}  // namespace

js::object CheckOwnTemplateContent(const js::value& content, const std::string& template_expires_at) {
  const auto type = TypeOf(content);
  if (type == kArbitrary) {
    const auto& o = content.as_object();
    if (!Defined(o, "value")) Deserialization(std::string(kArbitrary) + ".value :: Value is not defined");
    return js::object{{"@type", kArbitrary}, {"value", o.at("value")}};
  }
  if (type != kTemplateContent) {
    throw CodedError("error.runtime.validation.invalidPropertyValue",
                     "The content of a RelationshipTemplate must either be a RelationshipTemplateContent or an "
                     "ArbitraryRelationshipTemplateContent.");
  }
  js::object result = content.as_object();
  if (!Defined(result, "onNewRelationship")) {
    Deserialization(std::string(kTemplateContent) + ".onNewRelationship :: Value is not defined");
  }
  CheckRequest(result.at("onNewRelationship"), "onNewRelationship");
  if (Defined(result, "onExistingRelationship")) CheckRequest(result.at("onExistingRelationship"), "onExistingRelationship");

  auto& request = result.at("onNewRelationship").as_object();
  const auto template_expiry = core::CoreDate::Parse(template_expires_at);
  if (Defined(request, "expiresAt")) {
    const auto* expires = &request.at("expiresAt");
    if (!expires->is_string()) Deserialization("Request.expiresAt :: Value is not a string");
    if (core::CoreDate::Parse(expires->as_string()) > template_expiry) {
      throw CodedError("error.runtime.relationshipTemplates.requestCannotExpireAfterRelationshipTemplate",
                       "The expiration date of the Request within the onNewRelationship property of the "
                       "RelationshipTemplateContent must be set such that the expiration date of the "
                       "RelationshipTemplate is not exceeded.");
    }
  } else {
    request["expiresAt"] = template_expiry.ToString();
  }
  return result;
}

js::value TemplateContentForDto(const js::value& content) {
  const auto type = TypeOf(content);
  if (type == kTemplateContent || type == kArbitrary) return content;
  return js::object{{"@type", kArbitrary}, {"value", content}};
}

}  // namespace nmshd::transport
