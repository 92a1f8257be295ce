#include "consumption/requests/items/read_attribute_request_item_processor.h"

#include <algorithm>

#include "consumption/requests/items/attribute_item_support.h"
#include "consumption/requests/items/attribute_query_match.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption {

namespace js = boost::json;
using namespace attribute_items;

namespace {

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}
ValidationResult InvalidParams(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidAcceptParameters(message));
}

bool IsForwardable(LocalAttributeType type) {
  return type == LocalAttributeType::kOwnIdentity || type == LocalAttributeType::kOwnRelationship ||
         type == LocalAttributeType::kPeerRelationship;
}

constexpr const char* kNotForwardable =
    "The selected Attribute is not an OwnIdentityAttribute, an OwnRelationshipAttribute or a "
    "PeerRelationshipAttribute. When accepting a ReadAttributeRequestItem with an existing Attribute it may only be "
    "such an Attribute.";

// AcceptReadAttributeRequestItemParameters: existingAttributeId (+ tags) or newAttribute (parsed to
// its canonical JSON).
struct ReadParams {
  std::string existing_attribute_id;
  js::array tags;
  std::optional<js::object> new_attribute;
};

ReadParams ParseParams(const js::object& params) {
  ReadParams out;
  out.existing_attribute_id = StringAt(params, "existingAttributeId");
  if (const auto* t = params.if_contains("tags"); t != nullptr && t->is_array()) out.tags = t->get_array();
  if (const auto* a = params.if_contains("newAttribute"); a != nullptr && a->is_object()) {
    if (StringAt(a->get_object(), "@type") == "RelationshipAttribute") {
      out.new_attribute = content::RelationshipAttribute::FromJson(*a).ToJson();
    } else {
      out.new_attribute = content::IdentityAttribute::FromJson(*a).ToJson();
    }
  }
  return out;
}

bool IsQuery(const js::object& query, std::string_view type) { return StringAt(query, "@type") == type; }

js::object WithMergedTags(js::object attribute, const js::array& tags) {
  js::array merged;
  if (const auto* t = attribute.if_contains("tags"); t != nullptr && t->is_array()) merged = t->get_array();
  for (const auto& tag : tags) merged.push_back(tag);
  attribute["tags"] = std::move(merged);
  return attribute;
}

}  // namespace

ValidationResult ReadAttributeRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>& recipient) {
  const auto& query = item.at("query").as_object();
  // validateQuery
  auto common = ValidateQuery(query, self(), recipient.value_or(""));
  if (common.IsError()) return common;
  if (IsQuery(query, "RelationshipAttributeQuery")) {
    const auto owner = StringAt(query, "owner");
    if (!(owner == self() || owner.empty())) {
      return Invalid(
          "The owner of the given `query` can only be an empty string or yourself. This is because you can only "
          "request RelationshipAttributes using a ReadAttributeRequestitem with a RelationshipAttributeQuery where the "
          "Recipient of the Request or yourself is the owner. And in order to avoid mistakes, the Recipient "
          "automatically will become the owner of the RelationshipAttribute later on if the owner of the `query` is an "
          "empty string.");
    }
  }
  if (auto tag_error = QueryTagError(attributes_.context(), query)) return Invalid(*tag_error);

  if (IsQuery(query, "RelationshipAttributeQuery") && recipient) {
    const auto owner = StringAt(query, "owner");
    const auto key = StringAt(query, "key");
    const auto value_type = StringAt(query.at("attributeCreationHints").as_object(), "valueType");
    if (!attributes_.RelationshipAttributesWithKey(tx, key, owner.empty() ? *recipient : owner, value_type, *recipient)
             .empty()) {
      return Invalid("The creation of the queried RelationshipAttribute cannot be requested because there is already a "
                     "RelationshipAttribute in the context of this Relationship with the same key '" +
                     key + "', owner and value type.");
    }
  }
  return ValidationResult::Success();
}

