#pragma once
// The attribute store of the identity (consumption AttributesController of runtime 7.x, the parts
// this Connector uses so far): local attribute records in collection "attributes", the rules for
// creating own identity attributes (trimming, owner, character whitelist, tags, no duplicate of a
// latest version), succession (new version, links both ways), versions, deletion of an attribute
// with its predecessors, and the IdentityAttributeQuery.
//
// Transactions: the methods taking a storage::Transaction read and write in the caller's
// transaction and collect events in `events`; the caller commits, then publishes them. Methods
// that may call the Backbone (tag checks) take no transaction and must be called outside one.
//
// Not here yet (later slices): attributes exchanged with peers (Peer*, Own/Peer relationship,
// third party), forwarding details being written, notifications to peers, default attributes
// (the Connector switches them off: setDefaultOwnIdentityAttributes false).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "consumption/attributes/local_attribute.h"
#include "consumption/consumption_context.h"
#include "content/identity_attribute.h"
#include "content/identity_attribute_query.h"
#include "storage/query.h"

namespace nmshd::consumption {

class AttributesController {
 public:
  static constexpr std::string_view kCollection = "attributes";
  // AttributeForwardingDetails {attributeId, peer, sourceReference, sharedAt, deletionInfo?}: who
  // an attribute was forwarded to. Only read so far (numberOfForwards, peers to notify).
  static constexpr std::string_view kForwardingDetailsCollection = "attributeForwardingDetails";

  explicit AttributesController(ConsumptionContext& ctx) : ctx_(ctx) {}

  const ConsumptionContext& context() const { return ctx_; }

  // A fresh attribute id: "ATT" + 17 alphanumerics (ConsumptionIds.attribute).
  static std::string GenerateId();

  std::optional<LocalAttribute> Get(storage::Transaction& tx, std::string_view id) const;
  // getLocalAttributes: the matching records, oldest first (createdAt).
  std::vector<LocalAttribute> Find(storage::Transaction& tx, const storage::Filter& filter) const;
  // The forwarding details recorded for the attribute (what numberOfForwards counts).
  std::uint64_t NumberOfForwards(storage::Transaction& tx, const LocalAttribute& attribute) const;
  boost::json::object Dto(storage::Transaction& tx, const LocalAttribute& attribute) const;
  boost::json::array Dtos(storage::Transaction& tx, const std::vector<LocalAttribute>& attributes) const;

  // getOwnIdentityAttributeWithSameValue: a latest-version OwnIdentityAttribute whose value deep-
  // equals `value` (a raw identity value JSON) after trimming.
  std::optional<LocalAttribute> OwnIdentityAttributeWithSameValue(storage::Transaction& tx,
                                                                  const boost::json::value& value) const;

  // The checks createOwnIdentityAttribute runs before storing: trims the value (ServalError when
  // the trimmed value is invalid), the owner must be self (wrongOwnerOfAttribute), only whitelisted
  // characters (forbiddenCharactersInAttribute), valid tags (invalidTags; may call the Backbone).
  // Returns the trimmed attribute to store.
  content::IdentityAttribute PrepareOwnIdentityAttribute(const content::IdentityAttribute& attribute) const;
  // Stores a prepared attribute as a new OwnIdentityAttribute; consumption.attributeCreated.
  LocalAttribute InsertOwnIdentityAttribute(storage::Transaction& tx, const content::IdentityAttribute& prepared,
                                            transport::PendingEvents& events) const;

  // validateOwnIdentityAttributeSuccession after the successor content was parsed and its tags
  // checked: the predecessor has no successor yet, the content changes (compared untrimmed, as
  // officially), owner, content kind and value type stay, only whitelisted characters. Throws
  // CodedError error.consumption.attributes.*.
  void ValidateOwnIdentityAttributeSuccession(storage::Transaction& tx, const LocalAttribute& predecessor,
                                              const content::IdentityAttribute& successor) const;
  // succeedOwnIdentityAttribute: stores the trimmed successor (succeeds = predecessor) and links the
  // predecessor (succeededBy); consumption.attributeSucceeded {predecessor, successor}.
  std::pair<LocalAttribute, LocalAttribute> SucceedOwnIdentityAttribute(storage::Transaction& tx,
                                                                         LocalAttribute predecessor,
                                                                         const content::IdentityAttribute& successor,
                                                                         transport::PendingEvents& events) const;

  // getVersionsOfAttribute: newest first — the successors, the attribute, its predecessors.
  std::vector<LocalAttribute> Versions(storage::Transaction& tx, const LocalAttribute& attribute) const;
  std::vector<LocalAttribute> Predecessors(storage::Transaction& tx, const LocalAttribute& attribute) const;
  std::vector<LocalAttribute> Successors(storage::Transaction& tx, const LocalAttribute& attribute) const;

  // validateFullAttributeDeletionProcess: a named successor must exist (successorDoesNotExist).
  void ValidateFullDeletion(storage::Transaction& tx, const LocalAttribute& attribute) const;
  // getForwardingPeers: the peers with forwarding details of the attribute that are not deleted by
  // them (nor to be deleted, unless `include_to_be_deleted`), each once.
  std::vector<std::string> ForwardingPeers(storage::Transaction& tx, const LocalAttribute& attribute,
                                           bool include_to_be_deleted) const;
  // executeFullAttributeDeletionProcess: detaches the successor, deletes the predecessors, then the
  // attribute; consumption.attributeDeleted for each, predecessors first.
  void ExecuteFullDeletion(storage::Transaction& tx, const LocalAttribute& attribute,
                           transport::PendingEvents& events) const;

  // executeIdentityAttributeQuery: identity attributes owned by self with the query's value type
  // and, when the query names tags, any one of them (none when the list is empty). All versions.
  std::vector<LocalAttribute> ExecuteIdentityAttributeQuery(storage::Transaction& tx,
                                                            const content::IdentityAttributeQuery& query) const;

 private:
  void Delete(storage::Transaction& tx, const LocalAttribute& attribute, transport::PendingEvents& events) const;

  ConsumptionContext& ctx_;
};

}  // namespace nmshd::consumption
