#pragma once
// The small endpoints of the Consumer API (backbone-protocol §1.1, §1.11):
//   GET  /api/v2/Version                     anonymous -> {majorVersion:"7"} (a string, as the
//                                            official VersionController; transport compares it with
//                                            6..7 through JS coercion)
//   GET  /api/v2/Tags                        anonymous -> {supportedLanguages:["en"],
//                                            tagsForAttributeValueTypes:{}} + ETag; 304 on a
//                                            matching If-None-Match (HandleHttpCaching)
//   GET  /api/v2/Announcements[?language=]   -> []  (this server has no announcements)
//   POST /api/v2/Notifications               {recipients:[address] 1..100, code} -> 204
//   GET  /api/poc/PublicRelationshipTemplateReferences -> []
//   GET  /api/v2/sse                         text/event-stream for the Connector's SSE module, see
//                                            RegisterSseRoute
#include <functional>
#include <string>
#include <vector>

#include "api/api_routes.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::misc {

inline constexpr std::string_view kBackboneMajorVersion = "7";

void RegisterVersionRoute(ApiRoutes& routes);
void RegisterHealthRoute(ApiRoutes& routes);
void RegisterTagsRoute(ApiRoutes& routes);
void RegisterAnnouncementsRoute(ApiRoutes& routes);
void RegisterPublicTemplateReferencesRoute(ApiRoutes& routes);

// GET /api/v2/sse. The official SSE server keeps the response open and writes
// "event: <name>\ndata: _\n\n" whenever a push notification for the identity arises
// ("ExternalEventCreated", "DatawalletModified", ...), after "event: ConnectionOpened".
// Deliberate difference: our HTTP server sends whole responses only, so this endpoint answers
// immediately with "retry: <ms>", ConnectionOpened and — when the identity has undelivered
// external events — ExternalEventCreated, then ends the response. An EventSource client reconnects
// after `retry` ms by itself, so a client that syncs on ExternalEventCreated sees new events within
// that delay (a poll that speaks the SSE protocol) instead of instantly.
inline constexpr int kSseRetryMilliseconds = 5000;
void RegisterSseRoute(ApiRoutes& routes, const BackboneContext& ctx);

// Which of `recipients` the sender has no usable relationship with (official
// SendNotification: youngest relationship must exist, 400
// error.platform.validation.notification.noRelationshipToOneOrMoreRecipientsExists). The
// relationships belong to the content module; without this check (empty function) only the
// format of the recipients is validated.
using RecipientsWithoutRelationship = std::function<std::vector<std::string>(
    storage::Transaction&, const std::string& sender, const std::vector<std::string>& recipients)>;

// Notifications are accepted and dropped after validation: there is no push provider (the official
// server also needs the `code` configured with texts; this one accepts any non-empty code).
void RegisterNotificationsRoute(ApiRoutes& routes, const BackboneContext& ctx,
                                RecipientsWithoutRelationship check = {});

}  // namespace nmshd::backbone::misc
