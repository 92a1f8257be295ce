#include "core/reference.h"

#include <gtest/gtest.h>

#include "base/base64.h"
#include "core/backbone_ids.h"
#include "crypto/random.h"
#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

using nmshd::testing::CodeOf;

// createOwnToken of @nmshd/runtime 7.0.0 against a stub Backbone (shared/spec/ts-peer.md §3c).
constexpr std::string_view kPeerTruncated =
    "VE9LMDAwMDAwMDAwMDAwMDAwMDVAaHR0cDovLzEyNy4wLjAuMTozNjEzM3wzfEFXVC1yUlJSbmpfdXNfcFY0TnpTMFdCMjVVaDJIMU9EdVdlaERWa2dTa2N8fA";
constexpr std::string_view kPeerUrl =
    "http://127.0.0.1:36133/r/TOK00000000000000005#M3xBV1QtclJSUm5qX3VzX3BWNE56UzBXQjI1VWgySDFPRHVXZWhEVmtnU2tjfHw";
constexpr std::string_view kPeerKey = "AWT-rRRRnj_us_pV4NzS0WB25Uh2H1ODuWehDVkgSkc";

crypto::SecretKey PeerKey() {
  return crypto::SecretKey(base64::DecodeUrlNoPad(kPeerKey), crypto::EncryptionAlgorithm::kXChaCha20Poly1305);
}

std::string B64(std::string_view plain) { return base64::EncodeUrlNoPad(plain); }

std::vector<std::uint8_t> Salt() { return std::vector<std::uint8_t>(16, 0xfb); }

TEST(Reference, ReadsTheOfficialTokenReference) {
  auto ref = Reference::FromTruncated(kPeerTruncated, ReferenceKind::kToken);
  EXPECT_EQ(ref.id(), "TOK00000000000000005");
  EXPECT_EQ(ref.backbone_base_url(), std::optional<std::string>("http://127.0.0.1:36133"));
  EXPECT_EQ(ref.key(), PeerKey());
  EXPECT_FALSE(ref.for_identity_truncated());
  EXPECT_FALSE(ref.password_protection());
  EXPECT_EQ(ref.Truncate(), kPeerTruncated);
  EXPECT_EQ(ref.ToUrl(), kPeerUrl);
}

TEST(Reference, WritesTheOfficialTokenReference) {
  Reference ref(ReferenceKind::kToken, "TOK00000000000000005", "http://127.0.0.1:36133", PeerKey());
  EXPECT_EQ(ref.Truncate(), kPeerTruncated);
  EXPECT_EQ(ref.ToUrl(), kPeerUrl);
  EXPECT_EQ(base64::ToString(base64::DecodeUrlNoPad(ref.Truncate())),
            "TOK00000000000000005@http://127.0.0.1:36133|3|" + std::string(kPeerKey) + "||");
}

TEST(Reference, ReadsTheOfficialUrl) {
  auto ref = Reference::FromUrl(kPeerUrl, ReferenceKind::kToken);
  EXPECT_EQ(ref, Reference::FromTruncated(kPeerTruncated, ReferenceKind::kToken));
  EXPECT_EQ(Reference::Parse(kPeerUrl), Reference::Parse(kPeerTruncated));
}

TEST(Reference, PasswordAndForIdentityVariantsRoundTrip) {
  const std::string salt = base64::EncodeStandard(Salt());
  Reference ref(ReferenceKind::kRelationshipTemplate, GenerateBackboneId("RLT"), "https://bb.example.com",
                PeerKey(), "5baf", SharedPasswordProtection("pin5", Salt(), 2));
  const std::string plain = base64::ToString(base64::DecodeUrlNoPad(ref.Truncate()));
  EXPECT_EQ(plain, ref.id() + "@https://bb.example.com|3|" + std::string(kPeerKey) + "|5baf|pin5&" + salt + "&2");
  EXPECT_EQ(Reference::FromTruncated(ref.Truncate(), ReferenceKind::kRelationshipTemplate), ref);
  const std::string url = ref.ToUrl("eu.enmeshed.app");
  EXPECT_EQ(url, "https://bb.example.com/r/" + ref.id() + "?app=eu.enmeshed.app#" +
                     B64("3|" + std::string(kPeerKey) + "|5baf|pin5&" + salt + "&2"));
  EXPECT_EQ(Reference::FromUrl(url, ReferenceKind::kRelationshipTemplate), ref);
  EXPECT_EQ(Reference::Parse(url, ReferenceKind::kRelationshipTemplate), ref);
}

