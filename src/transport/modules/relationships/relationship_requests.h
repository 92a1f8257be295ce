#pragma once
// Input checks of the relationship use cases, as the runtime's JSON schemas (Schemas.js:
// CanCreateRelationshipRequest, CreateRelationshipRequest, GetRelationshipRequest,
// *RelationshipRequest {relationshipId}, GetRelationshipsRequest) and
// validateCreationContentOfRelationship report them: error.runtime.validation.invalidPropertyValue
// with ajv's message ("<path> <message>", double quotes removed). ajv stops at the first error; the
// order here is its keyword order (type, required, additionalProperties, properties).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "storage/filter_syntax.h"
#include "storage/query.h"

namespace nmshd::transport::relationship_requests {

// `field` is the schema's name of the id ("id" for GetRelationship, else "relationshipId").
// The official pattern is unanchored ("REL[A-Za-z0-9]{17}" anywhere in the string), as here.
void ValidateRelationshipId(std::string_view id, std::string_view field = "relationshipId");

struct TemplateAndContent {
  std::string template_id;
  std::optional<boost::json::value> creation_content;
};
// {templateId, creationContent?}; creationContent is required for CreateRelationship.
TemplateAndContent ParseTemplateAndContent(const boost::json::value& body, bool creation_content_required);

// The official content types of a relationship creation.
inline constexpr std::string_view kArbitraryCreationContent = "ArbitraryRelationshipCreationContent";
inline constexpr std::string_view kCreationContent = "RelationshipCreationContent";
inline constexpr std::string_view kArbitraryTemplateContent = "ArbitraryRelationshipTemplateContent";
inline constexpr std::string_view kTemplateContent = "RelationshipTemplateContent";

// validateCreationContentOfRelationship without the consumption part: the creation content must be
// one of the two official types (error.runtime.requestDeserialization when its required member is
// missing) and fit the template's content type. Returns the content as stored (ts-serval order).
boost::json::object CheckCreationContent(const boost::json::value& creation_content,
                                         const boost::json::value& template_content);

// GetRelationshipsRequest: only peer, status, templateId ("query must NOT have additional
// properties" otherwise); the values use the Connector's filter syntax.
storage::Filter ParseRelationshipsQuery(const storage::QueryParameters& query);

}  // namespace nmshd::transport::relationship_requests
