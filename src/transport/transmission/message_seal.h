#pragma once
// Messages as @nmshd/transport 7.0.0 MessageController.sendMessage / decryptPeerEnvelope /
// decryptOwnEnvelope put them on the Backbone (backbone-protocol.md §3.3):
//   K_M          = fresh random key
//   message      = MessageContentWrapper{attachments, content, createdAt, recipients}.serialize()
//   signatures   = per recipient: relationship signature key (alg 1) over UTF-8(message)
//   body         = CryptoCipher.toBase64() of MessageSigned{message, signatures}.serialize() under K_M
//   encryptedKey = per recipient: CryptoCipher.toBase64() of the relationship's transmit-state
//                  (counter) encryption of '{"key":"<K_M>","alg":3}'
// Receivers decrypt their key with omitCounterCheck, verify their signature with the sender's
// relationship signature key and require their address among the signed recipients.
#include <boost/json.hpp>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core_date.h"
#include "core/reference.h"
#include "crypto/relationship_secrets.h"
#include "crypto/secret_key.h"
#include "transport/transmission/message_content_wrapper.h"

namespace nmshd::transport {

// One recipient and the relationship secrets we share with it. Sealing encrypts with the secrets'
// transmit state, which advances its counter: the caller must persist them afterwards.
struct MessageRecipientSecrets {
  std::string address;
  std::reference_wrapper<crypto::RelationshipSecrets> secrets;
};

// One entry of the envelope's recipient list ({address, encryptedKey} in POST /api/v2/Messages and
// in the MessageDTO).
struct MessageEnvelopeRecipient {
  std::string address;
  std::string encrypted_key;
};

struct SealedMessage {
  std::string body;
  std::vector<MessageEnvelopeRecipient> recipients;  // in input order
  std::vector<std::string> attachment_ids;           // the envelope's attachments [{id}]
  crypto::SecretKey message_key;                     // K_M: keep it to read the own message later
  MessageContentWrapper wrapper;                     // what was signed
};

// `content` is the app content (e.g. a Mail with "@type"); `attachments` are FileReferences
// (kind kFile) with the metadata key, as File.toFileReference(baseUrl) gives them. Throws
// error.transport.messages.invalidRecipients for no recipient, a duplicate or the sender itself.
SealedMessage SealMessage(const boost::json::object& content, std::string_view sender,
                          std::span<const MessageRecipientSecrets> recipients,
                          const std::vector<core::Reference>& attachments, core::CoreDate created_at);

struct OpenedMessage {
  boost::json::object content;
  core::CoreDate created_at;  // the signed date of the sender, not the Backbone's
  std::vector<std::string> recipients;
  std::vector<core::Reference> attachments;
  crypto::SecretKey message_key;
  bool sender_signature_verified = false;  // always true on return; failures throw
};

// The envelope entry for `my_address`; error.transport.messages.ownAddressNotInList without one.
const MessageEnvelopeRecipient& FindOwnRecipient(std::span<const MessageEnvelopeRecipient> recipients,
                                                 std::string_view my_address);

// decryptPeerEnvelope. `secrets` are ours for the relationship with the sender; the key cipher is read
// with omitCounterCheck, so the receive state is not advanced. Codes: crypto codes for undecryptable
// input, error.transport.messages.invalidMessage (malformed content),
// .signatureListMismatch (no signature for us), .signatureNotValid, .plaintextMismatch (we are not a
// signed recipient).
OpenedMessage OpenMessage(std::string_view body, std::string_view encrypted_key, std::string_view my_address,
                          crypto::RelationshipSecrets& secrets);

// decryptOwnEnvelope: the sender reads its own message with the K_M it kept (no signature check,
// as the official client does).
MessageContentWrapper OpenOwnMessage(std::string_view body, const crypto::SecretKey& message_key);

}  // namespace nmshd::transport