TEST(Reference, ThreeComponentFormHasNoOptionalParts) {
  std::string id = GenerateBackboneId("FIL");
  auto ref = Reference::FromTruncated(B64(id + "|3|" + std::string(kPeerKey)), ReferenceKind::kFile);
  EXPECT_EQ(ref.id(), id);
  EXPECT_FALSE(ref.backbone_base_url());
  EXPECT_FALSE(ref.for_identity_truncated());
  EXPECT_FALSE(ref.password_protection());
  // Writing always produces the 5-component form.
  EXPECT_EQ(ref.Truncate(), B64(id + "|3|" + std::string(kPeerKey) + "||"));
  EXPECT_EQ(CodeOf([&] { ref.ToUrl(); }), "error.core.reference.missingBackboneBaseUrl");
}

TEST(Reference, UrlOriginIsNormalisedAndBasePathKept) {
  std::string frag = "#" + B64("3|" + std::string(kPeerKey) + "||");
  auto a = Reference::FromUrl("HTTPS://BB.Example.com:443/prefix/r/TOK00000000000000005?app=x" + frag);
  EXPECT_EQ(a.backbone_base_url(), std::optional<std::string>("https://bb.example.com/prefix"));
  auto b = Reference::FromUrl("http://localhost:8080/r/TOK00000000000000005" + frag);
  EXPECT_EQ(b.backbone_base_url(), std::optional<std::string>("http://localhost:8080"));
  auto c = Reference::FromUrl("http://localhost:80/r/TOK00000000000000005" + frag);
  EXPECT_EQ(c.backbone_base_url(), std::optional<std::string>("http://localhost"));
}

TEST(Reference, IdPrefixIsCheckedPerKind) {
  auto token = B64("TOK00000000000000005|3|" + std::string(kPeerKey));
  EXPECT_EQ(Reference::FromTruncated(token, ReferenceKind::kAny).id(), "TOK00000000000000005");
  EXPECT_EQ(CodeOf([&] { Reference::FromTruncated(token, ReferenceKind::kFile); }),
            "error.core.reference.wrongIdPrefix");
  EXPECT_EQ(CodeOf([&] { Reference::FromTruncated(token, ReferenceKind::kRelationshipTemplate); }),
            "error.core.reference.wrongIdPrefix");
  EXPECT_EQ(IdPrefixOf(ReferenceKind::kRelationshipTemplate), "RLT");
  EXPECT_EQ(IdPrefixOf(ReferenceKind::kFile), "FIL");
  EXPECT_EQ(IdPrefixOf(ReferenceKind::kToken), "TOK");
}

TEST(Reference, EveryMalformedTruncatedReferenceHasItsCode) {
  const std::string key(kPeerKey);
  const std::string salt = base64::EncodeStandard(Salt());
  const std::string id = "TOK00000000000000005";
  const std::pair<std::string, std::string> cases[] = {
      {"VE9L+0==", "error.core.reference.invalidBase64"},
      {"VE9L$$", "error.core.reference.invalidBase64"},
      {"", "error.core.reference.wrongComponentCount"},
      {B64(id + "|3"), "error.core.reference.wrongComponentCount"},
      {B64(id + "|3|" + key + "|"), "error.core.reference.wrongComponentCount"},
      {B64(id + "|3|" + key + "|||"), "error.core.reference.wrongComponentCount"},
      {B64("TOK0000000000000005|3|" + key), "error.core.reference.invalidId"},
      {B64("TOK0000000000000000-5|3|" + key), "error.core.reference.invalidId"},
      {B64("@http://x|3|" + key), "error.core.reference.invalidId"},
      {B64(id + "||" + key), "error.core.reference.invalidAlgorithm"},
      {B64(id + "|x|" + key), "error.core.reference.invalidAlgorithm"},
      {B64(id + "|1|" + key), "error.core.reference.invalidAlgorithm"},
      {B64(id + "|2|" + key), "error.core.reference.invalidAlgorithm"},
      {B64(id + "|3|" + key.substr(1)), "error.core.reference.invalidKey"},
      {B64(id + "|3|" + base64::EncodeUrlNoPad(crypto::RandomBytes(31))), "error.core.reference.invalidKey"},
      {B64(id + "|3|" + base64::EncodeStandard(crypto::RandomBytes(32))), "error.core.reference.invalidKey"},
      {B64(id + "|3|"), "error.core.reference.invalidKey"},
      {B64(id + "|3|" + key + "|5BAF|"), "error.core.reference.invalidForIdentityTruncated"},
      {B64(id + "|3|" + key + "|5ba|"), "error.core.reference.invalidForIdentityTruncated"},
      {B64(id + "|3|" + key + "|5bafx|"), "error.core.reference.invalidForIdentityTruncated"},
      {B64(id + "|3|" + key + "||pw"), "error.core.reference.invalidPasswordProtection"},
      {B64(id + "|3|" + key + "||pin3&" + salt), "error.core.reference.invalidPasswordType"},
      {B64(id + "|3|" + key + "||pin&" + salt), "error.core.reference.invalidPasswordType"},
      {B64(id + "|3|" + key + "||pw&" + base64::EncodeStandard(crypto::RandomBytes(8))),
       "error.core.reference.wrongSaltLength"},
      {B64(id + "|3|" + key + "||pw&%%%%"), "error.core.reference.invalidSalt"},
      {B64(id + "|3|" + key + "||pw&" + salt + "&100"), "error.core.reference.invalidPasswordLocationIndicator"},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_EQ(CodeOf([&] { Reference::FromTruncated(text, ReferenceKind::kToken); }), code)
        << base64::ToString(base64::DecodeAny(text.empty() ? "" : text.substr(0, text.find_first_of("$"))));
  }
}

