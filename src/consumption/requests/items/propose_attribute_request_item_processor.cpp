#include "consumption/requests/items/propose_attribute_request_item_processor.h"

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/requests/items/attribute_item_support.h"
#include "consumption/requests/items/attribute_query_match.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"

namespace nmshd::consumption {

namespace js = boost::json;
using namespace attribute_items;

namespace {

constexpr std::string_view kParamsType = "AcceptProposeAttributeRequestItemParameters";

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}
ValidationResult InvalidParams(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidAcceptParameters(message));
}

constexpr const char* kOwnerMustBeEmpty =
    "This is because you can only propose Attributes where the Recipient of the Request is the owner anyway. And in "
    "order to avoid mistakes, the owner will be automatically filled for you.";
constexpr const char* kNotOwnIdentityAttribute =
    "The selected Attribute is not an OwnIdentityAttribute. When accepting a ProposeAttributeRequestItem with an "
    "existing Attribute it may only be an OwnIdentityAttribute.";

// AcceptProposeAttributeRequestItemParameters: attributeId (+ tags) or attribute (parsed to its
// canonical JSON). postFrom's checks throw the ts-serval ValidationError, which the incoming
// controller reports as servalErrorDuringRequestItemProcessing.
struct ProposeParams {
  std::string attribute_id;
  std::optional<js::array> tags;
  std::optional<js::object> attribute;
};

ProposeParams ParseParams(const js::object& params) {
  ProposeParams out;
  out.attribute_id = StringAt(params, "attributeId");
  if (const auto* t = params.if_contains("tags"); t != nullptr && t->is_array()) out.tags = t->get_array();
  if (const auto* a = params.if_contains("attribute"); a != nullptr && a->is_object()) {
    if (StringAt(a->get_object(), "@type") == "RelationshipAttribute") {
      out.attribute = content::RelationshipAttribute::FromJson(*a).ToJson();
    } else {
      out.attribute = content::IdentityAttribute::FromJson(*a).ToJson();
    }
  }
  if (!out.attribute_id.empty() && out.attribute) {
    throw content::ValidationError(kParamsType, "attribute", "You cannot specify both attribute and attributeId.");
  }
  if (out.attribute && out.tags) {
    throw content::ValidationError(kParamsType, "attribute", "You cannot specify both attribute and tags.");
  }
  if (out.attribute_id.empty() && !out.attribute) {
    throw content::ValidationError(kParamsType, "attribute", "You have to specify either attribute or attributeId.");
  }
  return out;
}

bool IsRelationshipQuery(const js::object& query) { return StringAt(query, "@type") == "RelationshipAttributeQuery"; }

// The content with the given tags appended (attribute.tags = [...attribute.tags, ...tags]; no
// de-duplication, as officially).
js::object WithAppendedTags(js::object attribute, const js::array& tags) {
  js::array merged;
  if (const auto* t = attribute.if_contains("tags"); t != nullptr && t->is_array()) merged = t->get_array();
  for (const auto& tag : tags) merged.push_back(tag);
  attribute["tags"] = std::move(merged);
  return attribute;
}

std::string KeyTakenMessage(const std::string& key) {
  return "there is already a RelationshipAttribute in the context of this Relationship with the same key '" + key +
         "', owner and value type.";
}

}  // namespace

