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
// Attributes exchanged with peers (the operations the request item and notification processors
// build on; each in the caller's transaction, events into the caller's PendingEvents):
//   peer_attribute_creation.cpp        createPeerIdentity/OwnRelationship/PeerRelationship/
//                                      ThirdPartyRelationshipAttribute, key uniqueness (§2.3 rule 7)
//   forwarding_details_store.cpp       AttributeForwardingDetails: add, list, remove, deletion infos
//   peer_attribute_succession.cpp      successors of peer-side copies under a given id
//   attribute_deletion_infos.cpp       deletion infos of one attribute / everything with a peer;
//                                      deleting everything exchanged with a peer
//   attributes_exchanged_with_peer.cpp what was forwarded to / received from a peer, shared versions
//   relationship_attribute_queries.cpp RelationshipAttributeQuery, ThirdPartyRelationshipAttributeQuery
// Not here: notifications to peers (sending/processing), default attributes (the Connector switches
// them off: setDefaultOwnIdentityAttributes false), IQL.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "consumption/attributes/forwarding_details.h"
#include "consumption/attributes/local_attribute.h"
#include "consumption/consumption_context.h"
#include "content/identity_attribute.h"
#include "content/identity_attribute_query.h"
#include "content/relationship_attribute.h"
#include "storage/query.h"

namespace nmshd::consumption {

class AttributesController {
 public:
  static constexpr std::string_view kCollection = "attributes";
  // AttributeForwardingDetails {attributeId, peer, sourceReference, sharedAt, deletionInfo?}: who
  // an attribute was forwarded to (forwarding_details.h).
  static constexpr std::string_view kForwardingDetailsCollection = "attributeForwardingDetails";
  // Data migrations of the attribute store that ran on this database (EnsureIndexes).
  static constexpr std::string_view kMigrationsCollection = "consumptionMigrations";
  static constexpr std::string_view kValueKeysMigration = "attributeValueKeys";

  explicit AttributesController(ConsumptionContext& ctx) : ctx_(ctx) {}

  // The secondary indexes of the attribute records (kind + value type, peer): the duplicate check
  // on create and the per-peer lookups then read only the candidates, not every record.
  static void EnsureIndexes(storage::Database& db);

  const ConsumptionContext& context() const { return ctx_; }

  // A fresh attribute id: "ATT" + 17 alphanumerics (ConsumptionIds.attribute).
  static std::string GenerateId();

  std::optional<LocalAttribute> Get(storage::Transaction& tx, std::string_view id) const;
  // getLocalAttributes: the matching records, oldest first (createdAt).
  std::vector<LocalAttribute> Find(storage::Transaction& tx, const storage::Filter& filter) const;
  // The forwarding details recorded for the attribute (what numberOfForwards counts).
  std::uint64_t NumberOfForwards(storage::Transaction& tx, const LocalAttribute& attribute) const;
  boost::json::object Dto(storage::Transaction& tx, const LocalAttribute& attribute) const;
  // The DTOs of many attributes; their numberOfForwards are read in a few batched queries.
  boost::json::array Dtos(storage::Transaction& tx, const std::vector<LocalAttribute>& attributes) const;
  // The same for records read only to be returned: their contents move into the DTOs.
  boost::json::array Dtos(storage::Transaction& tx, std::vector<LocalAttribute>&& attributes) const;
  // The number of forwarding details per attribute id (ids without any are absent).
  std::unordered_map<std::string, std::uint64_t> ForwardsPerAttribute(storage::Transaction& tx,
                                                                      const std::vector<std::string>& attribute_ids) const;

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

  // validateOwnRelationshipAttributeSuccession (own_relationship_attribute_succession.cpp): the key
  // stays (successionMustNotChangeKey), the peer has not deleted the predecessor
  // (cannotSucceedSharedAttributesDeletedByPeer), then the common rules: no successor yet, the
  // content changes, owner, content kind and value type stay, whitelisted characters (title and
  // description excepted).
  void ValidateOwnRelationshipAttributeSuccession(storage::Transaction& tx, const LocalAttribute& predecessor,
                                                  const content::RelationshipAttribute& successor) const;
  // succeedOwnRelationshipAttribute(…, validate = false): stores the successor under a new id with
  // the predecessor's peer and `source_reference` (the notification telling the peer), links the
  // predecessor; consumption.attributeSucceeded {predecessor, successor}.
  std::pair<LocalAttribute, LocalAttribute> SucceedOwnRelationshipAttribute(
      storage::Transaction& tx, LocalAttribute predecessor, const content::RelationshipAttribute& successor,
      std::string_view source_reference, transport::PendingEvents& events) const;

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


