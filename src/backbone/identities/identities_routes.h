#pragma once
// Identity registration and lookups (backbone-protocol §1.3; official IdentitiesController,
// Devices.Application CreateIdentity / IsIdentityOfUserDeleted / GetOwnIdentity):
//
//   POST /api/v2/Identities            anonymous
//     {clientId, clientSecret, identityPublicKey: b64(CryptoSignaturePublicKey JSON), devicePassword,
//      identityVersion, signedChallenge:{challenge, signature}, deviceCommunicationLanguage?}
//     -> 201 {address, createdAt, device:{id, username, createdAt}}
//     errors: 400 error.platform.unauthorized (unknown client or wrong secret: checked first),
//             signed-challenge errors (signed_challenge.h),
//             400 error.platform.validation.device.addressAlreadyExists,
//             400 error.platform.validation.device.clientReachedIdentitiesLimit (maxIdentities)
//   GET  /api/v2/Identities/IsDeleted?username=USR…   anonymous -> {isDeleted, deletionDate}
//     (deleted = the deletion grace period is over; unknown usernames are "not deleted")
//   GET  /api/v2/Identities/Self       -> {address, clientId, publicKey, identityVersion, createdAt, status}
//
// The address is IdentityAddress::Derive(raw Ed25519 key, config didDomainName); the client derives
// it from its own baseUrl hostname and refuses a different one, so didDomainName must be that host.
#include "api/api_routes.h"
#include "backbone_context.h"

namespace nmshd::backbone::identities {

void RegisterIdentityRoutes(ApiRoutes& routes, const BackboneContext& ctx);

}  // namespace nmshd::backbone::identities
