#include "consumption/requests/items/transfer_file_ownership_request_item_processor.h"

#include "base/coded_error.h"
#include "consumption/requests/items/attribute_item_support.h"
#include "content/identity_attribute.h"
#include "content/requests/request_content.h"
#include "core/core_date.h"
#include "core/reference.h"

namespace nmshd::consumption {

namespace js = boost::json;
using attribute_items::StringAt;

namespace {

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}

// The item's fileReference, canonically a truncated file reference.
core::Reference FileReferenceOf(const js::object& item) {
  return core::Reference::FromTruncated(StringAt(item, "fileReference"), core::ReferenceKind::kFile);
}

bool IsExpired(const transport::LocalFile& file) {
  return core::CoreDate::Parse(std::string(file.members.at("expiresAt").as_string())).millis() <
         core::CoreDate::Now().millis();
}

std::string OwnerOf(const transport::LocalFile& file) { return std::string(file.members.at("owner").as_string()); }

const js::array* TagsOf(const transport::LocalFile& file) {
  const auto* tags = file.members.if_contains("tags");
  return tags != nullptr && tags->is_array() && !tags->get_array().empty() ? &tags->get_array() : nullptr;
}

// The Backbone refuses a claim by the file's owner with this code.
constexpr std::string_view kCannotClaimOwnFile = "error.platform.validation.file.cannotClaimOwnershipOfOwnFile";

}  // namespace

std::optional<std::string> TransferFileOwnershipRequestItemProcessor::FileTagError(
    const transport::LocalFile& file) const {
  const auto* tags = TagsOf(file);
  if (tags == nullptr) return std::nullopt;
  // validateTagsForType(tags, "IdentityFileReference") is what validateTagsOfAttribute runs for an
  // IdentityAttribute of that value type; the value itself plays no part in the check.
  const js::object attribute{{"@type", "IdentityAttribute"},
                             {"owner", self()},
                             {"value", js::object{{"@type", "IdentityFileReference"},
                                                  {"value", files_.ReferenceOf(file).Truncate()}}},
                             {"tags", *tags}};
  return attribute_items::TagError(attributes_.context(), attribute);
}

bool TransferFileOwnershipRequestItemProcessor::ClaimWasLost(const transport::LocalFile& file) {
  return !file.is_own && files_.BackboneOwnerOf(file.id) == self();
}

ValidationResult TransferFileOwnershipRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>&) {
  const auto id = FileReferenceOf(item).id();
  const auto file = files_.Find(tx, id);
  if (!file) return Invalid("The File with the given ID '" + id + "' could not be found.");
  if (!file->is_own) {
    return Invalid("You cannot request the transfer of ownership of the File with ID '" + id +
                   "' since it is not owned by you.");
  }
  if (IsExpired(*file)) {
    return Invalid("You cannot request the transfer of ownership of the File with ID '" + id +
                   "' since it is already expired.");
  }
  if (auto tag_error = FileTagError(*file)) {
    return Invalid("You cannot request the transfer of ownership of the File with ID '" + id +
                   "' since it has invalid tags. " + *tag_error);
  }
  if (!files_.ValidateOwnershipToken(id, StringAt(item, "ownershipToken"))) {
    return Invalid("The specified ownershipToken is not valid for the File with ID '" + id + "'.");
  }
  return ValidationResult::Success();
}