  // ---- attributes exchanged with peers: creation (peer_attribute_creation.cpp) ----------------
  // Where a peer-side record comes from: the id (the sender's id for copies; "" = a new id, only
  // for Own/Peer relationship attributes), the peer, the LocalRequest/Notification id.
  struct PeerRecordOrigin {
    std::string id;
    std::string peer;
    std::string source_reference;
  };

  // createPeerIdentityAttribute, split like the own one: Prepare trims the content and checks owner
  // (not self, wrongOwnerOfAttribute; the peer) , characters and tags (may call the Backbone for
  // "bkb:" tags, so outside a transaction); Insert stores it (consumption.attributeCreated).
  content::IdentityAttribute PreparePeerIdentityAttribute(const content::IdentityAttribute& attribute,
                                                          std::string_view peer) const;
  LocalAttribute InsertPeerIdentityAttribute(storage::Transaction& tx, const content::IdentityAttribute& prepared,
                                             const PeerRecordOrigin& origin, transport::PendingEvents& events) const;
  // createOwnRelationshipAttribute: owner must be self and the peer not self.
  LocalAttribute CreateOwnRelationshipAttribute(storage::Transaction& tx, const content::RelationshipAttribute& content,
                                                const PeerRecordOrigin& origin, transport::PendingEvents& events) const;
  // createPeerRelationshipAttribute: owner must not be self and must be the peer.
  LocalAttribute CreatePeerRelationshipAttribute(storage::Transaction& tx, const content::RelationshipAttribute& content,
                                                 const PeerRecordOrigin& origin, transport::PendingEvents& events) const;
  // createThirdPartyRelationshipAttribute: owner not self but the peer or the initial attribute
  // peer, and those two differ.
  LocalAttribute CreateThirdPartyRelationshipAttribute(storage::Transaction& tx,
                                                       const content::RelationshipAttribute& content,
                                                       const PeerRecordOrigin& origin,
                                                       std::string_view initial_attribute_peer,
                                                       transport::PendingEvents& events) const;
  // getRelationshipAttributesOfValueTypeToPeerWithGivenKeyAndOwner (§2.3 rule 7): the Own/Peer
  // relationship attributes with that peer, key, owner and value type that are neither deleted nor
  // to be deleted. Non-empty means a new one would violate the key uniqueness.
  std::vector<LocalAttribute> RelationshipAttributesWithKey(storage::Transaction& tx, std::string_view key,
                                                            std::string_view owner, std::string_view value_type,
                                                            std::string_view peer) const;
  // getPeerIdentityAttributeWithSameValue / getThirdPartyRelationshipAttributeWithSameValue: a copy
  // not deleted by its emitter with a deep-equal value (the "already shared" checks).
  std::optional<LocalAttribute> PeerIdentityAttributeWithSameValue(storage::Transaction& tx,
                                                                   const boost::json::value& value,
                                                                   std::string_view owner) const;
  std::optional<LocalAttribute> ThirdPartyRelationshipAttributeWithSameValue(storage::Transaction& tx,
                                                                             const boost::json::value& value,
                                                                             std::string_view peer,
                                                                             std::string_view owner,
                                                                             std::string_view key) const;

