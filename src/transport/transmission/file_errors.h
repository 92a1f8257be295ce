#pragma once
// Error codes of sealing and opening files. The first four are the official ones
// (@nmshd/transport TransportCoreErrors.files); the others name faults the official client reports
// only as a generic parse error.
namespace nmshd::transport::file_errc {

inline constexpr const char* kCipherMismatch = "error.transport.files.cipherMismatch";
inline constexpr const char* kPlaintextHashMismatch = "error.transport.files.plaintextHashMismatch";
inline constexpr const char* kInvalidMetadata = "error.transport.files.invalidMetadata";
inline constexpr const char* kMaxFileSizeExceeded = "error.transport.files.maxFileSizeExceeded";
// The downloaded blob matched its hash but is not a CryptoCipher JSON text.
inline constexpr const char* kInvalidCipher = "error.transport.files.invalidCipher";
// A seal input the official SendFileParameters validator rejects (empty filename or mimetype).
inline constexpr const char* kInvalidInput = "error.transport.files.invalidInput";

}  // namespace nmshd::transport::file_errc
