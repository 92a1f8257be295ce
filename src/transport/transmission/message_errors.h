#pragma once
// Error codes of sealing and opening messages. The first four are the official ones
// (@nmshd/transport TransportCoreErrors.messages); the others name faults the official client
// reports only as a generic parse or validation error.
namespace nmshd::transport::message_errc {

// Our address is not among the signed recipients (a forwarded or replayed message).
inline constexpr const char* kPlaintextMismatch = "error.transport.messages.plaintextMismatch";
// No signature for our address in MessageSigned.signatures.
inline constexpr const char* kSignatureListMismatch = "error.transport.messages.signatureListMismatch";
// The signature for us does not verify with the sender's relationship signature key.
inline constexpr const char* kSignatureNotValid = "error.transport.messages.signatureNotValid";
// The envelope has no encryptedKey for our address.
inline constexpr const char* kOwnAddressNotInList = "error.transport.messages.ownAddressNotInList";
// MessageSigned / MessageContentWrapper / the message key is not what the official classes parse.
inline constexpr const char* kInvalidMessage = "error.transport.messages.invalidMessage";
// Sealing: no recipients, a duplicate recipient or the sender among them.
inline constexpr const char* kInvalidRecipients = "error.transport.messages.invalidRecipients";

}  // namespace nmshd::transport::message_errc
