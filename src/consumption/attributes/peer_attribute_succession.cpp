// AttributesController: successors of the peer-side copies (PeerIdentity, PeerRelationship,
// ThirdPartyRelationship attributes) under the id the owner gave them — what a
// PeerAttributeSucceededNotificationItem or an AttributeSuccessionAcceptResponseItem applies.
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_trimming.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/attributes/json_deep_equal.h"
#include "content/character_whitelist.h"
#include "content/serval_error.h"
#include "core/core_date.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::string_view kAttributeSucceeded = "consumption.attributeSucceeded";

bool IsRelationshipContent(const js::object& content) {
  const auto* t = content.if_contains("@type");
  return t != nullptr && t->is_string() && t->get_string() == "RelationshipAttribute";
}

// The successor content as the record stores it: an IdentityAttribute trimmed, a
// RelationshipAttribute normalized. ServalError -> successorIsNotAValidAttribute.
js::object ParseSuccessorContent(const js::object& content) {
  try {
    if (IsRelationshipContent(content)) return content::RelationshipAttribute::FromJson(content).ToJson();
    return TrimIdentityAttribute(content::IdentityAttribute::FromJson(content)).ToJson();
  } catch (const content::ServalError& e) {
    throw attribute_errors::SuccessorIsNotAValidAttribute(e);
  }
}

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string ValueTypeOf(const js::object& content) {
  const auto* value = content.if_contains("value");
  return value != nullptr && value->is_object() ? StringAt(value->get_object(), "@type") : std::string();
}

}  // namespace

void AttributesController::ValidatePeerSideSuccession(storage::Transaction& tx, const LocalAttribute& predecessor,
                                                      const PeerSuccessorParams& successor) const {
  if (!predecessor.IsReceived()) {
    throw attribute_errors::WrongTypeOfAttribute("The Attribute " + predecessor.id +
                                                 " is not a PeerIdentityAttribute, a PeerRelationshipAttribute or a "
                                                 "ThirdPartyRelationshipAttribute.");
  }
  // The official params classes compare the content as parsed; the identity one untrimmed.
  js::object parsed;
  try {
    parsed = IsRelationshipContent(successor.content)
                 ? content::RelationshipAttribute::FromJson(successor.content).ToJson()
                 : content::IdentityAttribute::FromJson(successor.content).ToJson();
  } catch (const content::ServalError& e) {
    throw attribute_errors::SuccessorIsNotAValidAttribute(e);
  }
  if (predecessor.type != LocalAttributeType::kPeerIdentity && predecessor.Key() != StringAt(parsed, "key")) {
    throw attribute_errors::SuccessionMustNotChangeKey();
  }
  if (predecessor.HasDeletionStatus(deletion_status::kDeletedByEmitter)) {
    throw attribute_errors::CannotSucceedSharedAttributesDeletedByPeer();
  }
  // validateAttributeSuccession
  if (Get(tx, successor.id)) throw attribute_errors::SuccessorMustNotYetExist();
  if (predecessor.succeeded_by) throw attribute_errors::CannotSucceedAttributesWithASuccessor(*predecessor.succeeded_by);
  if (JsonDeepEqual(parsed, predecessor.content)) throw attribute_errors::SuccessionMustChangeContent();
  if (predecessor.Owner() != StringAt(parsed, "owner")) throw attribute_errors::SuccessionMustNotChangeOwner();
  if (IsRelationshipContent(parsed) == predecessor.IsIdentityAttribute()) {
    throw attribute_errors::SuccessionMustNotChangeContentType();
  }
  if (predecessor.ValueType() != ValueTypeOf(parsed)) throw attribute_errors::SuccessionMustNotChangeValueType();
  const auto& value = parsed.at("value").as_object();
  if (!content::HasOnlyWhitelistedStrings(value, IsRelationshipContent(parsed))) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The successor contains forbidden characters.");
  }
}

std::pair<LocalAttribute, LocalAttribute> AttributesController::SucceedPeerSideAttribute(
    storage::Transaction& tx, LocalAttribute predecessor, const PeerSuccessorParams& params,
    transport::PendingEvents& events, bool validate) const {
  if (validate) ValidatePeerSideSuccession(tx, predecessor, params);
  LocalAttribute successor;
  successor.type = predecessor.type;
  successor.id = params.id;
  successor.content = ParseSuccessorContent(params.content);
  successor.created_at = core::CoreDate::Now().ToString();
  successor.succeeds = predecessor.id;
  successor.peer = predecessor.peer;
  successor.source_reference = params.source_reference;
  successor.initial_attribute_peer = predecessor.initial_attribute_peer;
  successor.order = tx.NextSequenceValue("attributes.order");
  tx.Insert(kCollection, successor.id, successor.ToDocument());
  predecessor.succeeded_by = successor.id;
  tx.Replace(kCollection, predecessor.id, predecessor.ToDocument());
  events.Add(std::string(kAttributeSucceeded),
             js::object{{"predecessor", Dto(tx, predecessor)}, {"successor", successor.ToDto(0)}});
  return {std::move(predecessor), std::move(successor)};
}

}  // namespace nmshd::consumption
