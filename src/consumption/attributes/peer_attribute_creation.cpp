// AttributesController: creating the records of attributes exchanged with peers
// (createPeerIdentityAttribute, createOwn/PeerRelationshipAttribute,
// createThirdPartyRelationshipAttribute) and the lookups the request item processors run before
// (key uniqueness, existing copies with the same value).
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_tag_check.h"
#include "consumption/attributes/attribute_trimming.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/attributes/json_deep_equal.h"
#include "content/character_whitelist.h"
#include "core/core_date.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

constexpr std::string_view kAttributeCreated = "consumption.attributeCreated";

void CheckRelationshipAttributeCharacters(const content::RelationshipAttribute& content) {
  // validateAttributeCharacters: every value string except title and description.
  if (!content::HasOnlyWhitelistedStrings(content.value.json(), true)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The Attribute contains forbidden characters.");
  }
}

js::value StringValue(std::string_view s) { return js::string(s); }

}  // namespace

LocalAttribute AttributesController::InsertPeerRecord(storage::Transaction& tx, LocalAttribute attribute,
                                                      transport::PendingEvents& events) const {
  if (attribute.id.empty()) attribute.id = GenerateId();
  attribute.created_at = core::CoreDate::Now().ToString();
  attribute.order = tx.NextSequenceValue("attributes.order");
  tx.Insert(kCollection, attribute.id, attribute.ToDocument());
  events.Add(std::string(kAttributeCreated), attribute.ToDto(0));
  return attribute;
}

content::IdentityAttribute AttributesController::PreparePeerIdentityAttribute(
    const content::IdentityAttribute& attribute, std::string_view peer) const {
  auto trimmed = TrimIdentityAttribute(attribute);
  if (trimmed.owner == ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a PeerIdentityAttribute, the owner must not match the own address.");
  }
  if (trimmed.owner != peer) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a PeerIdentityAttribute, the owner must match the address of the peer.");
  }
  if (!content::HasOnlyWhitelistedStrings(trimmed.value.json(), false)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The Attribute contains forbidden characters.");
  }
  if (trimmed.tags && !trimmed.tags->empty()) CheckAttributeTags(ctx_, *trimmed.tags, trimmed.value.type().name);
  return trimmed;
}

LocalAttribute AttributesController::InsertPeerIdentityAttribute(storage::Transaction& tx,
                                                                 const content::IdentityAttribute& prepared,
                                                                 const PeerRecordOrigin& origin,
                                                                 transport::PendingEvents& events) const {
  LocalAttribute attribute;
  attribute.type = LocalAttributeType::kPeerIdentity;
  attribute.id = origin.id;  // the sender's id: both sides refer to it in notifications
  attribute.content = prepared.ToJson();
  attribute.peer = origin.peer;
  attribute.source_reference = origin.source_reference;
  return InsertPeerRecord(tx, std::move(attribute), events);
}

LocalAttribute AttributesController::CreateOwnRelationshipAttribute(storage::Transaction& tx,
                                                                    const content::RelationshipAttribute& content,
                                                                    const PeerRecordOrigin& origin,
                                                                    transport::PendingEvents& events) const {
  if (content.owner != ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating an OwnRelationshipAttribute, the owner must match the own address.");
  }
  if (origin.peer == ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating an OwnRelationshipAttribute, the peer must not match the own address.");
  }
  CheckRelationshipAttributeCharacters(content);
  LocalAttribute attribute;
  attribute.type = LocalAttributeType::kOwnRelationship;
  attribute.id = origin.id;
  attribute.content = content.ToJson();
  attribute.peer = origin.peer;
  attribute.source_reference = origin.source_reference;
  return InsertPeerRecord(tx, std::move(attribute), events);
}

LocalAttribute AttributesController::CreatePeerRelationshipAttribute(storage::Transaction& tx,
                                                                     const content::RelationshipAttribute& content,
                                                                     const PeerRecordOrigin& origin,
                                                                     transport::PendingEvents& events) const {
  if (content.owner == ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a PeerRelationshipAttribute, the owner must not match the own address.");
  }
  if (content.owner != origin.peer) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a PeerRelationshipAttribute, the owner must match the address of the peer.");
  }
  CheckRelationshipAttributeCharacters(content);
  LocalAttribute attribute;
  attribute.type = LocalAttributeType::kPeerRelationship;
  attribute.id = origin.id;
  attribute.content = content.ToJson();
  attribute.peer = origin.peer;
  attribute.source_reference = origin.source_reference;
  return InsertPeerRecord(tx, std::move(attribute), events);
}

