#pragma once
// The copy of the state summary the Backbone keeps for us: a datawallet modification of this
// identity (POST/GET /api/v2/Datawallet/Modifications, endpoints the official Backbone has), so a
// database restored from an older backup can be recognised at start although the Backbone's other
// list endpoints need ids and acknowledged external events are never delivered again.
//
// Wire form: objectIdentifier "connectorState", collection "ConnectorState", type "Update",
// datawalletVersion 1, encryptedPayload = base64url(CryptoCipher JSON) of the summary JSON,
// XChaCha20-Poly1305 under a key derived from the identity's shared secret base key (kKeyContext),
// so the Backbone operator learns nothing from it. The Backbone returns only the newest
// modification per object identifier, so reading the newest marker stays one small answer.
//
// Not thread-safe: the start check uses it before the publisher thread, which then owns it.
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/secret_key.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/state/state_summary.h"

namespace nmshd::transport {

struct StateMarkerRecord {
  std::int64_t index = 0;  // the modification's datawallet index
  std::string created_at;
  // nullopt when the payload does not open with this identity's key (written with other key
  // material, or altered).
  std::optional<StateSummary> summary;
};

class StateMarker {
 public:
  static constexpr std::string_view kObjectIdentifier = "connectorState";
  static constexpr std::string_view kDatawalletCollection = "ConnectorState";
  static constexpr std::string_view kKeyContext = "CONSTATE";  // crypto_kdf context, key id 1

  StateMarker(BackboneClient& client, crypto::SecretKey key);

  // The newest marker; nullopt when there is none. Also learns the datawallet's latest index, which
  // a push must name. Throws BackboneError.
  std::optional<StateMarkerRecord> FetchNewest();
  // Appends a marker; returns its datawallet index. When another modification arrived since the
  // last known index (datawalletNotUpToDate), re-reads the index once and retries. Throws
  // BackboneError (e.g. ...cannotPushDatawalletModificationsDuringActiveSyncRun while our own
  // sync runs: the caller retries later).
  std::int64_t Publish(const StateSummary& summary);

  // For tests: the payload as it would travel, and back.
  std::string Seal(const StateSummary& summary) const;
  std::optional<StateSummary> Open(std::string_view encrypted_payload) const;

 private:
  BackboneClient& client_;
  crypto::SecretKey key_;
  std::optional<std::int64_t> latest_index_;  // of the whole datawallet; nullopt: none known
  bool latest_known_ = false;
};

}  // namespace nmshd::transport
