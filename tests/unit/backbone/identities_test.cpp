// POST /Identities with signed challenges made by src/crypto, and the identity/device endpoints.
#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/js_json.h"
#include "core/backbone_ids.h"
#include "core/identity_address.h"
#include "crypto/signatures.h"
#include "identities/identity_status.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

TEST(Identities, CreationDerivesTheAddressFromTheKeyAndDomain) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto r = bb.Call("POST", "/api/v2/Identities", bb.IdentityRequest(keys, "Secret-Pw-1!"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& o = r.result().as_object();
  EXPECT_EQ(o.at("address"), core::IdentityAddress::Derive(keys.publicKey().bytes(), "localhost").str());
  EXPECT_EQ(o.at("createdAt"), FormatIsoUtc(bb.now()));
  EXPECT_TRUE(core::IsBackboneId(o.at("device").at("id").as_string(), "DVC"));
  EXPECT_TRUE(core::IsBackboneId(o.at("device").at("username").as_string(), "USR"));
  std::vector<std::string> keys_of;
  for (const auto& kv : o) keys_of.emplace_back(kv.key());
  EXPECT_EQ(keys_of, (std::vector<std::string>{"address", "createdAt", "device"}));
  // The password works.
  EXPECT_EQ(bb.Login(std::string(o.at("device").at("username").as_string()), "Secret-Pw-1!").status, 200);
}

TEST(Identities, DomainComesFromTheConfiguration) {
  BackboneHarness bb([](json::object& c) { c["didDomainName"] = "backbone.example"; });
  auto keys = crypto::SignatureKeypair::Generate();
  auto r = bb.Call("POST", "/api/v2/Identities", bb.IdentityRequest(keys, "pw"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.result().at("address").as_string().subview(0, 27), "did:e:backbone.example:dids");
}

TEST(Identities, WrongClientSecretIs400Unauthorized) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  body["clientSecret"] = "nope";
  auto r = bb.Call("POST", "/api/v2/Identities", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.unauthorized");
  body["clientSecret"] = kClientSecret;
  body["clientId"] = "unknown-client";
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.unauthorized");
}

TEST(Identities, SignatureByAnotherKeyIsInvalidSignature) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto other = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  body["signedChallenge"] = BackboneHarness::SignChallenge(bb.CreateChallenge(), other);
  auto r = bb.Call("POST", "/api/v2/Identities", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.device.invalidSignature");
}

TEST(Identities, TheChallengeStringIsVerifiedExactlyAsSent) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  auto& signed_challenge = body["signedChallenge"].as_object();
  // Same JSON value, different bytes (a space): the signature no longer matches.
  std::string text(signed_challenge["challenge"].as_string());
  signed_challenge["challenge"] = "{ " + text.substr(1);
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.validation.device.invalidSignature");
  // Garbage instead of a CryptoSignature JSON.
  signed_challenge["challenge"] = text;
  signed_challenge["signature"] = base64::EncodeUrlNoPad(std::string_view("not json"));
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.validation.device.invalidSignature");
}

TEST(Identities, ExpiredChallengeIsRefused) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  bb.Advance(std::chrono::minutes(70));
  auto r = bb.Call("POST", "/api/v2/Identities", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.device.challengeHasExpired");
}

TEST(Identities, UnknownChallengeIs404) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  json::object fake{{"id", "CHL00000000000000000"},
                    {"expiresAt", FormatIsoUtc(bb.now())},
                    {"createdBy", nullptr},
                    {"createdByDevice", nullptr}};
  body["signedChallenge"] = BackboneHarness::SignChallenge(fake, keys);
  auto r = bb.Call("POST", "/api/v2/Identities", body);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "error.platform.recordNotFound");
}

TEST(Identities, SameKeyTwiceIsAddressAlreadyExists) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  ASSERT_EQ(bb.Call("POST", "/api/v2/Identities", bb.IdentityRequest(keys, "pw")).status, 201);
  auto r = bb.Call("POST", "/api/v2/Identities", bb.IdentityRequest(keys, "pw"));
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.device.addressAlreadyExists");
}

