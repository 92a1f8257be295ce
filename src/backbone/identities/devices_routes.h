#pragma once
// Devices of an identity (backbone-protocol §1.3; official DevicesController,
// PushNotificationsController, Devices.Application Devices/* and PushNotifications/*):
//
//   POST   /api/v2/Devices                     {devicePassword, signedChallenge, isBackupDevice?,
//                                               communicationLanguage?} -> 201 {id, username,
//                                               createdAt, createdByDevice, isBackupDevice}
//          (the challenge is verified against the STORED identity key; one backup device at most:
//           400 error.platform.validation.device.onlyOneBackupDeviceCanExist)
//   PUT    /api/v2/Devices/Self/Password       {oldPassword, newPassword} -> 204
//          (wrong old password: 400 error.platform.validation.device.changePasswordFailed)
//   PUT    /api/v2/Devices/Self                {communicationLanguage} -> 204
//   GET    /api/v2/Devices/Self                -> DeviceDTO
//   GET    /api/v2/Devices                     -> paged DeviceDTOs of the caller's identity
//   DELETE /api/v2/Devices/{id}                -> 204; only a never-logged-in device of the same
//          identity (400 error.platform.validation.device.deviceCannotBeDeleted otherwise)
//   PUT    /api/v2/Devices/Self/PushNotifications   {platform fcm|apns|dummy|sse, handle 10..500,
//          appId, environment? Development|Production} -> 200 {devicePushIdentifier: "DPI…"}
//          Stored only: this server has no push provider (SSE clients need no registration:
//          GET /api/v1/sse pushes to every open stream of the identity).
//   DELETE /api/v2/Devices/Self/PushNotifications   -> 204
#include "api/api_routes.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"

namespace nmshd::backbone::identities {

void RegisterDeviceRoutes(ApiRoutes& routes, const BackboneContext& ctx, auth::AccessTokens& tokens);

}  // namespace nmshd::backbone::identities
