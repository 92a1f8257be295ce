#pragma once
// The app content of a relationship template as the runtime handles it
// (CreateOwnRelationshipTemplateUseCase.validateRelationshipTemplateContent,
// RelationshipTemplateMapper.toTemplateContent), without the consumption layer: the content must be
// a RelationshipTemplateContent or an ArbitraryRelationshipTemplateContent; the Request inside a
// RelationshipTemplateContent is only checked structurally (items present and not empty), not by
// the OutgoingRequestsController's item rules.
#include <boost/json.hpp>
#include <string>

namespace nmshd::transport {

// Checks `content` of CreateOwnRelationshipTemplate and returns what the template carries:
// ArbitraryRelationshipTemplateContent reduced to {"@type","value"}; a RelationshipTemplateContent
// whose onNewRelationship has no expiresAt gets the template's. Codes:
//   error.runtime.validation.invalidPropertyValue   neither of the two types
//   error.runtime.requestDeserialization            a required member missing ("<Class>.<member> :: …")
//   error.runtime.relationshipTemplates.requestCannotExpireAfterRelationshipTemplate
boost::json::object CheckOwnTemplateContent(const boost::json::value& content, const std::string& template_expires_at);

// The DTO's content: the two template content types as they are, anything else (a peer's plain
// JSON) wrapped as {"@type":"ArbitraryRelationshipTemplateContent","value":…}.
boost::json::value TemplateContentForDto(const boost::json::value& content);

}  // namespace nmshd::transport
