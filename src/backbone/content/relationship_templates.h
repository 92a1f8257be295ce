#pragma once
// Relationship templates (backbone-protocol §1.5; official Modules/Relationships
// RelationshipTemplate.cs, RelationshipTemplatesRepository.cs, RelationshipTemplatesController.cs).
//
// Visibility for a caller: forIdentity is null, the caller or the template owner is the caller,
// AND the template is not expired (expiresAt null or in the future, or the caller already has a
// relationship created from it). Otherwise 404.
// Password (raw bytes) must match unless the caller owns the template or has allocated it; a wrong
// or missing password is 404 (templates have no lockout).
// GET {id} allocates the template for a non-owner; the allocation that reaches
// maxNumberOfAllocations emits RelationshipTemplateAllocationsExhausted to the owner, and one more
// is 400 …relationshipTemplate.maxNumberOfAllocationsExhausted.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_routes.h"
#include "api/caller.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::content {

// POST body {content, expiresAt?, maxNumberOfAllocations?, forIdentity?, password?}.
// Returns {id, createdAt}.
boost::json::object CreateRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                               const boost::json::object& body);

// GET {id}[?password=]: the DTO, after allocating the template for the caller.
// `password` is the query value (standard base64) when given.
boost::json::object GetRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                            std::string_view id,
                                            const std::optional<std::string>& password);

// GET ?templates.N.id=…&templates.N.password=… (or legacy ids=…): paged DTOs, no allocation.
http::Response ListRelationshipTemplates(const BackboneContext& ctx, const Caller& caller,
                                         const http::Request& request);

// DELETE {id}: owner only (403 otherwise); relationships keep existing with
// relationshipTemplateId null, allocations go with the template.
void DeleteRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                std::string_view id);

// ---- used by the relationships module, inside its transaction ----------------------------

// The template document if it exists and is visible to `caller` (forIdentity and expiry rules);
// nullopt otherwise.
std::optional<boost::json::object> FindVisibleTemplate(storage::Transaction& tx,
                                                       const BackboneContext& ctx,
                                                       std::string_view caller,
                                                       std::string_view id);
bool IsTemplateAllocatedBy(storage::Transaction& tx, std::string_view template_id,
                           std::string_view address);

// The DTO of a stored template: {id, createdBy, createdByDevice, maxNumberOfAllocations,
// expiresAt, content, createdAt, forIdentity}.
boost::json::object RelationshipTemplateDto(const boost::json::object& doc);

void RegisterRelationshipTemplateRoutes(ApiRoutes& routes, BackboneContext& ctx);

}  // namespace nmshd::backbone::content
