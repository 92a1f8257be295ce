#pragma once
// A local attribute record of runtime 7.x (consumption local/attributeTypes/*): one record per
// attribute, typed by who owns it and where it came from —
//   OwnIdentityAttribute             my own identity data (isDefault? unused by the Connector)
//   PeerIdentityAttribute            identity data a peer shared with me (peer, sourceReference)
//   OwnRelationshipAttribute         relationship data I own (peer, sourceReference)
//   PeerRelationshipAttribute        relationship data the peer owns (peer, sourceReference)
//   ThirdPartyRelationshipAttribute  forwarded from another relationship (…, initialAttributePeer)
// plus the succession links (succeeds / succeededBy) and, for shared kinds, a deletion info.
//
// Stored in collection "attributes" under its id (ATT…) in the shape of the runtime's
// LocalAttributeDTO without numberOfForwards, so the REST filters work on the stored fields.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nmshd::consumption {

enum class LocalAttributeType {
  kOwnIdentity,
  kPeerIdentity,
  kOwnRelationship,
  kPeerRelationship,
  kThirdPartyRelationship,
};

std::string_view TypeName(LocalAttributeType type);
// Throws CodedError "error.consumption.attributes.unknownType" for other names.
LocalAttributeType ParseLocalAttributeType(std::string_view name);

struct AttributeDeletionInfo {
  std::string deletion_status;  // Emitted…/Received… statuses (LocalAttributeDeletionInfoDTO)
  std::string deletion_date;
};

struct LocalAttribute {
  LocalAttributeType type = LocalAttributeType::kOwnIdentity;
  std::string id;
  boost::json::object content;  // IdentityAttribute or RelationshipAttribute JSON, normalized
  std::string created_at;
  std::optional<std::string> succeeds;
  std::optional<std::string> succeeded_by;
  std::optional<std::string> was_viewed_at;
  std::optional<bool> is_default;
  std::optional<std::string> peer;
  std::optional<std::string> source_reference;
  std::optional<AttributeDeletionInfo> deletion_info;
  std::optional<std::string> initial_attribute_peer;
  // Storage only ("_order", not in the DTO): the position in which the record was created. The
  // runtime lists by createdAt with a stable sort, so records of the same millisecond keep their
  // creation order; this is that tie-breaker.
  std::optional<std::int64_t> order;

  // Whether the runtime reports numberOfForwards for this kind (Own identity, Own and Peer
  // relationship attributes: the ones that can be forwarded).
  bool CountsForwards() const;
  bool IsIdentityAttribute() const;
  // Peer identity, peer relationship and third-party attributes: what a peer gave me (their
  // deletion info is a ReceivedAttributeDeletionInfo).
  bool IsReceived() const;
  bool HasDeletionStatus(std::string_view status) const {
    return deletion_info && deletion_info->deletion_status == status;
  }
  // content.owner, content.value.@type and content.key ("" when absent).
  std::string Owner() const;
  std::string ValueType() const;
  std::string Key() const;

  // The runtime's LocalAttributeDTO (AttributeMapper.toAttributeDTO), keys in its order;
  // numberOfForwards only for kinds that count forwards.
  boost::json::object ToDto(std::uint64_t number_of_forwards) const;
  // The same, moving the content into the DTO (for records read only to be returned).
  boost::json::object TakeDto(std::uint64_t number_of_forwards) &&;
  // Storage only, identity attributes: AttributeValueKey(content.value) (attribute_value_key.h), the
  // indexed key of the duplicate check.
  static constexpr std::string_view kValueKeyField = "_valueKey";

  // The stored document: the DTO without numberOfForwards, plus "_order" and "_valueKey".
  boost::json::object ToDocument() const;
  static LocalAttribute FromDocument(const boost::json::object& document);
  // The same, taking the content over instead of copying it (lists of thousands of records).
  static LocalAttribute FromDocument(boost::json::object&& document);
};

}  // namespace nmshd::consumption
