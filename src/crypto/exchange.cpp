#include "crypto/exchange.h"

#include <sodium.h>

#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/random.h"

namespace nmshd::crypto {

ExchangeSecrets DeriveRequestor(const ExchangeKeypair& own, const ExchangePublicKey& peer) {
  EnsureSodium();
  Bytes rx(crypto_kx_SESSIONKEYBYTES);
  Bytes tx(crypto_kx_SESSIONKEYBYTES);
  if (crypto_kx_server_session_keys(rx.data(), tx.data(), own.publicKey().bytes().data(),
                                    own.privateKey().bytes().data(), peer.bytes().data()) != 0) {
    throw CodedError(errc::kExchangeKeyDerivation, "the peer's exchange public key is unusable");
  }
  return {std::move(rx), std::move(tx)};
}

ExchangeSecrets DeriveTemplator(const ExchangeKeypair& own, const ExchangePublicKey& peer) {
  EnsureSodium();
  Bytes rx(crypto_kx_SESSIONKEYBYTES);
  Bytes tx(crypto_kx_SESSIONKEYBYTES);
  if (crypto_kx_client_session_keys(rx.data(), tx.data(), own.publicKey().bytes().data(),
                                    own.privateKey().bytes().data(), peer.bytes().data()) != 0) {
    throw CodedError(errc::kExchangeKeyDerivation, "the peer's exchange public key is unusable");
  }
  return {std::move(rx), std::move(tx)};
}

}  // namespace nmshd::crypto