TEST(Reference, EveryMalformedUrlHasItsCode) {
  const std::string key(kPeerKey);
  const std::string frag = "#" + B64("3|" + key + "||");
  const std::pair<std::string, std::string> cases[] = {
      {"http://", "error.core.reference.invalidUrl"},
      {"http ://x/r/TOK00000000000000005" + frag, "error.core.reference.invalidUrl"},
      {"httpx://host/r/TOK00000000000000005" + frag, "error.core.reference.invalidUrl"},
      {"http:/r/TOK00000000000000005" + frag, "error.core.reference.invalidUrl"},
      {"http://host/TOK00000000000000005" + frag, "error.core.reference.invalidUrl"},
      {"http://host/r/" + frag, "error.core.reference.invalidUrl"},
      {"http://host/r/TOK00000000000000005/" + frag, "error.core.reference.invalidUrl"},
      {"http://host/r/TOK00000000000000005", "error.core.reference.invalidUrl"},
      {"http://host/r/TOK00000000000000005#", "error.core.reference.invalidUrl"},
      {"http://host/r/TOK00000000000000005#a+b", "error.core.reference.invalidBase64"},
      {"http://host/r/TOK00000000000000005#@@", "error.core.reference.invalidBase64"},
      {"http://host/r/TOK00000000000000005#" + B64("3|" + key + "|"), "error.core.reference.wrongComponentCount"},
      {"http://host/r/TOK00000000000000005#" + B64("3|" + key + "|||"), "error.core.reference.wrongComponentCount"},
      {"http://host/r/TOK0000000000000005" + frag, "error.core.reference.invalidId"},
      {"http://host/r/MSG00000000000000005" + frag, "error.core.reference.wrongIdPrefix"},
      {"http://host/r/TOK00000000000000005#" + B64("9|" + key + "||"), "error.core.reference.invalidAlgorithm"},
      {"http://host/r/TOK00000000000000005#" + B64("3|abc||"), "error.core.reference.invalidKey"},
      {"http://host/r/TOK00000000000000005#" + B64("3|" + key + "|ZZZZ|"),
       "error.core.reference.invalidForIdentityTruncated"},
      {"http://host/r/TOK00000000000000005#" + B64("3|" + key + "||pin0&" + base64::EncodeStandard(Salt())),
       "error.core.reference.invalidPasswordType"},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_EQ(CodeOf([&] { Reference::FromUrl(text, ReferenceKind::kToken); }), code) << text;
  }
  // Parse() sends "http..." to the URL parser and everything else to the truncated parser.
  EXPECT_EQ(CodeOf([] { Reference::Parse("http://host/x"); }), "error.core.reference.invalidUrl");
  EXPECT_EQ(CodeOf([] { Reference::Parse("ftp://host/x"); }), "error.core.reference.invalidBase64");
}

TEST(Reference, ConstructorValidatesItsFields) {
  EXPECT_EQ(CodeOf([] { Reference(ReferenceKind::kToken, "FIL00000000000000005", std::nullopt, PeerKey()); }),
            "error.core.reference.wrongIdPrefix");
  EXPECT_EQ(CodeOf([] { Reference(ReferenceKind::kAny, "short", std::nullopt, PeerKey()); }),
            "error.core.reference.invalidId");
  EXPECT_EQ(CodeOf([] { Reference(ReferenceKind::kAny, "TOK00000000000000005", std::nullopt, PeerKey(), "xyz1"); }),
            "error.core.reference.invalidForIdentityTruncated");
  Reference empty_url(ReferenceKind::kAny, "TOK00000000000000005", "", PeerKey());
  EXPECT_FALSE(empty_url.backbone_base_url());
}

}  // namespace
}  // namespace nmshd::core