ValidationResult ReadAttributeRequestItemProcessor::CanAccept(storage::Transaction& tx, const js::object& item,
                                                              const js::object& raw_params,
                                                              const LocalRequest& request) {
  const auto& query = item.at("query").as_object();
  const auto params = ParseParams(raw_params);
  if (!params.existing_attribute_id.empty() && params.new_attribute) {
    return InvalidParams("You cannot specify both newAttribute and existingAttributeId.");
  }
  if (params.new_attribute && !params.tags.empty()) {
    return InvalidParams("You cannot specify both newAttribute and tags.");
  }
  std::optional<js::object> attribute;
  if (!params.existing_attribute_id.empty()) {
    if (IsQuery(query, "RelationshipAttributeQuery")) {
      return InvalidParams("When responding to a RelationshipAttributeQuery, only new RelationshipAttributes may be "
                           "provided.");
    }
    const auto found = attributes_.Get(tx, params.existing_attribute_id);
    if (!found) return ValidationResult::Error(LocalAttributeNotFound(params.existing_attribute_id));
    if (!IsForwardable(found->type)) return InvalidParams(kNotForwardable);
    attribute = found->content;
    if ((IsQuery(query, "IdentityAttributeQuery") || IsQuery(query, "IQLQuery")) &&
        found->type == LocalAttributeType::kOwnIdentity) {
      const auto successors = attributes_.SuccessorsSharedWithPeer(tx, *found, request.peer, true);
      if (!successors.empty()) {
        return ValidationResult::Error(AttributeQueryMismatch(
            "The provided IdentityAttribute is outdated. You have already shared the successor '" +
            successors.front().id + "' of it."));
      }
      if (!params.tags.empty()) attribute = WithMergedTags(*attribute, params.tags);
    }
    if (IsQuery(query, "ThirdPartyRelationshipAttributeQuery") &&
        (found->type == LocalAttributeType::kOwnRelationship || found->type == LocalAttributeType::kPeerRelationship)) {
      const auto initial_peer = found->peer.value_or("");
      std::vector<std::string> third_parties;
      for (const auto& t : query.at("thirdParty").as_array()) third_parties.emplace_back(t.as_string());
      auto queried = [&](const std::string& s) {
        return std::find(third_parties.begin(), third_parties.end(), s) != third_parties.end();
      };
      if ((found->type == LocalAttributeType::kOwnRelationship || queried(initial_peer)) && !queried("") &&
          !queried(initial_peer)) {
        return ValidationResult::Error(AttributeQueryMismatch(
            "The provided RelationshipAttribute exists in the context of a Relationship with a third party that "
            "should not be involved."));
      }
      if (!HasNonPendingRelationshipTo(tx, initial_peer)) {
        return ValidationResult::Error(CannotShareRelationshipAttributeOfPendingRelationship());
      }
      if (!params.tags.empty()) {
        return InvalidParams("When responding to a ThirdPartyRelationshipAttributeQuery, no tags may be specified.");
      }
    }
  } else if (params.new_attribute) {
    if (IsQuery(query, "ThirdPartyRelationshipAttributeQuery")) {
      return InvalidParams("When responding to a ThirdPartyRelationshipAttributeQuery, only RelationshipAttributes "
                           "that already exist may be provided.");
    }
    attribute = *params.new_attribute;
    if (StringAt(*attribute, "owner").empty()) (*attribute)["owner"] = self();
  }
  if (!attribute) return InvalidParams("You have to specify either newAttribute or existingAttributeId.");
  if (!HasValidCharacters(*attribute)) return InvalidParams("The Attribute contains forbidden characters.");

  auto matches = ValidateAttributeMatchesWithQuery(query, *attribute, self(), request.peer);
  if (matches.IsError()) return matches;

  if (IsQuery(query, "RelationshipAttributeQuery")) {
    const auto owner = StringAt(query, "owner");
    const auto key = StringAt(query, "key");
    const auto value_type = StringAt(query.at("attributeCreationHints").as_object(), "valueType");
    if (!attributes_.RelationshipAttributesWithKey(tx, key, owner.empty() ? self() : owner, value_type, request.peer)
             .empty()) {
      if (MustBeAccepted(item)) {
        throw ViolatedKeyUniqueness(
            "The queried RelationshipAttribute cannot be created because there is already a RelationshipAttribute in "
            "the context of this Relationship with the same key '" +
            key + "', owner and value type.");
      }
      return InvalidParams(
          "This ReadAttributeRequestItem cannot be accepted as the queried RelationshipAttribute cannot be created "
          "because there is already a RelationshipAttribute in the context of this Relationship with the same key '" +
          key + "', owner and value type.");
    }
  }
  if (IsQuery(query, "ThirdPartyRelationshipAttributeQuery") && IsRelationshipAttribute(*attribute) &&
      StringAt(*attribute, "confidentiality") == "private") {
    return ValidationResult::Error(AttributeQueryMismatch(
        "The confidentiality of the provided RelationshipAttribute is private. Therefore you are not allowed to share "
        "it."));
  }
  if (auto tag_error = TagError(attributes_.context(), *attribute)) return InvalidParams(*tag_error);
  return ValidationResult::Success();
}

