#pragma once
// Relationship templates, own and peer (useCases/transport/relationshipTemplates/* of
// @nmshd/runtime 7.0.0 over RelationshipTemplateController of @nmshd/transport).
//
// Storage: collection "relationshipTemplates", id = the Backbone id (RLT…), public members in the
// shape of the runtime's RelationshipTemplateDTO (id, isOwn, createdBy, createdByDevice, createdAt,
// forIdentity?, passwordProtection?, content, expiresAt?, maxNumberOfAllocations?) so REST filters
// work on them; "secrets" sealed with SecretBox under "relationshipTemplates/<id>/secrets" holding
// {secretKey, templateKey (public, with id), templateKeyPair? (own only), identity (the creator's
// {address, publicKey}), passwordProtection?{passwordType, salt}}; "_passwordLocationIndicator" for
// the filter. The reference is computed in ToDto, never stored.
//
// Events: transport.peerRelationshipTemplateLoaded whenever a peer template is loaded (also when it
// was already stored, as officially), transport.relationshipTemplateAllocationsExhausted from the
// RelationshipTemplateAllocationsExhausted external event; both carry the DTO.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/reference.h"
#include "crypto/exchange_keypair.h"
#include "crypto/exchange_public_key.h"
#include "crypto/secret_key.h"
#include "crypto/signature_public_key.h"
#include "transport/modules/change_observers.h"
#include "transport/modules/tokens/local_password_protection.h"
#include "transport/modules/tokens/tokens.h"
#include "transport/modules/transport_context.h"
#include "transport/transmission/token_content.h"

namespace nmshd::transport {

class SyncEngine;

// One template, own or peer, with its secrets opened.
struct LocalTemplate {
  std::string id;
  bool is_own = false;
  std::string created_by;         // address of the templator
  std::string created_by_device;  // DVC…
  std::string created_at;
  std::string expires_at;  // "" when the Backbone has none
  std::optional<std::int64_t> max_number_of_allocations;
  std::optional<std::string> for_identity;
  // {password, passwordIsPin?, passwordLocationIndicator?} as in the DTO (password in clear text).
  std::optional<boost::json::object> password_protection;
  boost::json::value content;    // the app content (with @type), as stored
  crypto::SecretKey secret_key;  // K_T
  std::string template_key_id;   // TRPRTK…
  crypto::ExchangePublicKey template_key_public;
  std::optional<crypto::ExchangeKeypair> template_key_pair;  // own templates only
  std::string creator_address;                               // from the template's identity
  crypto::SignaturePublicKey creator_public_key;
  // The full password protection (type and salt too), for references and token contents.
  std::optional<LocalPasswordProtection> password;

  // isExpired(): expiresAt lies in the past.
  bool IsExpired() const;
};

class RelationshipTemplates {
 public:
  static constexpr std::string_view kCollection = "relationshipTemplates";

  explicit RelationshipTemplates(TransportContext& ctx);

  // Local record with decrypted secrets; nullopt when unknown.
  std::optional<LocalTemplate> Find(const std::string& id);
  std::optional<LocalTemplate> Find(storage::Transaction& tx, const std::string& id);
  // Throws error.runtime.recordNotFound ("RelationshipTemplate not found. …").
  LocalTemplate Get(const std::string& id);

  // Use cases. Bodies/queries as the Connector receives them; results are DTOs.
  // CreateOwnRelationshipTemplate: {expiresAt, content, maxNumberOfAllocations?, forIdentity?,
  // passwordProtection?{password, passwordIsPin?, passwordLocationIndicator?}}.
  boost::json::object CreateOwn(const boost::json::value& body);
  // LoadPeerRelationshipTemplate: {reference, password?}; reference is a truncated template or
  // token reference or a URL of either (the token is loaded ephemerally). Codes besides validation:
  // error.transport.noPasswordProvided, error.transport.general.notIntendedForYou,
  // error.runtime.invalidTokenContent, error.runtime.invalidReference, error.runtime.recordNotFound
  // (Backbone 404: unknown, expired, wrong password, personalized for someone else).
  boost::json::object LoadPeer(const boost::json::value& body);
  // GetRelationshipTemplate.
  boost::json::object GetDto(const std::string& id);
  // GetRelationshipTemplates: `query` is the REST query (filter keys of connector-surface §1.6);
  // `is_own` restricts for the /Own and /Peer routes.
  boost::json::array List(const std::vector<std::pair<std::string, std::string>>& query,
                          std::optional<bool> is_own = std::nullopt);
  // DeleteRelationshipTemplate: own → DELETE on the Backbone too; peer → local only.
  void Delete(const std::string& id);
  // CreateTokenForOwnRelationshipTemplate: body {expiresAt?, ephemeral? (default true),
  // forIdentity?, passwordProtection?}; returns the TokenDTO.
  boost::json::object CreateTokenForOwn(const std::string& id, const boost::json::value& body);

  // The template's reference (truncated and URL).
  core::Reference ReferenceOf(const LocalTemplate& t) const;
  // Runtime RelationshipTemplateDTO.
  boost::json::object ToDto(const LocalTemplate& t) const;

  // RelationshipTemplateAllocationsExhausted → transport.relationshipTemplateAllocationsExhausted.
  void RegisterProcessors(SyncEngine& sync);

  // cleanupTemplatesOfDecomposedRelationship, in the caller's transaction: the relationship's
  // template goes when it is a peer template or an own one for a single allocation, and so do all
  // other templates created by the peer.
  static void DeleteForDecomposedRelationship(storage::Transaction& tx, const std::string& template_id,
                                              const std::string& peer);

  Tokens& tokens() { return tokens_; }

  // In-transaction observer (change_observers.h) of every peer template load (also of one already
  // stored), in the transaction that stores it; with transport.peerRelationshipTemplateLoaded.
  void AddPeerLoadedObserver(ChangeObserver observer) { peer_loaded_observers_.Add(std::move(observer)); }

 private:
  LocalTemplate LoadPeerTemplate(const std::string& id, const crypto::SecretKey& key,
                                 const std::optional<std::string>& for_identity_truncated,
                                 std::optional<LocalPasswordProtection> protection);
  LocalTemplate FromDocument(const std::string& id, const boost::json::object& doc) const;
  boost::json::object ToDocument(const LocalTemplate& t) const;

  TransportContext& ctx_;
  Tokens tokens_;
  ChangeObservers peer_loaded_observers_;
};

}  // namespace nmshd::transport