  // ---- forwarding details (forwarding_details_store.cpp) -------------------------------------
  // addForwardingDetailsToAttribute: alreadyForwarded when the peer holds it and is neither deleting
  // nor has deleted it; a record the peer is to delete (ToBeDeletedByRecipient) is reused with its
  // deletion info cleared, otherwise a new ATTFD record is written.
  // consumption.attributeForwardingDetailsChanged with the attribute's DTO (new numberOfForwards).
  LocalAttribute AddForwardingDetails(storage::Transaction& tx, const LocalAttribute& attribute, std::string_view peer,
                                      std::string_view source_reference, transport::PendingEvents& events) const;
  // getForwardingDetailsForAttribute: the records of the attribute matching `filter`.
  std::vector<AttributeForwardingDetails> ForwardingDetailsOf(storage::Transaction& tx,
                                                              const LocalAttribute& attribute,
                                                              const storage::Filter& filter = {}) const;
  // getForwardingDetailsForPeer: the first record for the peer (optionally not DeletedByRecipient).
  std::optional<AttributeForwardingDetails> ForwardingDetailsForPeer(storage::Transaction& tx,
                                                                     const LocalAttribute& attribute,
                                                                     std::string_view peer,
                                                                     bool exclude_deleted_by_recipient) const;
  // isAttributeForwardedToPeer: a record not DeletedByRecipient (and, with exclude_to_be_deleted,
  // one that is not ToBeDeletedByRecipient either).
  bool IsForwardedToPeer(storage::Transaction& tx, const LocalAttribute& attribute, std::string_view peer,
                         bool exclude_to_be_deleted) const;
  // removeForwardingDetailsFromAttribute: deletes every record for the peer;
  // consumption.attributeForwardingDetailsChanged.
  void RemoveForwardingDetails(storage::Transaction& tx, const LocalAttribute& attribute, std::string_view peer,
                               transport::PendingEvents& events) const;
  // setDeletionInfoForForwardingPeer: sets the deletion info of the peer's record (a
  // DeletedByRecipient one only with `override_deleted`); cannotSetAttributeDeletionInfo when none.
  void SetDeletionInfoForForwardingPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                        const AttributeDeletionInfo& info, std::string_view peer,
                                        bool override_deleted) const;
  // getPeersWithExclusivelyForwardedPredecessors: [peer, predecessor id] for each peer that holds
  // only a predecessor (the newest one it holds); wrongTypeOfAttribute for kinds never forwarded.
  std::vector<std::pair<std::string, std::string>> PeersWithExclusivelyForwardedPredecessors(
      storage::Transaction& tx, const LocalAttribute& attribute) const;

  // ---- succession of peer-side copies (peer_attribute_succession.cpp) -------------------------
  // What arrives for a copy: the successor's id (the sender's), its content JSON and the
  // Request/Notification that carried it.
  struct PeerSuccessorParams {
    std::string id;
    boost::json::object content;
    std::string source_reference;
  };
  // validatePeerIdentity/PeerRelationship/ThirdPartyRelationshipAttributeSuccession: the content
  // parses (successorIsNotAValidAttribute), the key stays (relationship kinds), the predecessor is
  // not DeletedByEmitter (cannotSucceedSharedAttributesDeletedByPeer), then the common rules: the id
  // is unused (successorMustNotYetExist), no successor yet, content changes, owner, content kind and
  // value type stay, whitelisted characters. Throws the CoreError.
  void ValidatePeerSideSuccession(storage::Transaction& tx, const LocalAttribute& predecessor,
                                  const PeerSuccessorParams& successor) const;
  // succeedPeerIdentity/PeerRelationship/ThirdPartyRelationshipAttribute: validates (unless told
  // not to, as the notification processor does after its own checks), stores the successor under
  // the given id (identity content trimmed; peer and initialAttributePeer from the predecessor),
  // links the predecessor and adds consumption.attributeSucceeded {predecessor, successor} — the
  // event each official caller publishes once.
  std::pair<LocalAttribute, LocalAttribute> SucceedPeerSideAttribute(storage::Transaction& tx,
                                                                     LocalAttribute predecessor,
                                                                     const PeerSuccessorParams& successor,
                                                                     transport::PendingEvents& events,
                                                                     bool validate = true) const;