TEST(Identities, ClientIdentityLimit) {
  BackboneHarness bb([](json::object& c) {
    c["platformClients"] =
        json::array{json::object{{"clientId", kClientId}, {"clientSecret", kClientSecret}, {"maxIdentities", 1}}};
  });
  bb.CreateIdentity(false);
  auto r = bb.Call("POST", "/api/v2/Identities", bb.IdentityRequest(crypto::SignatureKeypair::Generate(), "pw"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.device.clientReachedIdentitiesLimit");
}

TEST(Identities, MissingOrBadMembersAre400) {
  BackboneHarness bb;
  auto keys = crypto::SignatureKeypair::Generate();
  auto body = bb.IdentityRequest(keys, "pw");
  body.erase("identityPublicKey");
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.inputCannotBeParsed");
  body = bb.IdentityRequest(keys, "pw");
  body["identityPublicKey"] = base64::EncodeUrlNoPad(std::string_view(R"({"pub":"abc","alg":3})"));
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.validation.invalidPropertyValue");
  body = bb.IdentityRequest(keys, "");
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(), "error.platform.validation.invalidPropertyValue");
  body = bb.IdentityRequest(keys, "pw");
  body["deviceCommunicationLanguage"] = "xx";
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities", body).ErrorCode(),
            "error.platform.validation.invalidDeviceCommunicationLanguage");
}

TEST(Identities, OwnIdentityAndStatusHelpers) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto r = bb.Call("GET", "/api/v2/Identities/Self", std::nullopt, alice.token);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.result().at("address"), alice.address);
  EXPECT_EQ(r.result().at("publicKey"), alice.keys.publicKey().ToBase64());
  EXPECT_EQ(r.result().at("status"), "Active");
  auto tx = bb.db().Begin(storage::TransactionMode::kReadOnly);
  EXPECT_TRUE(identities::IdentityExists(*tx, alice.address));
  EXPECT_TRUE(identities::IsIdentityActive(*tx, alice.address));
  EXPECT_FALSE(identities::IsIdentityToBeDeleted(*tx, alice.address));
  EXPECT_FALSE(identities::GetIdentityStatus(*tx, "did:e:localhost:dids:0000000000000000000000").has_value());
}

// --- devices ---

TEST(Devices, RegisterASecondDeviceWithAnAuthenticatedChallenge) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto challenge = bb.CreateChallenge(alice.token);
  auto r = bb.Call("POST", "/api/v2/Devices",
                   json::object{{"devicePassword", "second-pw"},
                                {"signedChallenge", BackboneHarness::SignChallenge(challenge, alice.keys)},
                                {"isBackupDevice", false}},
                   alice.token);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& d = r.result().as_object();
  std::vector<std::string> keys;
  for (const auto& kv : d) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "username", "createdAt", "createdByDevice", "isBackupDevice"}));
  EXPECT_EQ(d.at("createdByDevice"), alice.device_id);
  auto token2 = bb.LoginToken(std::string(d.at("username").as_string()), "second-pw");
  auto self = bb.Call("GET", "/api/v2/Devices/Self", std::nullopt, token2);
  EXPECT_EQ(self.result().at("id"), d.at("id"));
  // A challenge signed by another identity's key is refused.
  auto mallory = crypto::SignatureKeypair::Generate();
  auto bad = bb.Call("POST", "/api/v2/Devices",
                     json::object{{"devicePassword", "x"},
                                  {"signedChallenge", BackboneHarness::SignChallenge(bb.CreateChallenge(alice.token), mallory)}},
                     alice.token);
  EXPECT_EQ(bad.ErrorCode(), "error.platform.validation.device.invalidSignature");
}

TEST(Devices, OnlyOneBackupDevice) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto add = [&] {
    return bb.Call("POST", "/api/v2/Devices",
                   json::object{{"devicePassword", "pw"},
                                {"signedChallenge", BackboneHarness::SignChallenge(bb.CreateChallenge(alice.token), alice.keys)},
                                {"isBackupDevice", true}},
                   alice.token);
  };
  EXPECT_EQ(add().status, 201);
  EXPECT_EQ(add().ErrorCode(), "error.platform.validation.device.onlyOneBackupDeviceCanExist");
}

