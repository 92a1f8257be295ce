#include "transport/transmission/message_seal.h"

#include <algorithm>
#include <optional>
#include <set>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"
#include "transport/transmission/message_errors.h"
#include "transport/transmission/message_signed.h"

namespace nmshd::transport {
namespace {

std::string_view Text(const crypto::Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

MessageSigned DecryptSigned(std::string_view body, const crypto::SecretKey& message_key) {
  return MessageSigned::Parse(Text(crypto::Decrypt(crypto::Cipher::FromBase64(body), message_key)));
}

}  // namespace

SealedMessage SealMessage(const boost::json::object& content, std::string_view sender,
                          std::span<const MessageRecipientSecrets> recipients,
                          const std::vector<core::Reference>& attachments, core::CoreDate created_at) {
  if (recipients.empty()) {
    throw CodedError(message_errc::kInvalidRecipients, "a Message needs at least one recipient");
  }
  std::set<std::string_view> seen;
  for (const auto& r : recipients) {
    if (r.address == sender) {
      throw CodedError(message_errc::kInvalidRecipients, "the sender cannot be a recipient: " + r.address);
    }
    if (!seen.insert(r.address).second) {
      throw CodedError(message_errc::kInvalidRecipients, "duplicate recipient " + r.address);
    }
  }
  for (const auto& a : attachments) {
    if (a.kind() != core::ReferenceKind::kFile) {
      throw CodedError(message_errc::kInvalidMessage, "attachment " + a.id() + " is not a file reference");
    }
  }

  auto message_key = crypto::SecretKey::Generate();
  const auto serialized_key = json::Stringify(message_key.ToJson(false));
  SealedMessage sealed{
      .body = {},
      .recipients = {},
      .attachment_ids = {},
      .message_key = message_key,
      .wrapper = MessageContentWrapper{
          .content = content, .recipients = {}, .created_at = created_at, .attachments = attachments}};
  for (const auto& r : recipients) {
    sealed.recipients.push_back(MessageEnvelopeRecipient{
        .address = r.address,
        .encrypted_key = r.secrets.get().Encrypt(crypto::Utf8Bytes(serialized_key)).ToBase64()});
    sealed.wrapper.recipients.push_back(r.address);
  }
  for (const auto& a : attachments) sealed.attachment_ids.push_back(a.id());

  MessageSigned signed_message{.message = sealed.wrapper.Serialize(), .signatures = {}};
  for (const auto& r : recipients) {
    signed_message.signatures.push_back(
        MessageSignature{.recipient = r.address,
                         .signature = r.secrets.get().Sign(crypto::Utf8Bytes(signed_message.message))});
  }
  sealed.body = crypto::Encrypt(crypto::Utf8Bytes(signed_message.Serialize()), message_key).ToBase64();
  return sealed;
}

const MessageEnvelopeRecipient& FindOwnRecipient(std::span<const MessageEnvelopeRecipient> recipients,
                                                 std::string_view my_address) {
  const auto it = std::find_if(recipients.begin(), recipients.end(),
                               [&](const MessageEnvelopeRecipient& r) { return r.address == my_address; });
  if (it == recipients.end()) {
    throw CodedError(message_errc::kOwnAddressNotInList,
                     "The recipients list of the Message didn't contain an entry for the own address.");
  }
  return *it;
}

OpenedMessage OpenMessage(std::string_view body, std::string_view encrypted_key, std::string_view my_address,
                          crypto::RelationshipSecrets& secrets) {
  const auto key_text =
      secrets.DecryptPeer(crypto::Cipher::FromBase64(encrypted_key), /*omit_counter_check=*/true);
  boost::json::value key_json;
  try {
    key_json = json::Parse(Text(key_text), "message key");
  } catch (const CodedError& e) {
    throw CodedError(message_errc::kInvalidMessage, e.what());
  }
  auto message_key = crypto::SecretKey::FromJson(key_json);

  const auto signed_message = DecryptSigned(body, message_key);
  const auto own = std::find_if(signed_message.signatures.begin(), signed_message.signatures.end(),
                                [&](const MessageSignature& s) { return s.recipient == my_address; });
  if (own == signed_message.signatures.end()) {
    throw CodedError(
        message_errc::kSignatureListMismatch,
        "The signature list didn't contain an entry for address '" + std::string(my_address) + "'.");
  }
  // Parsed before the signature check, as the official code does: a malformed wrapper is reported
  // as such even when its signature would not verify either.
  auto wrapper = MessageContentWrapper::Parse(signed_message.message);
  if (!secrets.VerifyPeer(crypto::Utf8Bytes(signed_message.message), own->signature)) {
    throw CodedError(message_errc::kSignatureNotValid,
                     "The digital signature on this Message for peer key is invalid.");
  }
  if (std::find(wrapper.recipients.begin(), wrapper.recipients.end(), my_address) ==
      wrapper.recipients.end()) {
    throw CodedError(message_errc::kPlaintextMismatch,
                     "The own address '" + std::string(my_address) +
                         "' was not named as a recipient within the signed MessagePlaintext.");
  }
  return OpenedMessage{.content = std::move(wrapper.content),
                       .created_at = wrapper.created_at,
                       .recipients = std::move(wrapper.recipients),
                       .attachments = std::move(wrapper.attachments),
                       .message_key = std::move(message_key),
                       .sender_signature_verified = true};
}

MessageContentWrapper OpenOwnMessage(std::string_view body, const crypto::SecretKey& message_key) {
  return MessageContentWrapper::Parse(DecryptSigned(body, message_key).message);
}

}  // namespace nmshd::transport