LocalAttribute AttributesController::CreateThirdPartyRelationshipAttribute(
    storage::Transaction& tx, const content::RelationshipAttribute& content, const PeerRecordOrigin& origin,
    std::string_view initial_attribute_peer, transport::PendingEvents& events) const {
  if (content.owner == ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a ThirdPartyRelationshipAttribute, the owner must not match the own address.");
  }
  if (content.owner != origin.peer && content.owner != initial_attribute_peer) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a ThirdPartyRelationshipAttribute, the owner must match the address of the peer or initial "
        "Attribute peer.");
  }
  if (origin.peer == initial_attribute_peer) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating a ThirdPartyRelationshipAttribute, the peer must not match the initialAttributePeer.");
  }
  CheckRelationshipAttributeCharacters(content);
  LocalAttribute attribute;
  attribute.type = LocalAttributeType::kThirdPartyRelationship;
  attribute.id = origin.id;
  attribute.content = content.ToJson();
  attribute.peer = origin.peer;
  attribute.source_reference = origin.source_reference;
  attribute.initial_attribute_peer = std::string(initial_attribute_peer);
  return InsertPeerRecord(tx, std::move(attribute), events);
}

std::vector<LocalAttribute> AttributesController::RelationshipAttributesWithKey(storage::Transaction& tx,
                                                                                std::string_view key,
                                                                                std::string_view owner,
                                                                                std::string_view value_type,
                                                                                std::string_view peer) const {
  storage::Filter filter;
  filter.Where(Condition::In("@type", {StringValue("OwnRelationshipAttribute"), StringValue("PeerRelationshipAttribute")}));
  filter.Where(Condition::Equals("content.owner", StringValue(owner)));
  filter.Where(Condition::Equals("content.key", StringValue(key)));
  filter.Where(Condition::Equals("content.value.@type", StringValue(value_type)));
  filter.Where(Condition::Equals("peer", StringValue(peer)));
  filter.Where(Condition::NotIn("deletionInfo.deletionStatus",
                                {StringValue(deletion_status::kToBeDeletedByRecipient),
                                 StringValue(deletion_status::kDeletedByRecipient),
                                 StringValue(deletion_status::kToBeDeleted),
                                 StringValue(deletion_status::kDeletedByEmitter)}));
  return Find(tx, filter);
}

std::optional<LocalAttribute> AttributesController::PeerIdentityAttributeWithSameValue(storage::Transaction& tx,
                                                                                      const js::value& value,
                                                                                      std::string_view owner) const {
  const js::value trimmed = TrimValueJson(value);
  storage::Filter filter;
  filter.Where(Condition::Equals("@type", StringValue("PeerIdentityAttribute")));
  filter.Where(Condition::Equals("content.owner", StringValue(owner)));
  filter.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByEmitter)));
  for (auto& candidate : Find(tx, filter)) {
    if (JsonDeepEqual(candidate.content.at("value"), trimmed)) return candidate;
  }
  return std::nullopt;
}

std::optional<LocalAttribute> AttributesController::ThirdPartyRelationshipAttributeWithSameValue(
    storage::Transaction& tx, const js::value& value, std::string_view peer, std::string_view owner,
    std::string_view key) const {
  storage::Filter filter;
  filter.Where(Condition::Equals("@type", StringValue("ThirdPartyRelationshipAttribute")));
  filter.Where(Condition::Equals("content.owner", StringValue(owner)));
  filter.Where(Condition::Equals("content.key", StringValue(key)));
  filter.Where(Condition::Equals("peer", StringValue(peer)));
  filter.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByEmitter)));
  for (auto& candidate : Find(tx, filter)) {
    if (JsonDeepEqual(candidate.content.at("value"), value)) return candidate;
  }
  return std::nullopt;
}

}  // namespace nmshd::consumption
