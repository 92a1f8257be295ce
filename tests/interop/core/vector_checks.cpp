#include "interop/core/vector_checks.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/backbone_ids.h"
#include "core/core_id.h"
#include "core/identity_address.h"
#include "core/reference.h"
#include "crypto/random.h"

namespace nmshd::core::interop {
namespace {

ReferenceKind KindOf(std::string_view name) {
  if (name == "token") return ReferenceKind::kToken;
  if (name == "relationshipTemplate") return ReferenceKind::kRelationshipTemplate;
  if (name == "file") return ReferenceKind::kFile;
  if (name == "any") return ReferenceKind::kAny;
  throw std::runtime_error("unknown reference kind in vectors: " + std::string(name));
}

std::string_view KindName(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kToken: return "token";
    case ReferenceKind::kRelationshipTemplate: return "relationshipTemplate";
    case ReferenceKind::kFile: return "file";
    case ReferenceKind::kAny: break;
  }
  return "any";
}

std::optional<std::string> OptString(const boost::json::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  if (!v || v->is_null()) return std::nullopt;
  return std::string(v->as_string());
}

// The JSON description core_peer.js's describe() writes, built from our parsed reference.
boost::json::object Describe(const Reference& ref) {
  boost::json::object o;
  o["id"] = ref.id();
  o["backboneBaseUrl"] = ref.backbone_base_url() ? boost::json::value(*ref.backbone_base_url()) : nullptr;
  o["key"] = base64::EncodeUrlNoPad(ref.key().bytes());
  o["alg"] = static_cast<int>(ref.key().algorithm());
  o["forIdentityTruncated"] =
      ref.for_identity_truncated() ? boost::json::value(*ref.for_identity_truncated()) : nullptr;
  if (const auto& pp = ref.password_protection()) {
    boost::json::object p;
    p["passwordType"] = pp->password_type();
    p["salt"] = base64::EncodeStandard(pp->salt());
    p["passwordLocationIndicator"] =
        pp->password_location_indicator() ? boost::json::value(*pp->password_location_indicator()) : nullptr;
    p["password"] = pp->password() ? boost::json::value(*pp->password()) : nullptr;
    o["passwordProtection"] = std::move(p);
  } else {
    o["passwordProtection"] = nullptr;
  }
  return o;
}

boost::json::object ExpectedDescription(const boost::json::object& v) {
  boost::json::object o;
  for (std::string_view key : {"id", "backboneBaseUrl", "key", "alg", "forIdentityTruncated", "passwordProtection"}) {
    o[key] = v.at(key);
  }
  return o;
}

Reference BuildFromFields(const boost::json::object& v) {
  std::optional<SharedPasswordProtection> pp;
  if (const auto& p = v.at("passwordProtection"); !p.is_null()) {
    const auto& po = p.as_object();
    std::optional<int> indicator;
    if (!po.at("passwordLocationIndicator").is_null()) {
      indicator = static_cast<int>(po.at("passwordLocationIndicator").as_int64());
    }
    pp.emplace(std::string(po.at("passwordType").as_string()), base64::DecodeStandard(po.at("salt").as_string()),
               indicator, OptString(po, "password"));
  }
  return Reference(KindOf(v.at("kind").as_string()), std::string(v.at("id").as_string()),
                   OptString(v, "backboneBaseUrl"),
                   crypto::SecretKey(base64::DecodeUrlNoPad(v.at("key").as_string()),
                                     static_cast<crypto::EncryptionAlgorithm>(v.at("alg").as_int64())),
                   OptString(v, "forIdentityTruncated"), std::move(pp));
}

}  // namespace

boost::json::value ReadJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return json::Parse(ss.str(), path.string());
}

int CheckAddressVectors(const boost::json::value& vectors) {
  int n = 0;
  for (const auto& entry : vectors.at("addresses").as_array()) {
    const auto& v = entry.as_object();
    const std::string expected(v.at("address").as_string());
    const auto pk = base64::DecodeUrlNoPad(v.at("publicKey").as_string());
    const auto derived = IdentityAddress::Derive(pk, v.at("domain").as_string());
    EXPECT_EQ(derived.str(), expected);
    EXPECT_EQ(IdentityAddress::Parse(expected).str(), expected);
    EXPECT_TRUE(derived.MatchesPublicKey(pk));
    EXPECT_EQ(derived.domain(), v.at("domain").as_string());
    ++n;
  }
  return n;
}

