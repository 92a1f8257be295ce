#include "consumption/requests/items/attribute_item_support.h"

#include <algorithm>
#include <vector>

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_tag_check.h"
#include "content/character_whitelist.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "content/requests/request_content.h"
#include "transport/modules/relationships/relationship_record.h"

namespace nmshd::consumption::attribute_items {

namespace js = boost::json;
using storage::Condition;

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool IsIdentityAttribute(const js::object& attribute) { return StringAt(attribute, "@type") == "IdentityAttribute"; }
bool IsRelationshipAttribute(const js::object& attribute) {
  return StringAt(attribute, "@type") == "RelationshipAttribute";
}

std::string ValueTypeOf(const js::object& attribute) {
  const auto* value = attribute.if_contains("value");
  return value != nullptr && value->is_object() ? StringAt(value->get_object(), "@type") : std::string();
}

bool MustBeAccepted(const js::object& item) {
  const auto* v = item.if_contains("mustBeAccepted");
  return v != nullptr && v->is_bool() && v->get_bool();
}

bool HasValidCharacters(const js::object& attribute) {
  const auto* value = attribute.if_contains("value");
  if (value == nullptr || !value->is_object()) return true;
  return content::HasOnlyWhitelistedStrings(value->get_object(), IsRelationshipAttribute(attribute));
}

namespace {

std::optional<std::string> TagErrorOf(const ConsumptionContext& ctx, const js::value* tags,
                                      const std::string& value_type) {
  if (tags == nullptr || !tags->is_array() || tags->get_array().empty()) return std::nullopt;
  std::vector<std::string> list;
  for (const auto& t : tags->get_array()) {
    if (t.is_string()) list.emplace_back(t.get_string());
  }
  try {
    CheckAttributeTags(ctx, list, value_type);
  } catch (const CodedError& e) {
    // ValidationResult.error(invalidRequestItem(tagValidationResult.error.message)): the whole
    // CoreError message of invalidTags becomes the reason.
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> TagError(const ConsumptionContext& ctx, const js::object& attribute) {
  if (!IsIdentityAttribute(attribute)) return std::nullopt;
  return TagErrorOf(ctx, attribute.if_contains("tags"), ValueTypeOf(attribute));
}

std::optional<std::string> QueryTagError(const ConsumptionContext& ctx, const js::object& query) {
  if (StringAt(query, "@type") != "IdentityAttributeQuery") return std::nullopt;
  return TagErrorOf(ctx, query.if_contains("tags"), StringAt(query, "valueType"));
}

bool HasNonPendingRelationshipTo(storage::Transaction& tx, std::string_view peer) {
  storage::Query query;
  query.Where(Condition::Equals("peer", js::string(peer)));
  query.Where(Condition::In("status", {js::string("Active"), js::string("Terminated"), js::string("DeletionProposed")}));
  return !tx.Find(transport::relationship_record::kCollection, query).empty();
}

void ClearForwardedDeletionInfo(storage::Transaction& tx, const AttributesController& attributes,
                                const LocalAttribute& attribute, std::string_view peer) {
  auto details = attributes.ForwardingDetailsForPeer(tx, attribute, peer, false);
  if (!details || !details->deletion_info) return;
  details->deletion_info.reset();
  tx.Replace(AttributesController::kForwardingDetailsCollection, details->id, details->ToDocument());
}

void ClearReceivedDeletionInfo(storage::Transaction& tx, LocalAttribute attribute) {
  attribute.deletion_info.reset();
  tx.Replace(AttributesController::kCollection, attribute.id, attribute.ToDocument());
}

namespace {

// getOwnIdentityAttribute of createAppropriateResponseItem.
LocalAttribute OwnIdentityAttributeFor(storage::Transaction& tx, const AttributesController& attributes,
                                       const js::object& identity_attribute, transport::PendingEvents& events) {
  const auto existing = attributes.OwnIdentityAttributeWithSameValue(tx, identity_attribute.at("value"));
  if (!existing) {
    const auto prepared =
        attributes.PrepareOwnIdentityAttribute(content::IdentityAttribute::FromJson(identity_attribute));
    return attributes.InsertOwnIdentityAttribute(tx, prepared, events);
  }
  // Tags asked for that the existing attribute lacks are merged in by a succession.
  std::vector<std::string> existing_tags;
  if (const auto* t = existing->content.if_contains("tags"); t != nullptr && t->is_array()) {
    for (const auto& tag : t->get_array()) existing_tags.emplace_back(tag.as_string());
  }
  js::array new_tags;
  if (const auto* t = identity_attribute.if_contains("tags"); t != nullptr && t->is_array()) {
    for (const auto& tag : t->get_array()) {
      if (std::find(existing_tags.begin(), existing_tags.end(), std::string_view(tag.as_string())) ==
          existing_tags.end()) {
        new_tags.push_back(tag);
      }
    }
  }
  if (new_tags.empty()) return *existing;
  auto content = existing->content;
  js::array merged;
  for (const auto& tag : existing_tags) merged.emplace_back(tag);
  for (const auto& tag : new_tags) merged.push_back(tag);
  content["tags"] = std::move(merged);
  const auto successor = content::IdentityAttribute::FromJson(content);
  attributes.ValidateOwnIdentityAttributeSuccession(tx, *existing, successor);
  return attributes.SucceedOwnIdentityAttribute(tx, *existing, successor, events).second;
}

}  // namespace

js::object CreateAppropriateResponseItem(storage::Transaction& tx, const AttributesController& attributes,
                                         const js::object& identity_attribute, const LocalRequest& request,
                                         ResponseKind kind, transport::PendingEvents& events) {
  const auto own = OwnIdentityAttributeFor(tx, attributes, identity_attribute, events);
  const auto shared = attributes.VersionsSharedWithPeer(tx, own, request.peer, true);
  if (shared.empty()) {
    const auto updated = attributes.AddForwardingDetails(tx, own, request.peer, request.id, events);
    switch (kind) {
      case ResponseKind::kCreate:
        return content::NormalizeResponseItem(js::object{
            {"@type", "CreateAttributeAcceptResponseItem"}, {"result", "Accepted"}, {"attributeId", updated.id}});
      case ResponseKind::kRead:
        return content::NormalizeResponseItem(js::object{{"@type", "ReadAttributeAcceptResponseItem"},
                                                         {"result", "Accepted"},
                                                         {"attributeId", own.id},
                                                         {"attribute", updated.content}});
      case ResponseKind::kPropose:
        return content::NormalizeResponseItem(js::object{{"@type", "ProposeAttributeAcceptResponseItem"},
                                                         {"result", "Accepted"},
                                                         {"attributeId", own.id},
                                                         {"attribute", updated.content}});
    }
  }
  const auto& latest = shared.front();
  if (latest.id == own.id) {
    ClearForwardedDeletionInfo(tx, attributes, latest, request.peer);
    return content::NormalizeResponseItem(js::object{
        {"@type", "AttributeAlreadySharedAcceptResponseItem"}, {"result", "Accepted"}, {"attributeId", latest.id}});
  }
  const auto updated = attributes.AddForwardingDetails(tx, own, request.peer, request.id, events);
  return content::NormalizeResponseItem(js::object{{"@type", "AttributeSuccessionAcceptResponseItem"},
                                                   {"result", "Accepted"},
                                                   {"successorId", updated.id},
                                                   {"successorContent", updated.content},
                                                   {"predecessorId", latest.id}});
}

void StorePeerAnsweredAttribute(storage::Transaction& tx, const AttributesController& attributes,
                                const std::string& attribute_id, const js::object& attribute,
                                const std::optional<std::string>& third_party_address, const LocalRequest& request,
                                transport::PendingEvents& events) {
  const AttributesController::PeerRecordOrigin origin{attribute_id, request.peer, request.id};
  if (IsIdentityAttribute(attribute)) {
    const auto prepared =
        attributes.PreparePeerIdentityAttribute(content::IdentityAttribute::FromJson(attribute), request.peer);
    attributes.InsertPeerIdentityAttribute(tx, prepared, origin, events);
    return;
  }
  const auto relationship_attribute = content::RelationshipAttribute::FromJson(attribute);
  if (third_party_address) {
    attributes.CreateThirdPartyRelationshipAttribute(tx, relationship_attribute, origin, *third_party_address, events);
    return;
  }
  if (relationship_attribute.owner == attributes.context().self_address) {
    attributes.CreateOwnRelationshipAttribute(tx, relationship_attribute, origin, events);
    return;
  }
  attributes.CreatePeerRelationshipAttribute(tx, relationship_attribute, origin, events);
}

void ApplyAlreadyShared(storage::Transaction& tx, const AttributesController& attributes,
                        const js::object& response_item) {
  auto attribute = attributes.Get(tx, StringAt(response_item, "attributeId"));
  if (!attribute || !(attribute->type == LocalAttributeType::kPeerIdentity ||
                      attribute->type == LocalAttributeType::kThirdPartyRelationship)) {
    return;
  }
  if (!attribute->HasDeletionStatus(deletion_status::kToBeDeleted)) return;
  ClearReceivedDeletionInfo(tx, *attribute);
}

void ApplySuccession(storage::Transaction& tx, const AttributesController& attributes,
                     const js::object& response_item, const LocalRequest& request,
                     transport::PendingEvents& events) {
  auto predecessor = attributes.Get(tx, StringAt(response_item, "predecessorId"));
  if (!predecessor) return;
  const auto& successor_content = response_item.at("successorContent").as_object();
  const bool fits = (predecessor->type == LocalAttributeType::kPeerIdentity && IsIdentityAttribute(successor_content)) ||
                    (predecessor->type == LocalAttributeType::kThirdPartyRelationship &&
                     IsRelationshipAttribute(successor_content));
  if (!fits) return;
  attributes.SucceedPeerSideAttribute(
      tx, *predecessor, {StringAt(response_item, "successorId"), successor_content, request.id}, events);
}

}  // namespace nmshd::consumption::attribute_items