TEST(Devices, ChangePasswordNeedsTheOldOne) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto wrong = bb.Call("PUT", "/api/v2/Devices/Self/Password",
                       json::object{{"oldPassword", "nope"}, {"newPassword", "new-pw"}}, alice.token);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.ErrorCode(), "error.platform.validation.device.changePasswordFailed");
  auto ok = bb.Call("PUT", "/api/v2/Devices/Self/Password",
                    json::object{{"oldPassword", alice.password}, {"newPassword", "new-pw"}}, alice.token);
  EXPECT_EQ(ok.status, 204);
  EXPECT_TRUE(ok.body.empty());
  EXPECT_EQ(bb.Login(alice.username, alice.password).status, 400);
  EXPECT_EQ(bb.Login(alice.username, "new-pw").status, 200);
}

TEST(Devices, UpdateLanguageAndPushRegistration) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  EXPECT_EQ(bb.Call("PUT", "/api/v2/Devices/Self", json::object{{"communicationLanguage", "de"}}, alice.token).status, 204);
  EXPECT_EQ(bb.Call("GET", "/api/v2/Devices/Self", std::nullopt, alice.token).result().at("communicationLanguage"), "de");
  EXPECT_EQ(bb.Call("PUT", "/api/v2/Devices/Self", json::object{{"communicationLanguage", "xx"}}, alice.token).ErrorCode(),
            "error.platform.validation.invalidDeviceCommunicationLanguage");

  json::object push{{"platform", "sse"}, {"handle", "a-handle-of-12"}, {"appId", "app"}};
  auto first = bb.Call("PUT", "/api/v2/Devices/Self/PushNotifications", push, alice.token);
  ASSERT_EQ(first.status, 200) << first.body;
  auto dpi = first.result().at("devicePushIdentifier");
  EXPECT_TRUE(core::IsBackboneId(dpi.as_string(), "DPI"));
  EXPECT_EQ(bb.Call("PUT", "/api/v2/Devices/Self/PushNotifications", push, alice.token).result().at("devicePushIdentifier"), dpi);
  push["platform"] = "carrier-pigeon";
  EXPECT_EQ(bb.Call("PUT", "/api/v2/Devices/Self/PushNotifications", push, alice.token).status, 400);
  push["platform"] = "fcm";
  push["handle"] = "short";
  EXPECT_EQ(bb.Call("PUT", "/api/v2/Devices/Self/PushNotifications", push, alice.token).status, 400);
  EXPECT_EQ(bb.Call("DELETE", "/api/v2/Devices/Self/PushNotifications", std::nullopt, alice.token).status, 204);
}

TEST(Devices, OnlyNotYetOnboardedDevicesOfTheSameIdentityCanBeDeleted) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  auto add = [&] {
    auto r = bb.Call("POST", "/api/v2/Devices",
                     json::object{{"devicePassword", "pw2"},
                                  {"signedChallenge", BackboneHarness::SignChallenge(bb.CreateChallenge(alice.token), alice.keys)}},
                     alice.token);
    return r.result().as_object();
  };
  auto fresh = add();
  const std::string fresh_path = "/api/v2/Devices/" + std::string(fresh.at("id").as_string());
  EXPECT_EQ(bb.Call("DELETE", fresh_path, std::nullopt, bob.token).ErrorCode(),
            "error.platform.validation.device.deviceCannotBeDeleted");
  EXPECT_EQ(bb.Call("DELETE", fresh_path, std::nullopt, alice.token).status, 204);
  EXPECT_EQ(bb.Call("DELETE", fresh_path, std::nullopt, alice.token).status, 404);
  EXPECT_EQ(bb.Login(std::string(fresh.at("username").as_string()), "pw2").status, 400);

  auto onboarded = add();
  bb.LoginToken(std::string(onboarded.at("username").as_string()), "pw2");
  EXPECT_EQ(bb.Call("DELETE", "/api/v2/Devices/" + std::string(onboarded.at("id").as_string()), std::nullopt, alice.token)
                .ErrorCode(),
            "error.platform.validation.device.deviceCannotBeDeleted");
}

