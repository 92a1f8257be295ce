#pragma once
// CryptoExchange.deriveRequestor / deriveTemplator: crypto_kx session keys. The requestor plays the
// libsodium "server" role, the templator the "client" role, exactly as the official library does.
#include "crypto/exchange_keypair.h"
#include "crypto/exchange_secrets.h"

namespace nmshd::crypto {

// crypto_kx_server_session_keys(own, peer). A degenerate peer key throws
// error.crypto.exchange.keyDerivation.
ExchangeSecrets DeriveRequestor(const ExchangeKeypair& own, const ExchangePublicKey& peer);
// crypto_kx_client_session_keys(own, peer).
ExchangeSecrets DeriveTemplator(const ExchangeKeypair& own, const ExchangePublicKey& peer);

}  // namespace nmshd::crypto