ValidationResult ProposeAttributeRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>& recipient) {
  const auto& query = item.at("query").as_object();
  const auto& attribute = item.at("attribute").as_object();

  // validateQuery
  auto common = ValidateQuery(query, self(), recipient.value_or(""));
  if (common.IsError()) return common;
  if (IsRelationshipQuery(query) && !StringAt(query, "owner").empty()) {
    return Invalid(std::string("The owner of the given `query` can only be an empty string. ") + kOwnerMustBeEmpty);
  }
  if (auto tag_error = QueryTagError(attributes_.context(), query)) return Invalid(*tag_error);

  // validateAttribute
  if (!StringAt(attribute, "owner").empty()) {
    return Invalid(std::string("The owner of the given `attribute` can only be an empty string. ") + kOwnerMustBeEmpty);
  }
  if (!HasValidCharacters(attribute)) return Invalid("The Attribute contains forbidden characters.");
  if (auto tag_error = TagError(attributes_.context(), attribute)) return Invalid(*tag_error);

  // The proposed attribute (owner "") must answer the query for an unknown recipient.
  auto matches = ValidateAttributeMatchesWithQuery(query, attribute, "", self());
  if (matches.IsError()) return matches;

  if (IsRelationshipQuery(query) && recipient) {
    const auto key = StringAt(query, "key");
    const auto value_type = StringAt(query.at("attributeCreationHints").as_object(), "valueType");
    if (!attributes_.RelationshipAttributesWithKey(tx, key, *recipient, value_type, *recipient).empty()) {
      return Invalid("The creation of the proposed RelationshipAttribute cannot be requested because " +
                     KeyTakenMessage(key));
    }
  }
  return ValidationResult::Success();
}

ValidationResult ProposeAttributeRequestItemProcessor::CanAccept(storage::Transaction& tx, const js::object& item,
                                                                 const js::object& raw_params,
                                                                 const LocalRequest& request) {
  const auto& query = item.at("query").as_object();
  const auto params = ParseParams(raw_params);
  js::object attribute;
  if (!params.attribute_id.empty()) {
    if (IsRelationshipQuery(query)) {
      return InvalidParams("When responding to a RelationshipAttributeQuery, only new RelationshipAttributes may be "
                           "provided.");
    }
    const auto found = attributes_.Get(tx, params.attribute_id);
    if (!found) return ValidationResult::Error(LocalAttributeNotFound(params.attribute_id));
    if (found->type != LocalAttributeType::kOwnIdentity) return InvalidParams(kNotOwnIdentityAttribute);
    attribute = found->content;
    const auto successors = attributes_.SuccessorsSharedWithPeer(tx, *found, request.peer, true);
    if (!successors.empty()) {
      return ValidationResult::Error(
          AttributeQueryMismatch("The provided IdentityAttribute is outdated. You have already shared the successor '" +
                                 successors.front().id + "' of it."));
    }
    if (params.tags && !params.tags->empty()) attribute = WithAppendedTags(attribute, *params.tags);
  } else {
    attribute = *params.attribute;
    if (StringAt(attribute, "owner").empty()) attribute["owner"] = self();
  }
  if (!HasValidCharacters(attribute)) return InvalidParams("The Attribute contains forbidden characters.");

  auto matches = ValidateAttributeMatchesWithQuery(query, attribute, self(), request.peer);
  if (matches.IsError()) return matches;

  if (IsRelationshipQuery(query)) {
    const auto key = StringAt(query, "key");
    const auto value_type = StringAt(query.at("attributeCreationHints").as_object(), "valueType");
    if (!attributes_.RelationshipAttributesWithKey(tx, key, self(), value_type, request.peer).empty()) {
      if (MustBeAccepted(item)) {
        throw ViolatedKeyUniqueness("The queried RelationshipAttribute cannot be created because " +
                                    KeyTakenMessage(key));
      }
      return InvalidParams("This ProposeAttributeRequestItem cannot be accepted as the queried RelationshipAttribute "
                           "cannot be created because " +
                           KeyTakenMessage(key));
    }
  }
  if (auto tag_error = TagError(attributes_.context(), attribute)) return InvalidParams(*tag_error);
  return ValidationResult::Success();
}