ValidationResult TransferFileOwnershipRequestItemProcessor::CanAccept(storage::Transaction& tx, const js::object& item,
                                                                      const js::object&, const LocalRequest& request) {
  const auto reference = FileReferenceOf(item);
  const auto& id = reference.id();
  std::optional<transport::LocalFile> file;
  try {
    file = files_.GetOrLoad(tx, id, reference.key());
  } catch (const std::exception&) {
    return Invalid("You cannot accept this RequestItem since the File with the given ID '" + id +
                   "' could not be found.");
  }
  if (IsExpired(*file)) {
    return Invalid("You cannot accept this RequestItem since the File with the given ID '" + id +
                   "' is already expired.");
  }
  if (file->is_own) {
    return Invalid("You cannot accept this RequestItem since the File with the given fileReference '" + id +
                   "' is already owned by you.");
  }
  // After a lost claim a freshly loaded record already names me (see Accept).
  if (OwnerOf(*file) != request.peer && !(OwnerOf(*file) == self() && ClaimWasLost(*file))) {
    return Invalid("You cannot accept this RequestItem since the File with the given fileReference '" + id +
                   "' is not owned by the peer.");
  }
  if (auto tag_error = FileTagError(*file)) {
    return Invalid("You cannot accept this RequestItem since the File with the given fileReference '" + id +
                   "' has invalid tags. " + *tag_error);
  }
  if (!files_.ValidateOwnershipToken(id, StringAt(item, "ownershipToken")) && !ClaimWasLost(*file)) {
    return Invalid("You cannot accept this RequestItem since the specified ownershipToken is not valid for the File "
                   "with ID '" +
                   id + "'.");
  }
  return ValidationResult::Success();
}

js::object TransferFileOwnershipRequestItemProcessor::Accept(storage::Transaction& tx, const js::object& item,
                                                             const js::object&, const LocalRequest& request,
                                                             transport::PendingEvents& events) {
  const auto reference = FileReferenceOf(item);
  const auto peer_file = files_.GetOrLoad(tx, reference.id(), reference.key());

  // The claim is a Backbone call inside the caller's write transaction, as in the official
  // processor (which has no transaction): every other writer waits one round trip, and the claim
  // cannot be rolled back. Claiming before the transaction instead would need a pre-accept step in
  // every caller (REST use case, decider, template/relationship flows) and would leave the same
  // window the other way round (claimed, then the decision fails). Here:
  //   * a failed claim throws, the transaction rolls back: the request stays undecided, nothing is
  //     stored (no file update, no attribute);
  //   * a claim whose transaction then fails leaves the Backbone naming me owner while my record
  //     names the peer (or, loaded anew, names me but is not marked own). Deciding again recovers:
  //     CanAccept lets exactly that case (ClaimWasLost) pass the owner and token checks, the repeated
  //     claim is refused as a claim of an own file, and the record is completed with a regenerated
  //     token (the claim's token was lost with the rollback).
  std::optional<transport::LocalFile> own_file;
  try {
    own_file = files_.ClaimOwnership(tx, peer_file, StringAt(item, "ownershipToken"));
  } catch (const CodedError& e) {
    if (e.code() != kCannotClaimOwnFile || !ClaimWasLost(peer_file)) throw;
    own_file = files_.AdoptClaimedOwnership(tx, peer_file);
  }

  js::object attribute{{"@type", "IdentityAttribute"},
                       {"owner", self()},
                       {"value", js::object{{"@type", "IdentityFileReference"},
                                            {"value", files_.ReferenceOf(*own_file).Truncate()}}}};
  if (const auto* tags = own_file->members.if_contains("tags"); tags != nullptr && tags->is_array()) {
    attribute["tags"] = *tags;
  }
  const auto prepared = attributes_.PrepareOwnIdentityAttribute(content::IdentityAttribute::FromJson(attribute));
  const auto created = attributes_.InsertOwnIdentityAttribute(tx, prepared, events);
  const auto updated = attributes_.AddForwardingDetails(tx, created, request.peer, request.id, events);
  return content::NormalizeResponseItem(js::object{{"@type", "TransferFileOwnershipAcceptResponseItem"},
                                                   {"result", "Accepted"},
                                                   {"attributeId", updated.id},
                                                   {"attribute", updated.content}});
}

void TransferFileOwnershipRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                          const js::object& response_item,
                                                                          const js::object&,
                                                                          const LocalRequest& request,
                                                                          transport::PendingEvents& events) {
  if (StringAt(response_item, "@type") != "TransferFileOwnershipAcceptResponseItem") return;
  const auto prepared = attributes_.PreparePeerIdentityAttribute(
      content::IdentityAttribute::FromJson(response_item.at("attribute")), request.peer);
  const AttributesController::PeerRecordOrigin origin{StringAt(response_item, "attributeId"), request.peer,
                                                      request.id};
  attributes_.InsertPeerIdentityAttribute(tx, prepared, origin, events);
}

}  // namespace nmshd::consumption
