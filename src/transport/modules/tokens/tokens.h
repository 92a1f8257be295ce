#pragma once
// Tokens, own and peer (useCases/transport/tokens/* of @nmshd/runtime 7.0.0 over TokenController
// of @nmshd/transport).
//
// Storage: collection "tokens", id = the Backbone id (TOK…), public members in the shape of the
// runtime's TokenDTO without reference and isEphemeral (id, isOwn, createdBy, createdByDevice,
// content, createdAt, expiresAt, forIdentity?, passwordProtection?) so REST filters work on them;
// "secrets" sealed under "tokens/<id>/secrets" holding {secretKey, passwordProtection?{passwordType,
// salt}}; "_passwordLocationIndicator" for the filter. Ephemeral tokens are never stored.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/reference.h"
#include "crypto/secret_key.h"
#include "transport/modules/tokens/local_password_protection.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport {

struct LocalToken {
  std::string id;
  bool is_own = false;
  std::string created_by;
  std::string created_by_device;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> for_identity;
  std::optional<LocalPasswordProtection> password_protection;
  boost::json::value content;  // as the runtime's DTO shows it (content.toJSON())
  crypto::SecretKey secret_key;  // K_tok
};

// What sendToken takes.
struct TokenSendParameters {
  boost::json::object content;
  std::string expires_at;  // normalised ISO date
  bool ephemeral = false;
  std::optional<std::string> for_identity;
  std::optional<PasswordProtectionRequest> password_protection;
};

class Tokens {
 public:
  static constexpr std::string_view kCollection = "tokens";

  explicit Tokens(TransportContext& ctx);

  // Use cases; bodies as the Connector receives them (the controller supplies the ephemeral
  // defaults), results TokenDTOs.
  // CreateOwnToken: {content, expiresAt, ephemeral, forIdentity?, passwordProtection?}.
  boost::json::object CreateOwn(const boost::json::value& body);
  // LoadPeerToken: {reference (truncated or URL), ephemeral, password?}.
  boost::json::object LoadPeer(const boost::json::value& body);
  // GetToken; error.runtime.recordNotFound "Token not found. …".
  boost::json::object GetDto(const std::string& id);
  // GetTokens with the REST query; `is_own` for the /Own and /Peer routes.
  boost::json::array List(const std::vector<std::pair<std::string, std::string>>& query,
                          std::optional<bool> is_own = std::nullopt);
  // DeleteToken: own tokens on the Backbone too.
  void Delete(const std::string& id);

  // Transport level (TokenController), for the templates module.
  LocalToken Send(const TokenSendParameters& parameters);
  // loadPeerTokenByReference: a stored token is returned as is; error.transport.noPasswordProvided,
  // error.transport.general.notIntendedForYou, Backbone 404 → error.runtime.recordNotFound.
  LocalToken LoadPeerByReference(const core::Reference& reference, bool ephemeral,
                                 const std::optional<std::string>& password);
  std::optional<LocalToken> Find(const std::string& id);

  core::Reference ReferenceOf(const LocalToken& token) const;
  boost::json::object ToDto(const LocalToken& token, bool ephemeral) const;

  // cleanupTokensOfDecomposedRelationship: removes the tokens created by `peer`, in the caller's
  // transaction.
  static void DeleteTokensCreatedBy(storage::Transaction& tx, const std::string& peer);

 private:
  LocalToken FromDocument(const std::string& id, const boost::json::object& doc) const;
  boost::json::object ToDocument(const LocalToken& token) const;

  TransportContext& ctx_;
};

}  // namespace nmshd::transport
