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
//   GET  /api/v1/sse, /api/v2/sse            text/event-stream for the Connector's SSE module, see
//                                            RegisterSseRoute
#include <chrono>
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
// Ours, for orchestrators, anonymous and text/plain like /health:
//   GET /health/live   200 "Healthy" whenever the process serves requests (no check: restarting
//                      does not cure a database outage)
//   GET /health/ready  200 "Healthy" when the database answers (storage::Database::Ping), else 503
//                      "Unhealthy"
void RegisterProbeRoutes(ApiRoutes& routes, const BackboneContext& ctx);
void RegisterTagsRoute(ApiRoutes& routes);
void RegisterAnnouncementsRoute(ApiRoutes& routes);
void RegisterPublicTemplateReferencesRoute(ApiRoutes& routes);

// GET /api/v1/sse and /api/v2/sse (the official SseController answers both; the Connector's SSE
// module uses v1): a text/event-stream that stays open. It starts with
// "event: ConnectionOpened\ndata: _\n\n"; "event: ExternalEventCreated\ndata: _\n\n" follows at
// once when the identity has undelivered external events, and again whenever one is created for it
// (after the creating transaction committed, see ExternalEventNotifier). Every 15 s of silence a
// comment line (": keep-alive") is sent: the official server sends an "event: keep-alive" every
// 240 s instead; EventSource clients ignore both, and the comment keeps proxies and dead-peer
// detection happy. Several streams of one identity may be open at once (the official server keeps
// one per identity).
inline constexpr std::chrono::seconds kSseHeartbeatInterval{15};
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
