#include "transport/modules/relationships/relationship_requests.h"

#include <cctype>

#include "transport/modules/relationships/relationship_errors.h"

namespace nmshd::transport::relationship_requests {
namespace {

namespace js = boost::json;
using relationship_errors::InvalidPropertyValue;

// ajv's `pattern` for "<prefix>[A-Za-z0-9]{17}": a search, not a full match.
bool MatchesIdPattern(std::string_view text, std::string_view prefix) {
  constexpr std::size_t kRest = 17;
  for (std::size_t i = 0; i + prefix.size() + kRest <= text.size(); ++i) {
    if (text.substr(i, prefix.size()) != prefix) continue;
    bool ok = true;
    for (std::size_t k = 0; k < kRest && ok; ++k) {
      ok = std::isalnum(static_cast<unsigned char>(text[i + prefix.size() + k])) != 0;
    }
    if (ok) return true;
  }
  return false;
}

std::string TypeOf(const js::object& o) {
  const auto* type = o.if_contains("@type");
  return type != nullptr && type->is_string() ? std::string(type->as_string()) : std::string();
}

}  // namespace

void ValidateRelationshipId(std::string_view id, std::string_view field) {
  if (!MatchesIdPattern(id, "REL")) {
    throw InvalidPropertyValue(std::string(field) + " must match pattern REL[A-Za-z0-9]{17}");
  }
}

TemplateAndContent ParseTemplateAndContent(const js::value& body, bool creation_content_required) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  const auto& o = body.as_object();
  if (!o.contains("templateId")) throw InvalidPropertyValue("must have required property 'templateId'");
  if (creation_content_required && !o.contains("creationContent")) {
    throw InvalidPropertyValue("must have required property 'creationContent'");
  }
  for (const auto& kv : o) {
    if (kv.key() != "templateId" && kv.key() != "creationContent") {
      throw InvalidPropertyValue("must NOT have additional properties");
    }
  }
  const auto& template_id = o.at("templateId");
  if (!template_id.is_string()) throw InvalidPropertyValue("templateId must be string");
  if (!MatchesIdPattern(template_id.as_string(), "RLT")) {
    throw InvalidPropertyValue("templateId must match pattern RLT[A-Za-z0-9]{17}");
  }
  TemplateAndContent result;
  result.template_id = std::string(template_id.as_string());
  if (const auto* content = o.if_contains("creationContent")) result.creation_content = *content;
  return result;
}

js::object CheckCreationContent(const js::value& creation_content, const js::value& template_content) {
  const auto type = creation_content.is_object() ? TypeOf(creation_content.as_object()) : std::string();
  js::object stored;
  if (type == kArbitraryCreationContent) {
    const auto* value = creation_content.as_object().if_contains("value");
    if (value == nullptr || value->is_null()) {
      throw CodedError("error.runtime.requestDeserialization",
                       "ArbitraryRelationshipCreationContent.value :: Value is not defined");
    }
    stored = js::object{{"@type", kArbitraryCreationContent}, {"value", *value}};
  } else if (type == kCreationContent) {
    const auto* response = creation_content.as_object().if_contains("response");
    if (response == nullptr || response->is_null()) {
      throw CodedError("error.runtime.requestDeserialization",
                       "RelationshipCreationContent.response :: Value is not defined");
    }
    stored = js::object{{"@type", kCreationContent}, {"response", *response}};
  } else {
    throw InvalidPropertyValue(
        "The creationContent of a Relationship must either be an ArbitraryRelationshipCreationContent or a "
        "RelationshipCreationContent.");
  }
  const auto template_type = template_content.is_object() ? TypeOf(template_content.as_object()) : std::string();
  if (template_type == kArbitraryTemplateContent && type != kArbitraryCreationContent) {
    throw InvalidPropertyValue(
        "The creationContent of a Relationship must be an ArbitraryRelationshipCreationContent if the content of "
        "the RelationshipTemplate is an ArbitraryRelationshipTemplateContent.");
  }
  if (template_type == kTemplateContent && type != kCreationContent) {
    throw InvalidPropertyValue(
        "The creationContent of a Relationship must be a RelationshipCreationContent if the content of the "
        "RelationshipTemplate is a RelationshipTemplateContent.");
  }
  return stored;
}

storage::Filter ParseRelationshipsQuery(const storage::QueryParameters& query) {
  for (const auto& [raw_key, value] : query) {
    std::string_view key = raw_key;
    if (key.ends_with("[]")) key.remove_suffix(2);
    if (key != "peer" && key != "status" && key != "templateId") {
      throw InvalidPropertyValue("query must NOT have additional properties");
    }
  }
  storage::FilterSyntaxOptions options;
  options.allowed_keys = {"peer", "status", "templateId"};
  return storage::ParseRestFilter(query, options);
}

}  // namespace nmshd::transport::relationship_requests
