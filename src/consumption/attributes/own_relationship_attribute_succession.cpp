// AttributesController: new versions of OwnRelationshipAttributes (validateOwnRelationshipAttribute
// Succession, succeedOwnRelationshipAttribute of @nmshd/consumption 7.0.0) — what
// succeedRelationshipAttributeAndNotifyPeer stores before it tells the peer.
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/attributes/json_deep_equal.h"
#include "content/character_whitelist.h"
#include "core/core_date.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::string_view kAttributeSucceeded = "consumption.attributeSucceeded";

}  // namespace

void AttributesController::ValidateOwnRelationshipAttributeSuccession(
    storage::Transaction& tx, const LocalAttribute& predecessor, const content::RelationshipAttribute& successor) const {
  (void)tx;  // the official check that the new id is unused cannot fail for a fresh random id
  if (predecessor.Key() != successor.key) throw attribute_errors::SuccessionMustNotChangeKey();
  if (predecessor.HasDeletionStatus(deletion_status::kDeletedByRecipient)) {
    throw attribute_errors::CannotSucceedSharedAttributesDeletedByPeer();
  }
  // validateAttributeSuccession, in its order.
  if (predecessor.succeeded_by) throw attribute_errors::CannotSucceedAttributesWithASuccessor(*predecessor.succeeded_by);
  if (JsonDeepEqual(successor.ToJson(), predecessor.content)) throw attribute_errors::SuccessionMustChangeContent();
  if (predecessor.Owner() != successor.owner) throw attribute_errors::SuccessionMustNotChangeOwner();
  if (predecessor.IsIdentityAttribute()) throw attribute_errors::SuccessionMustNotChangeContentType();
  if (predecessor.ValueType() != successor.value.type().name) throw attribute_errors::SuccessionMustNotChangeValueType();
  // validateAttributeCharacters of a RelationshipAttribute: title and description are free text.
  if (!content::HasOnlyWhitelistedStrings(successor.value.json(), true)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The successor contains forbidden characters.");
  }
}

std::pair<LocalAttribute, LocalAttribute> AttributesController::SucceedOwnRelationshipAttribute(
    storage::Transaction& tx, LocalAttribute predecessor, const content::RelationshipAttribute& successor_content,
    std::string_view source_reference, transport::PendingEvents& events) const {
  LocalAttribute successor;
  successor.type = LocalAttributeType::kOwnRelationship;
  successor.id = GenerateId();
  successor.content = successor_content.ToJson();
  successor.created_at = core::CoreDate::Now().ToString();
  successor.succeeds = predecessor.id;
  successor.peer = predecessor.peer;
  successor.source_reference = std::string(source_reference);
  successor.order = tx.NextSequenceValue("attributes.order");
  tx.Insert(kCollection, successor.id, successor.ToDocument());
  predecessor.succeeded_by = successor.id;
  tx.Replace(kCollection, predecessor.id, predecessor.ToDocument());
  events.Add(std::string(kAttributeSucceeded),
             js::object{{"predecessor", Dto(tx, predecessor)}, {"successor", successor.ToDto(0)}});
  return {std::move(predecessor), std::move(successor)};
}

}  // namespace nmshd::consumption
