#pragma once
// CryptoErrorCode values of @nmshd/crypto 2.1.3 (src/CryptoErrorCode.ts). Every CodedError thrown by
// this layer carries one of these, so callers can map them exactly like the official clients do.

namespace nmshd::crypto::errc {

inline constexpr const char* kWrongLength = "error.crypto.wrongLength";
inline constexpr const char* kWrongParameters = "error.crypto.wrongMaximum";
inline constexpr const char* kWrongBuffer = "error.crypto.wrongBuffer";
inline constexpr const char* kWrongObject = "error.crypto.wrongObject";
inline constexpr const char* kWrongSerializedBuffer = "error.crypto.wrongSerializedBuffer";
inline constexpr const char* kWrongHashAlgorithm = "error.crypto.hash.wrongHashAlgorithm";
inline constexpr const char* kWrongId = "error.crypto.wrongId";
inline constexpr const char* kEncryptionWrongAlgorithm = "error.crypto.wrongEncryptionAlgorithm";
inline constexpr const char* kEncryptionWrongSecretKey = "error.crypto.encryption.wrongSecretKey";
inline constexpr const char* kEncryptionWrongNonce = "error.crypto.encryption.wrongNonce";
inline constexpr const char* kEncryptionWrongCounter = "error.crypto.encryption.wrongCounter";
inline constexpr const char* kEncryptionEncrypt = "error.crypto.encryption.encrypt";
inline constexpr const char* kEncryptionDecrypt = "error.crypto.encryption.decrypt";
inline constexpr const char* kNoNonceNorCounter = "error.crypto.validation.noNonceNorCounter";
inline constexpr const char* kNonceAndCounter = "error.crypto.validation.nonceAndCounter";
inline constexpr const char* kExchangeKeyDerivation = "error.crypto.exchange.keyDerivation";
inline constexpr const char* kExchangeWrongAlgorithm = "error.crypto.exchange.wrongExchangeAlgorithm";
inline constexpr const char* kExchangeWrongPrivateKey = "error.crypto.exchange.wrongPrivateKey";
inline constexpr const char* kExchangeWrongPublicKey = "error.crypto.exchange.wrongPublicKey";
inline constexpr const char* kRelationshipNoPeer = "error.crypto.relationship.noPeer";
inline constexpr const char* kRelationshipNoRequestorNorTemplator =
    "error.crypto.relationships.noRequestorNorTemplator";
inline constexpr const char* kSignatureWrongAlgorithm = "error.crypto.signature.wrongAlgorithm";
inline constexpr const char* kSignatureWrongPrivateKey = "error.crypto.signature.wrongPrivateKey";
inline constexpr const char* kSignatureWrongPublicKey = "error.crypto.signature.wrongPublicKey";
inline constexpr const char* kSignatureSign = "error.crypto.signature.sign";
inline constexpr const char* kStateWrongCounter = "error.crypto.state.wrongCounter";
inline constexpr const char* kStateWrongOrder = "error.crypto.state.orderDoesNotMatch";
inline constexpr const char* kStateWrongType = "error.crypto.state.wrongType";

}  // namespace nmshd::crypto::errc