// --- deletion processes ---

TEST(DeletionProcesses, StartGetCancelAndTheirEffects) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto started = bb.Call("POST", "/api/v2/Identities/Self/DeletionProcesses", json::object{}, alice.token);
  ASSERT_EQ(started.status, 201) << started.body;
  const auto& p = started.result().as_object();
  std::vector<std::string> keys;
  for (const auto& kv : p) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "status", "createdAt", "createdByDevice", "approvedAt", "approvedByDevice",
                                            "gracePeriodEndsAt", "gracePeriodReminder1SentAt", "gracePeriodReminder2SentAt",
                                            "gracePeriodReminder3SentAt"}));
  EXPECT_EQ(p.at("status"), "Active");
  EXPECT_EQ(p.at("gracePeriodEndsAt"), FormatIsoUtc(bb.now() + std::chrono::hours(24 * 14)));
  const std::string path = "/api/v2/Identities/Self/DeletionProcesses/" + std::string(p.at("id").as_string());

  // Effects while ToBeDeleted.
  {
    auto tx = bb.db().Begin(storage::TransactionMode::kReadOnly);
    EXPECT_TRUE(identities::IsIdentityToBeDeleted(*tx, alice.address));
    EXPECT_EQ(identities::DeletionGracePeriodEndsAt(*tx, alice.address), bb.now() + std::chrono::hours(24 * 14));
  }
  auto sync = bb.SyncCall("POST", "/api/v2/SyncRuns", json::object{{"type", "ExternalEventSync"}}, alice.token);
  EXPECT_EQ(sync.ErrorCode(), "error.platform.validation.syncRun.cannotStartSyncRunWhileIdentityIsToBeDeleted");
  EXPECT_EQ(bb.Call("POST", "/api/v2/Identities/Self/DeletionProcesses", json::object{}, alice.token).ErrorCode(),
            "error.platform.validation.device.onlyOneActiveDeletionProcessAllowed");

  EXPECT_EQ(bb.Call("GET", path, std::nullopt, alice.token).result().as_object(), p);
  auto bob = bb.CreateIdentity();
  EXPECT_EQ(bb.Call("GET", path, std::nullopt, bob.token).status, 404);

  auto cancelled = bb.Call("PUT", path + "/Cancel", json::object{}, alice.token);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.result().at("status"), "Cancelled");
  EXPECT_TRUE(cancelled.result().at("gracePeriodEndsAt").is_null());
  EXPECT_EQ(bb.Call("PUT", path + "/Cancel", json::object{}, alice.token).ErrorCode(),
            "error.platform.validation.device.deletionProcessIsNotInRequiredStatus");
  EXPECT_EQ(bb.SyncCall("POST", "/api/v2/SyncRuns", json::object{{"type", "ExternalEventSync"}}, alice.token).status, 200);
  EXPECT_EQ(bb.Call("GET", "/api/v2/Identities/Self/DeletionProcesses", std::nullopt, alice.token).result().as_array().size(), 1u);
}

TEST(DeletionProcesses, CannotCancelAfterTheGracePeriod) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto started = bb.Call("POST", "/api/v2/Identities/Self/DeletionProcesses", json::object{{"lengthOfGracePeriodInDays", 0.5}},
                         alice.token);
  ASSERT_EQ(started.status, 201);
  EXPECT_EQ(started.result().at("gracePeriodEndsAt"), FormatIsoUtc(bb.now() + std::chrono::hours(12)));
  bb.Advance(std::chrono::hours(13));
  // Logins are refused after the grace period; keep the session of before.
  alice.token = bb.tokens().Issue(Caller{alice.address, alice.device_id, alice.username, kClientId}, bb.now(),
                                  std::chrono::seconds(300));
  auto r = bb.Call("PUT", "/api/v2/Identities/Self/DeletionProcesses/" + std::string(started.result().at("id").as_string()) + "/Cancel",
                   json::object{}, alice.token);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.device.gracePeriodHasAlreadyExpired");
}

}  // namespace
}  // namespace nmshd::backbone::testing