js::object ReadAttributeRequestItemProcessor::Accept(storage::Transaction& tx, const js::object&,
                                                     const js::object& raw_params, const LocalRequest& request,
                                                     transport::PendingEvents& events) {
  const auto params = ParseParams(raw_params);
  if (!params.existing_attribute_id.empty()) {
    auto existing = attributes_.Get(tx, params.existing_attribute_id);
    if (!existing) throw LocalAttributeNotFound(params.existing_attribute_id);
    if (!IsForwardable(existing->type)) throw request_errors::InvalidAcceptParameters(kNotForwardable);
    if (!params.tags.empty() && existing->type == LocalAttributeType::kOwnIdentity) {
      // The tags asked for are merged in by a succession; the successor is what gets shared.
      const auto successor = content::IdentityAttribute::FromJson(WithMergedTags(existing->content, params.tags));
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
      js::object response{{"@type", "ReadAttributeAcceptResponseItem"},
                          {"result", "Accepted"},
                          {"attributeId", updated.id},
                          {"attribute", updated.content}};
      // A relationship attribute of another relationship goes out with that relationship's peer.
      if (updated.type == LocalAttributeType::kOwnRelationship || updated.type == LocalAttributeType::kPeerRelationship) {
        response["thirdPartyAddress"] = updated.peer.value_or("");
      }
      return content::NormalizeResponseItem(response);
    }
    return content::NormalizeResponseItem(js::object{{"@type", "AttributeSuccessionAcceptResponseItem"},
                                                     {"result", "Accepted"},
                                                     {"predecessorId", shared.front().id},
                                                     {"successorId", updated.id},
                                                     {"successorContent", updated.content}});
  }
  if (!params.new_attribute) {
    throw request_errors::Unexpected("You have to specify either newAttribute or existingAttributeId.");
  }
  auto attribute = *params.new_attribute;
  if (StringAt(attribute, "owner").empty()) attribute["owner"] = self();
  if (IsRelationshipAttribute(attribute)) {
    const auto content = content::RelationshipAttribute::FromJson(attribute);
    const AttributesController::PeerRecordOrigin origin{"", request.peer, request.id};
    const auto created = content.owner == self() ? attributes_.CreateOwnRelationshipAttribute(tx, content, origin, events)
                                                 : attributes_.CreatePeerRelationshipAttribute(tx, content, origin, events);
    return content::NormalizeResponseItem(js::object{{"@type", "ReadAttributeAcceptResponseItem"},
                                                     {"result", "Accepted"},
                                                     {"attributeId", created.id},
                                                     {"attribute", created.content}});
  }
  return CreateAppropriateResponseItem(tx, attributes_, attribute, request, ResponseKind::kRead, events);
}

void ReadAttributeRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                  const js::object& response_item, const js::object&,
                                                                  const LocalRequest& request,
                                                                  transport::PendingEvents& events) {
  const auto type = StringAt(response_item, "@type");
  if (type == "RejectResponseItem") return;
  if (type == "AttributeAlreadySharedAcceptResponseItem") {
    ApplyAlreadyShared(tx, attributes_, response_item);
    return;
  }
  if (type == "AttributeSuccessionAcceptResponseItem") {
    ApplySuccession(tx, attributes_, response_item, request, events);
    return;
  }
  if (type != "ReadAttributeAcceptResponseItem") return;
  std::optional<std::string> third_party;
  if (const auto* t = response_item.if_contains("thirdPartyAddress"); t != nullptr && t->is_string()) {
    third_party = std::string(t->get_string());
  }
  StorePeerAnsweredAttribute(tx, attributes_, StringAt(response_item, "attributeId"),
                             response_item.at("attribute").as_object(), third_party, request, events);
}

}  // namespace nmshd::consumption
