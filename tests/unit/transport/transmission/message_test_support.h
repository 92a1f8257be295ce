#pragma once
// Shared by the message and file unit tests: relationship secrets for both sides, built the way the
// official handshake builds them, and a CodedError expectation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "crypto/exchange_keypair.h"
#include "crypto/relationship_request_secrets.h"
#include "crypto/relationship_secrets.h"
#include "crypto/signature_keypair.h"

namespace nmshd::transport::test {

struct SecretsPair {
  crypto::RelationshipSecrets templator;
  crypto::RelationshipSecrets requestor;
};

inline SecretsPair MakeRelationship() {
  const auto template_keypair = crypto::ExchangeKeypair::Generate();
  const auto templator_identity = crypto::SignatureKeypair::Generate();
  const auto request = crypto::RelationshipRequestSecrets::FromPeer(template_keypair.publicKey(),
                                                                    templator_identity.publicKey());
  auto templator =
      crypto::RelationshipSecrets::FromRelationshipRequest(request.ToPublicRequest(), template_keypair);
  auto requestor =
      crypto::RelationshipSecrets::FromRelationshipResponse(templator.ToPublicResponse(), request);
  return SecretsPair{std::move(templator), std::move(requestor)};
}

// Runs `f`, expects a CodedError with `code` whose message contains `fragment`.
template <typename F>
void ExpectCoded(F&& f, std::string_view code, std::string_view fragment = "") {
  try {
    f();
    ADD_FAILURE() << "expected CodedError " << code;
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_THAT(e.what(), ::testing::HasSubstr(std::string(fragment)));
  }
}

}  // namespace nmshd::transport::test
