#include "consumption/requests/items/create_attribute_request_item_processor.h"

#include "consumption/requests/items/attribute_item_support.h"
#include "content/relationship_attribute.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption {

namespace js = boost::json;
using namespace attribute_items;

namespace {

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}

}  // namespace

ValidationResult CreateAttributeRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>& recipient) {
  const auto& attribute = item.at("attribute").as_object();
  const auto owner = StringAt(attribute, "owner");
  const bool recipient_is_owner = recipient && owner == *recipient;
  const bool sender_is_owner = owner == self();
  const bool owner_is_empty = owner.empty();

  if (!HasValidCharacters(attribute)) return Invalid("The Attribute contains forbidden characters.");
  if (IsIdentityAttribute(attribute)) {
    if (sender_is_owner) {
      return Invalid("Cannot create OwnIdentityAttributes with a CreateAttributeRequestItem. Use a "
                     "ShareAttributeRequestItem instead.");
    }
    if (!(recipient_is_owner || owner_is_empty)) {
      return Invalid("The owner of the provided IdentityAttribute for the `attribute` property can only be the address "
                     "of the recipient or an empty string. The latter will default to the address of the recipient.");
    }
    if (auto tag_error = TagError(attributes_.context(), attribute)) return Invalid(*tag_error);
  }
  if (IsRelationshipAttribute(attribute)) {
    if (!(recipient_is_owner || sender_is_owner || owner_is_empty)) {
      return Invalid("The owner of the provided RelationshipAttribute for the `attribute` property can only be the "
                     "address of the sender, the address of the recipient or an empty string. The latter will default "
                     "to the address of the recipient.");
    }
    if (recipient) {
      const auto key = StringAt(attribute, "key");
      if (!attributes_.RelationshipAttributesWithKey(tx, key, owner_is_empty ? *recipient : owner,
                                                     ValueTypeOf(attribute), *recipient)
               .empty()) {
        return Invalid("The creation of the provided RelationshipAttribute cannot be requested because there is "
                       "already a RelationshipAttribute in the context of this Relationship with the same key '" +
                       key + "', owner and value type.");
      }
    }
  }
  return ValidationResult::Success();
}

ValidationResult CreateAttributeRequestItemProcessor::CanAccept(storage::Transaction& tx, const js::object& item,
                                                                const js::object&, const LocalRequest& request) {
  const auto& attribute = item.at("attribute").as_object();
  if (!HasValidCharacters(attribute)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The Attribute contains forbidden characters.");
  }
  if (IsRelationshipAttribute(attribute)) {
    const auto owner = StringAt(attribute, "owner");
    const auto key = StringAt(attribute, "key");
    if (!attributes_.RelationshipAttributesWithKey(tx, key, owner.empty() ? self() : owner, ValueTypeOf(attribute),
                                                   request.peer)
             .empty()) {
      if (MustBeAccepted(item)) {
        throw ViolatedKeyUniqueness(
            "The provided RelationshipAttribute cannot be created because there is already a RelationshipAttribute "
            "in the context of this Relationship with the same key '" +
            key + "', owner and value type.");
      }
      return ValidationResult::Error(request_errors::InvalidAcceptParameters(
          "This CreateAttributeRequestItem cannot be accepted as the provided RelationshipAttribute cannot be created "
          "because there is already a RelationshipAttribute in the context of this Relationship with the same key '" +
          key + "', owner and value type."));
    }
  }
  if (auto tag_error = TagError(attributes_.context(), attribute)) return Invalid(*tag_error);
  return ValidationResult::Success();
}

js::object CreateAttributeRequestItemProcessor::Accept(storage::Transaction& tx, const js::object& item,
                                                       const js::object&, const LocalRequest& request,
                                                       transport::PendingEvents& events) {
  auto attribute = item.at("attribute").as_object();
  if (StringAt(attribute, "owner").empty()) attribute["owner"] = self();
  if (IsRelationshipAttribute(attribute)) {
    const auto content = content::RelationshipAttribute::FromJson(attribute);
    // A new record with a new id; the sender stores its copy under that id.
    const AttributesController::PeerRecordOrigin origin{"", request.peer, request.id};
    const auto created = content.owner == self() ? attributes_.CreateOwnRelationshipAttribute(tx, content, origin, events)
                                                 : attributes_.CreatePeerRelationshipAttribute(tx, content, origin, events);
    return content::NormalizeResponseItem(js::object{
        {"@type", "CreateAttributeAcceptResponseItem"}, {"result", "Accepted"}, {"attributeId", created.id}});
  }
  return CreateAppropriateResponseItem(tx, attributes_, attribute, request, ResponseKind::kCreate, events);
}

void CreateAttributeRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                    const js::object& response_item,
                                                                    const js::object& item, const LocalRequest& request,
                                                                    transport::PendingEvents& events) {
  const auto type = StringAt(response_item, "@type");
  if (type == "AttributeAlreadySharedAcceptResponseItem") return;
  auto attribute = item.at("attribute").as_object();
  if (StringAt(attribute, "owner").empty()) attribute["owner"] = request.peer;
  const auto owner = StringAt(attribute, "owner");
  const bool is_own = owner == self();
  const bool is_peers = owner == request.peer;

  if (type == "CreateAttributeAcceptResponseItem") {
    const auto attribute_id = StringAt(response_item, "attributeId");
    if ((IsIdentityAttribute(attribute) && is_peers) || (IsRelationshipAttribute(attribute) && (is_peers || is_own))) {
      StorePeerAnsweredAttribute(tx, attributes_, attribute_id, attribute, std::nullopt, request, events);
    }
    return;
  }
  if (type == "AttributeSuccessionAcceptResponseItem") {
    // Only successions of a PeerIdentityAttribute: the peer merged tags into the attribute I had.
    const auto predecessor = attributes_.Get(tx, StringAt(response_item, "predecessorId"));
    if (!predecessor || predecessor->type != LocalAttributeType::kPeerIdentity) return;
    if (!IsIdentityAttribute(response_item.at("successorContent").as_object())) return;
    ApplySuccession(tx, attributes_, response_item, request, events);
  }
}

}  // namespace nmshd::consumption
