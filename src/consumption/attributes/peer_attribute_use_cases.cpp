// AttributeUseCases for attributes exchanged with peers (runtime 7.0.0
// useCases/consumption/attributes: GetOwnAttributesSharedWithPeer, GetPeerAttributes,
// GetForwardingDetailsForAttribute, GetVersionsOfAttributeSharedWithPeer,
// ExecuteRelationshipAttributeQuery, ExecuteThirdPartyRelationshipAttributeQuery,
// DeleteSharedAttributesForRejectedOrRevokedRelationship,
// SetAttributeDeletionInfoOfDeletionProposedRelationship; transport GetAttributesForRelationship).
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_list_filter.h"
#include "consumption/attributes/attribute_use_cases.h"
#include "consumption/attributes/peer_attribute_requests.h"
#include "consumption/attributes/peer_relationships.h"
#include "content/requests/content_registry.h"
#include "content/serval_error.h"
#include "storage/document_store.h"
#include "storage/filter_syntax.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

// The runtime sets "@type" itself, replacing what the query asked for.
QueryParameters Without(const QueryParameters& query, std::string_view key) {
  QueryParameters out;
  for (const auto& entry : query) {
    if (entry.first != key) out.push_back(entry);
  }
  return out;
}

std::vector<js::value> Strings(std::initializer_list<std::string_view> values) {
  std::vector<js::value> out;
  for (auto v : values) out.emplace_back(js::string(v));
  return out;
}

// Class.from(request.query) of a request without a schema: a missing query is ts-serval's
// "must be an object" error.
js::object ParseQuery(const js::value& request, std::string_view type) {
  const js::value* query = request.is_object() ? request.get_object().if_contains("query") : nullptr;
  if (query == nullptr) throw content::ParameterMustBeAnObject(type, nullptr);
  const auto instance = content::serval::FromDeclared(type, *query);
  return instance.json.as_object();
}

}  // namespace

js::array AttributeUseCases::GetOwnAttributesSharedWithPeer(const std::string& peer,
                                                           std::optional<bool> only_latest_versions,
                                                           std::optional<bool> hide_technical,
                                                           const QueryParameters& query) {
  CheckAddressRequest("peer", peer);
  CheckSharedWithPeerQuery(QueryObject(query), true);
  auto filter = AttributeListFilter(Without(query, "@type"));
  filter.Where(Condition::In("@type", Strings({"OwnIdentityAttribute", "OwnRelationshipAttribute"})));
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.AttributesExchangedWithPeer(*tx, peer, filter, hide_technical.value_or(false),
                                                                       only_latest_versions.value_or(true)));
}

js::array AttributeUseCases::GetPeerAttributes(const std::string& peer, std::optional<bool> only_latest_versions,
                                              std::optional<bool> hide_technical, const QueryParameters& query) {
  CheckAddressRequest("peer", peer);
  CheckSharedWithPeerQuery(QueryObject(query), false);
  auto filter = AttributeListFilter(Without(query, "@type"));
  filter.Where(Condition::In(
      "@type", Strings({"PeerIdentityAttribute", "PeerRelationshipAttribute", "ThirdPartyRelationshipAttribute"})));
  filter.Where(Condition::Equals("peer", js::string(peer)));
  if (only_latest_versions.value_or(true)) filter.Where(Condition::NotExists("succeededBy"));
  if (hide_technical.value_or(false)) AttributesController::HideTechnical(filter);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.Find(*tx, filter));
}

js::array AttributeUseCases::GetForwardingDetailsForAttribute(const std::string& attribute_id,
                                                             const QueryParameters& query) {
  CheckForwardingDetailsQuery(QueryObject(query));
  storage::FilterSyntaxOptions options;
  options.allowed_keys = {"peer", "sourceReference", "sharedAt", "deletionInfo", "deletionInfo.deletionStatus",
                          "deletionInfo.deletionDate"};
  const auto filter = storage::ParseRestFilter(query, options);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto attribute = controller_.Get(*tx, attribute_id);
  if (!attribute) throw attribute_errors::RecordNotFound();
  js::array out;
  for (const auto& details : controller_.ForwardingDetailsOf(*tx, *attribute, filter)) out.push_back(details.ToDto());
  return out;
}

js::array AttributeUseCases::GetVersionsOfAttributeSharedWithPeer(const std::string& attribute_id,
                                                                 const std::optional<std::string>& peer,
                                                                 std::optional<bool> only_latest_versions) {
  // ajv: required members first, then the properties in the schema's order.
  if (!peer) throw InvalidPropertyValue("must have required property 'peer'");
  CheckAttributeIdRequest("attributeId", attribute_id);
  CheckAddressRequest("peer", *peer);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto attribute = controller_.Get(*tx, attribute_id);
  if (!attribute) throw attribute_errors::RecordNotFound();
  if (!attribute->CountsForwards()) {
    throw InvalidPropertyValue(
        "The `attributeId` property must belong to an OwnIdentityAttribute, an OwnRelationshipAttribute or a "
        "PeerRelationshipAttribute.");
  }
  return controller_.Dtos(*tx,
                          controller_.VersionsSharedWithPeer(*tx, *attribute, *peer, only_latest_versions.value_or(true)));
}

js::object AttributeUseCases::ExecuteRelationshipAttributeQuery(const js::value& request) {
  const auto query = ParseQuery(request, "RelationshipAttributeQuery");
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  auto attribute = controller_.ExecuteRelationshipAttributeQuery(*tx, query);
  if (!attribute) throw attribute_errors::RecordNotFoundOf("RelationshipAttribute");
  return controller_.Dto(*tx, *attribute);
}

js::array AttributeUseCases::ExecuteThirdPartyRelationshipAttributeQuery(const js::value& request) {
  const auto query = ParseQuery(request, "ThirdPartyRelationshipAttributeQuery");
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  return controller_.Dtos(*tx, controller_.ExecuteThirdPartyRelationshipAttributeQuery(*tx, query));
}

js::array AttributeUseCases::GetAttributesForRelationship(const std::string& relationship_id,
                                                         std::optional<bool> hide_technical,
                                                         std::optional<bool> only_latest_versions) {
  CheckRelationshipIdRequest("id", relationship_id);
  auto tx = controller_.context().db.Begin(storage::TransactionMode::kReadOnly);
  const auto relationship = peer_relationships::ById(*tx, relationship_id);
  if (!relationship) throw attribute_errors::RecordNotFoundOf("Relationship");
  return controller_.Dtos(
      *tx, controller_.AttributesExchangedWithPeer(*tx, peer_relationships::PeerOf(*relationship), storage::Filter{},
                                                   hide_technical.value_or(false), only_latest_versions.value_or(true)));
}

void AttributeUseCases::DeleteSharedAttributesForRejectedOrRevokedRelationship(const std::string& relationship_id) {
  CheckRelationshipIdRequest("relationshipId", relationship_id);
  transport::PendingEvents events;
  controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    controller_.DeleteSharedAttributesForRejectedOrRevokedRelationship(tx, relationship_id, events);
  });
  events.PublishTo(controller_.context().events);
}

void AttributeUseCases::SetAttributeDeletionInfoOfDeletionProposedRelationship(const std::string& relationship_id) {
  CheckRelationshipIdRequest("relationshipId", relationship_id);
  controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    controller_.SetAttributeDeletionInfoOfDeletionProposedRelationship(tx, relationship_id);
  });
}

}  // namespace nmshd::consumption
