#pragma once
// Device login: the password grant of the official /connect/token (AuthorizationController with
// OpenIddict and ASP.NET Identity's SignInManager.CheckPasswordSignInAsync(lockoutOnFailure: true)).
//
// Order of checks, as officially:
//   1. client_id/client_secret against config platformClients      -> kInvalidClient
//   2. username exists and its identity's deletion grace period is not over -> else kInvalidGrant
//   3. the user is not locked out                                    -> else kLockedOut
//   4. the password matches                                          -> else kInvalidGrant, and the
//      failure counts; the failure that reaches authentication.maxFailedAccessAttempts (3) locks the
//      user for authentication.lockoutMinutes (10) and answers kLockedOut, counting restarts at 0
//   5. success: failure count reset, lastLoginAt = now (the device counts as onboarded), a backup
//      device stops being one.
// State lives in the device document, so lockouts survive restarts; every change is one
// transaction.
#include <string>
#include <string_view>

#include "api/caller.h"
#include "backbone_context.h"

namespace nmshd::backbone::auth {

enum class LoginOutcome { kOk, kInvalidClient, kInvalidGrant, kLockedOut };

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kInvalidGrant;
  Caller caller;  // set for kOk
};

LoginResult LogIn(const BackboneContext& ctx, std::string_view client_id, std::string_view client_secret,
                  std::string_view username, std::string_view password);

}  // namespace nmshd::backbone::auth