  // ---- deletion infos and deletion with a peer (attribute_deletion_infos.cpp) ----------------
  // setForwardedDeletionInfoOfAttribute(+AndPredecessors): the deletion info of the peer's
  // forwarding record(s); skipped when the peer deleted or is to delete all its copies, unless
  // `override_deleted`.
  void SetForwardedDeletionInfo(storage::Transaction& tx, const LocalAttribute& attribute,
                                const AttributeDeletionInfo& info, std::string_view peer,
                                bool override_deleted = false) const;
  void SetForwardedDeletionInfoWithPredecessors(storage::Transaction& tx, const LocalAttribute& attribute,
                                                const AttributeDeletionInfo& info, std::string_view peer,
                                                bool override_deleted = false) const;
  // setPeerDeletionInfoOfOwnRelationshipAttribute / …OfReceivedAttribute (+AndPredecessors): the
  // record's own deletion info; skipped when (to be) deleted already unless `override_deleted`.
  void SetPeerDeletionInfo(storage::Transaction& tx, LocalAttribute attribute, const AttributeDeletionInfo& info,
                           bool override_deleted = false) const;
  void SetPeerDeletionInfoWithPredecessors(storage::Transaction& tx, const LocalAttribute& attribute,
                                           const AttributeDeletionInfo& info, bool override_deleted = false) const;
  // setDeletionInfoOfAttributesSharedWithPeer: forwarded to the peer and own relationship
  // attributes with it become DeletedByRecipient, received ones DeletedByEmitter, as of `date`.
  void SetDeletionInfoOfAttributesExchangedWithPeer(storage::Transaction& tx, std::string_view peer,
                                                    std::string_view date) const;
  // setAttributeDeletionInfoOfDeletionProposedRelationship: the relationship (recordNotFound) must
  // be DeletionProposed (wrongRelationshipStatusToSetDeletionInfo); the date is its last audit log
  // entry's.
  void SetAttributeDeletionInfoOfDeletionProposedRelationship(storage::Transaction& tx,
                                                              std::string_view relationship_id) const;
  // deleteAttributesExchangedWithPeer (decomposition): deletes every record with the peer (no
  // event, as officially) and removes the forwarding records of what was forwarded to it.
  void DeleteAttributesExchangedWithPeer(storage::Transaction& tx, std::string_view peer,
                                         transport::PendingEvents& events) const;
  // deleteSharedAttributesForRejectedOrRevokedRelationship: the relationship (recordNotFound) must
  // be Rejected or Revoked (isNeitherRejectedNorRevoked); every record with its peer goes through
  // the full deletion (consumption.attributeDeleted), forwarding records to it are removed.
  void DeleteSharedAttributesForRejectedOrRevokedRelationship(storage::Transaction& tx,
                                                              std::string_view relationship_id,
                                                              transport::PendingEvents& events) const;

  // ---- what was exchanged with a peer (attributes_exchanged_with_peer.cpp) --------------------
  // getAttributesForwardedToPeer / getAttributesWithPeer / getAttributesExchangedWithPeer
  // (forwarded first). `filter` restricts further; hide_technical drops technical relationship
  // attributes; only_latest keeps the versions without a later version (forwarded: shared with the
  // peer; with the peer: any).
  std::vector<LocalAttribute> AttributesForwardedToPeer(storage::Transaction& tx, std::string_view peer,
                                                        storage::Filter filter, bool hide_technical,
                                                        bool only_latest) const;
  std::vector<LocalAttribute> AttributesWithPeer(storage::Transaction& tx, std::string_view peer,
                                                 storage::Filter filter, bool hide_technical, bool only_latest) const;
  std::vector<LocalAttribute> AttributesExchangedWithPeer(storage::Transaction& tx, std::string_view peer,
                                                          const storage::Filter& filter, bool hide_technical,
                                                          bool only_latest) const;
  // getVersionsOfAttributeSharedWithPeer: newest first, the versions forwarded to the peer; only
  // the newest of them with `only_latest`.
  std::vector<LocalAttribute> VersionsSharedWithPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                                     std::string_view peer, bool only_latest,
                                                     bool exclude_to_be_deleted = false) const;
  std::vector<LocalAttribute> PredecessorsSharedWithPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                                         std::string_view peer, bool exclude_to_be_deleted) const;
  std::vector<LocalAttribute> SuccessorsSharedWithPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                                       std::string_view peer, bool exclude_to_be_deleted) const;
  // addHideTechnicalToQuery: identity attributes, and relationship attributes that are not technical.
  static void HideTechnical(storage::Filter& filter);

  // ---- relationship attribute queries (relationship_attribute_queries.cpp) -------------------
  // executeRelationshipAttributeQuery: the first non-private relationship attribute with the key and
  // owner ("" = self); nullopt when none. The query is the parsed RelationshipAttributeQuery JSON.
  std::optional<LocalAttribute> ExecuteRelationshipAttributeQuery(storage::Transaction& tx,
                                                                  const boost::json::object& query) const;
  // executeThirdPartyRelationshipAttributeQuery: the non-private relationship attributes with the
  // key whose peer is one of the third parties and whose owner is self ("recipient"), one of the
  // third parties ("thirdParty") or either ("").
  std::vector<LocalAttribute> ExecuteThirdPartyRelationshipAttributeQuery(storage::Transaction& tx,
                                                                          const boost::json::object& query) const;

 private:
  LocalAttribute InsertPeerRecord(storage::Transaction& tx, LocalAttribute attribute,
                                  transport::PendingEvents& events) const;
  void Delete(storage::Transaction& tx, const LocalAttribute& attribute, transport::PendingEvents& events) const;

  ConsumptionContext& ctx_;
};

}  // namespace nmshd::consumption
