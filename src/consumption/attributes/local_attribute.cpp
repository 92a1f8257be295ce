#include "consumption/attributes/local_attribute.h"

#include "base/coded_error.h"
#include "consumption/attributes/attribute_value_key.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

std::optional<std::string> OptionalString(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

js::object Serialize(const LocalAttribute& a, std::optional<std::uint64_t> number_of_forwards) {
  // AttributeMapper.toAttributeDTO's key order; JSON.stringify drops the undefined ones.
  js::object o;
  o["@type"] = TypeName(a.type);
  o["id"] = a.id;
  o["content"] = a.content;
  o["createdAt"] = a.created_at;
  if (a.succeeds) o["succeeds"] = *a.succeeds;
  if (a.succeeded_by) o["succeededBy"] = *a.succeeded_by;
  if (a.was_viewed_at) o["wasViewedAt"] = *a.was_viewed_at;
  if (a.type == LocalAttributeType::kOwnIdentity && a.is_default) o["isDefault"] = *a.is_default;
  if (a.type != LocalAttributeType::kOwnIdentity) {
    if (a.peer) o["peer"] = *a.peer;
    if (a.source_reference) o["sourceReference"] = *a.source_reference;
    if (a.deletion_info) {
      o["deletionInfo"] = js::object{{"deletionStatus", a.deletion_info->deletion_status},
                                     {"deletionDate", a.deletion_info->deletion_date}};
    }
  }
  if (a.type == LocalAttributeType::kThirdPartyRelationship && a.initial_attribute_peer) {
    o["initialAttributePeer"] = *a.initial_attribute_peer;
  }
  if (number_of_forwards && a.CountsForwards()) o["numberOfForwards"] = *number_of_forwards;
  return o;
}

}  // namespace

std::string_view TypeName(LocalAttributeType type) {
  switch (type) {
    case LocalAttributeType::kOwnIdentity: return "OwnIdentityAttribute";
    case LocalAttributeType::kPeerIdentity: return "PeerIdentityAttribute";
    case LocalAttributeType::kOwnRelationship: return "OwnRelationshipAttribute";
    case LocalAttributeType::kPeerRelationship: return "PeerRelationshipAttribute";
    case LocalAttributeType::kThirdPartyRelationship: return "ThirdPartyRelationshipAttribute";
  }
  return "";
}

LocalAttributeType ParseLocalAttributeType(std::string_view name) {
  for (auto type : {LocalAttributeType::kOwnIdentity, LocalAttributeType::kPeerIdentity,
                    LocalAttributeType::kOwnRelationship, LocalAttributeType::kPeerRelationship,
                    LocalAttributeType::kThirdPartyRelationship}) {
    if (TypeName(type) == name) return type;
  }
  throw CodedError("error.consumption.attributes.unknownType", "'" + std::string(name) + "' is no LocalAttribute type");
}

bool LocalAttribute::CountsForwards() const {
  return type == LocalAttributeType::kOwnIdentity || type == LocalAttributeType::kOwnRelationship ||
         type == LocalAttributeType::kPeerRelationship;
}

bool LocalAttribute::IsIdentityAttribute() const {
  const auto* t = content.if_contains("@type");
  return t != nullptr && t->is_string() && t->get_string() == "IdentityAttribute";
}

bool LocalAttribute::IsReceived() const {
  return type == LocalAttributeType::kPeerIdentity || type == LocalAttributeType::kPeerRelationship ||
         type == LocalAttributeType::kThirdPartyRelationship;
}

std::string LocalAttribute::Owner() const { return OptionalString(content, "owner").value_or(""); }

std::string LocalAttribute::Key() const { return OptionalString(content, "key").value_or(""); }

std::string LocalAttribute::ValueType() const {
  const auto* value = content.if_contains("value");
  if (value == nullptr || !value->is_object()) return "";
  return OptionalString(value->get_object(), "@type").value_or("");
}

js::object LocalAttribute::ToDto(std::uint64_t number_of_forwards) const { return Serialize(*this, number_of_forwards); }

js::object LocalAttribute::TakeDto(std::uint64_t number_of_forwards) && {
  js::object content_taken = std::move(content);
  content = js::object();
  auto dto = Serialize(*this, number_of_forwards);  // "content" keeps its place, filled below
  dto["content"] = std::move(content_taken);
  return dto;
}

js::object LocalAttribute::ToDocument() const {
  auto document = Serialize(*this, std::nullopt);
  if (order) document["_order"] = *order;
  if (IsIdentityAttribute()) {
    if (const auto* value = content.if_contains("value")) document[kValueKeyField] = AttributeValueKey(*value);
  }
  return document;
}

LocalAttribute LocalAttribute::FromDocument(const js::object& d) {
  js::object copy = d;
  return FromDocument(std::move(copy));
}

LocalAttribute LocalAttribute::FromDocument(js::object&& d) {
  LocalAttribute a;
  a.type = ParseLocalAttributeType(d.at("@type").as_string());
  a.id = std::string(d.at("id").as_string());
  a.content = std::move(d.at("content").as_object());
  a.created_at = std::string(d.at("createdAt").as_string());
  a.succeeds = OptionalString(d, "succeeds");
  a.succeeded_by = OptionalString(d, "succeededBy");
  a.was_viewed_at = OptionalString(d, "wasViewedAt");
  if (const auto* v = d.if_contains("isDefault"); v != nullptr && v->is_bool()) a.is_default = v->get_bool();
  a.peer = OptionalString(d, "peer");
  a.source_reference = OptionalString(d, "sourceReference");
  if (const auto* info = d.if_contains("deletionInfo"); info != nullptr && info->is_object()) {
    a.deletion_info = AttributeDeletionInfo{std::string(info->at("deletionStatus").as_string()),
                                            std::string(info->at("deletionDate").as_string())};
  }
  a.initial_attribute_peer = OptionalString(d, "initialAttributePeer");
  if (const auto* order = d.if_contains("_order"); order != nullptr && order->is_int64()) a.order = order->get_int64();
  return a;
}

}  // namespace nmshd::consumption