js::object ProposeAttributeRequestItemProcessor::Accept(storage::Transaction& tx, const js::object&,
                                                        const js::object& raw_params, const LocalRequest& request,
                                                        transport::PendingEvents& events) {
  const auto params = ParseParams(raw_params);
  if (!params.attribute_id.empty()) {
    auto existing = attributes_.Get(tx, params.attribute_id);
    if (!existing) throw LocalAttributeNotFound(params.attribute_id);
    if (existing->type != LocalAttributeType::kOwnIdentity) {
      throw request_errors::InvalidAcceptParameters(kNotOwnIdentityAttribute);
    }
    if (params.tags && !params.tags->empty()) {
      // The tags asked for are merged in by a succession; the successor is what gets shared.
      const auto successor = content::IdentityAttribute::FromJson(WithAppendedTags(existing->content, *params.tags));
      attributes_.ValidateOwnIdentityAttributeSuccession(tx, *existing, successor);
      existing = attributes_.SucceedOwnIdentityAttribute(tx, *existing, successor, events).second;
    }
    const auto shared = attributes_.VersionsSharedWithPeer(tx, *existing, request.peer, true);
    if (!shared.empty() && shared.front().id == existing->id) {
      ClearForwardedDeletionInfo(tx, attributes_, shared.front(), request.peer);
      return content::NormalizeResponseItem(js::object{{"@type", "AttributeAlreadySharedAcceptResponseItem"},
                                                       {"result", "Accepted"},
                                                       {"attributeId", shared.front().id}});
    }
    const auto updated = attributes_.AddForwardingDetails(tx, *existing, request.peer, request.id, events);
    if (shared.empty()) {
      return content::NormalizeResponseItem(js::object{{"@type", "ProposeAttributeAcceptResponseItem"},
                                                       {"result", "Accepted"},
                                                       {"attributeId", updated.id},
                                                       {"attribute", updated.content}});
    }
    return content::NormalizeResponseItem(js::object{{"@type", "AttributeSuccessionAcceptResponseItem"},
                                                     {"result", "Accepted"},
                                                     {"predecessorId", shared.front().id},
                                                     {"successorId", updated.id},
                                                     {"successorContent", updated.content}});
  }
  auto attribute = *params.attribute;
  if (StringAt(attribute, "owner").empty()) attribute["owner"] = self();
  if (IsRelationshipAttribute(attribute)) {
    const auto created = attributes_.CreateOwnRelationshipAttribute(
        tx, content::RelationshipAttribute::FromJson(attribute), {"", request.peer, request.id}, events);
    return content::NormalizeResponseItem(js::object{{"@type", "ProposeAttributeAcceptResponseItem"},
                                                     {"result", "Accepted"},
                                                     {"attributeId", created.id},
                                                     {"attribute", created.content}});
  }
  return CreateAppropriateResponseItem(tx, attributes_, attribute, request, ResponseKind::kPropose, events);
}

void ProposeAttributeRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                     const js::object& response_item, const js::object&,
                                                                     const LocalRequest& request,
                                                                     transport::PendingEvents& events) {
  const auto type = StringAt(response_item, "@type");
  if (type == "AttributeAlreadySharedAcceptResponseItem") {
    // My copy was to be deleted; the peer holds the attribute again, so it stays.
    auto attribute = attributes_.Get(tx, StringAt(response_item, "attributeId"));
    if (!attribute || attribute->type != LocalAttributeType::kPeerIdentity) return;
    if (!attribute->HasDeletionStatus(deletion_status::kToBeDeleted)) return;
    ClearReceivedDeletionInfo(tx, *attribute);
    return;
  }
  if (type == "ProposeAttributeAcceptResponseItem") {
    const auto& attribute = response_item.at("attribute").as_object();
    const AttributesController::PeerRecordOrigin origin{StringAt(response_item, "attributeId"), request.peer,
                                                        request.id};
    if (IsIdentityAttribute(attribute)) {
      const auto prepared =
          attributes_.PreparePeerIdentityAttribute(content::IdentityAttribute::FromJson(attribute), request.peer);
      attributes_.InsertPeerIdentityAttribute(tx, prepared, origin, events);
      return;
    }
    attributes_.CreatePeerRelationshipAttribute(tx, content::RelationshipAttribute::FromJson(attribute), origin,
                                                events);
    return;
  }
  if (type == "AttributeSuccessionAcceptResponseItem" &&
      IsIdentityAttribute(response_item.at("successorContent").as_object())) {
    // Only a PeerIdentityAttribute predecessor is succeeded (ApplySuccession checks the kinds).
    ApplySuccession(tx, attributes_, response_item, request, events);
  }
  // RejectResponseItem (and anything else): nothing to store.
}

}  // namespace nmshd::consumption
