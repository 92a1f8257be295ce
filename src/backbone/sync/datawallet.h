#pragma once
// The datawallet (backbone-protocol §1.10; official DatawalletController, Synchronization.Application
// Datawallets/*): an identity's encrypted, append-only list of changes its devices share.
//
//   GET  /api/v2/Datawallet                      -> {version}; 404 before the first
//                                                   DatawalletVersionUpgrade
//   GET  /api/v2/Datawallet/Modifications[?localIndex=n]  + X-Supported-Datawallet-Version
//        -> paged DatawalletModificationDTOs with index > localIndex (default -1), only the newest
//           per (objectIdentifier, type, payloadCategory), by index:
//           {id, datawalletVersion, index, objectIdentifier, payloadCategory, createdAt,
//            createdByDevice, collection, type, encryptedPayload}
//   POST /api/v2/Datawallet/Modifications  + header  {localIndex, modifications:[…] (not empty)}
//        -> 201 {newIndex, modifications:[{id, index, createdAt}]}
//        refused while the identity has an unfinalized sync run (400
//        ...datawallet.cannotPushDatawalletModificationsDuringActiveSyncRun), when localIndex is
//        not the newest index (400 ...datawallet.datawalletNotUpToDate), without a datawallet (404)
//   header version below the datawallet's -> 400 ...datawallet.insufficientSupportedDatawalletVersion
#include "api/api_routes.h"
#include "backbone_context.h"

namespace nmshd::backbone::sync {

void RegisterDatawalletRoutes(ApiRoutes& routes, const BackboneContext& ctx);

}  // namespace nmshd::backbone::sync