int CheckReferenceVectors(const boost::json::value& vectors) {
  int n = 0;
  for (const auto& entry : vectors.at("references").as_array()) {
    const auto& v = entry.as_object();
    const ReferenceKind kind = KindOf(v.at("kind").as_string());
    const std::string truncated(v.at("truncated").as_string());
    SCOPED_TRACE(std::string(v.at("kind").as_string()) + " " + std::string(v.at("id").as_string()));
    try {
      const Reference parsed = Reference::FromTruncated(truncated, kind);
      EXPECT_EQ(json::Stringify(Describe(parsed)), json::Stringify(ExpectedDescription(v)));
      EXPECT_EQ(parsed.Truncate(), truncated);
      const Reference built = BuildFromFields(v);
      EXPECT_EQ(built, parsed);
      EXPECT_EQ(built.Truncate(), truncated);
      if (auto url = OptString(v, "url")) {
        auto app_id = OptString(v, "appId");
        EXPECT_EQ(built.ToUrl(app_id ? std::optional<std::string_view>(*app_id) : std::nullopt), *url);
        EXPECT_EQ(Reference::FromUrl(*url, kind), parsed);
        EXPECT_EQ(Reference::Parse(*url, kind), parsed);
      }
    } catch (const CodedError& e) {
      ADD_FAILURE() << "threw " << e.code() << ": " << e.what();
    }
    ++n;
  }
  return n;
}

int CheckRejectedVectors(const boost::json::value& vectors) {
  int n = 0;
  for (const auto& entry : vectors.at("rejected").as_array()) {
    const auto& v = entry.as_object();
    const std::string value(v.at("value").as_string());
    std::string code = "no error";
    try {
      Reference::Parse(value, KindOf(v.at("kind").as_string()));
    } catch (const CodedError& e) {
      code = e.code();
    }
    EXPECT_EQ(code, v.at("code").as_string()) << value << " (official: " << v.at("officialError").as_string() << ")";
    ++n;
  }
  return n;
}

boost::json::object MakeOwnVectors() {
  boost::json::array addresses;
  for (std::string_view domain : {"localhost", "127.0.0.1", "example.com", "node-7.test.enmeshed.eu"}) {
    for (int i = 0; i < 3; ++i) {
      auto pk = crypto::RandomBytes(32);
      addresses.push_back(boost::json::object{{"publicKey", base64::EncodeUrlNoPad(pk)},
                                              {"domain", domain},
                                              {"address", IdentityAddress::Derive(pk, domain).str()}});
    }
  }
  const std::string_view base_urls[] = {"http://127.0.0.1:8090", "https://backbone.example.com",
                                        "https://bb.example.org/base/path"};
  const std::string_view types[] = {"pw", "pin4", "pin6", "pin9", "pin16"};
  boost::json::array references;
  int n = 0;
  for (ReferenceKind kind : {ReferenceKind::kToken, ReferenceKind::kRelationshipTemplate, ReferenceKind::kFile,
                             ReferenceKind::kAny}) {
    for (bool with_base_url : {true, false}) {
      for (bool with_for_identity : {false, true}) {
        for (int protection = 0; protection < 4; ++protection) {
          ++n;
          std::optional<SharedPasswordProtection> pp;
          if (protection > 0) {
            std::string type(types[n % 5]);
            if (protection == 3 && type == "pw") type = "pin5";
            std::optional<int> indicator;
            if (protection >= 2) indicator = static_cast<int>(crypto::RandomBytes(1)[0] % 100);
            std::optional<std::string> password;
            if (protection == 3) password = crypto::RandomString(4, "0123456789");
            pp.emplace(type, crypto::RandomBytes(16), indicator, password);
          }
          std::optional<std::string> for_identity;
          if (with_for_identity) {
            for_identity = std::string(IdentityAddress::Derive(crypto::RandomBytes(32), "localhost").Truncated());
          }
          std::string_view prefix = kind == ReferenceKind::kAny ? backbone_ids::kMessage : IdPrefixOf(kind);
          Reference ref(kind, GenerateBackboneId(prefix),
                        with_base_url ? std::optional<std::string>(base_urls[n % 3]) : std::nullopt,
                        crypto::SecretKey::Generate(), for_identity, pp);
          boost::json::object v;
          v["kind"] = KindName(kind);
          for (auto& [key, value] : Describe(ref)) v[key] = value;
          std::optional<std::string> app_id;
          if (with_base_url && n % 3 == 0) app_id = "eu.enmeshed.app";
          v["appId"] = app_id ? boost::json::value(*app_id) : nullptr;
          v["truncated"] = ref.Truncate();
          v["url"] = with_base_url ? boost::json::value(ref.ToUrl(app_id)) : nullptr;
          references.push_back(std::move(v));
        }
      }
    }
  }
  return boost::json::object{{"generator", "nmshd C++ core"},
                             {"addresses", std::move(addresses)},
                             {"references", std::move(references)},
                             {"rejected", boost::json::array{}}};
}

}  // namespace nmshd::core::interop
