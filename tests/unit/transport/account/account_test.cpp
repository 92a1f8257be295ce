// The identity: registration on our Backbone, reopening, and the master key that seals its secrets.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "base/coded_error.h"
#include "core/identity_address.h"
#include "crypto/random.h"
#include "storage/open_database.h"
#include "transport/account/account.h"
#include "transport/account/master_key.h"
#include "transport/account/secret_box.h"
#include "transport/support/transport_harness.h"

namespace nmshd::transport {
namespace {

namespace fs = std::filesystem;
using testing::kClientId;
using testing::kClientSecret;
using testing::TestBackbone;

struct Dir {
  fs::path path = fs::temp_directory_path() / ("nmshd-account-" + crypto::RandomString(10, "abcdefghij"));
  Dir() { fs::create_directories(path); }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::unique_ptr<storage::Database> OpenDb(const fs::path& file) {
  storage::DatabaseConfig config;
  config.driver = "sqlite";
  config.path = file.string();
  return storage::OpenDatabase(config);
}

BackboneClientOptions ClientOptions(const TestBackbone& bb) {
  BackboneClientOptions o;
  o.base_url = bb.base_url();
  o.client_id = kClientId;
  o.client_secret = kClientSecret;
  return o;
}

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ErrorCode(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "<no error>";
}

TEST(Account, RegistersOnAnEmptyDatabaseAndReopensTheSameIdentity) {
  TestBackbone bb;
  Dir dir;
  const auto key = MasterKey::Generate();
  std::string address;
  {
    auto db = OpenDb(dir.path / "c.db");
    BackboneClient client(ClientOptions(bb));
    SecretBox box(key);
    auto account = Account::OpenOrRegister(*db, box, client, {true, "localhost", kClientId, kClientSecret});
    address = account.address();
    // The address is the one derived from the identity key for the Backbone's domain.
    EXPECT_EQ(address, core::IdentityAddress::Derive(account.identity_public_key().bytes(), "localhost").str());
    EXPECT_EQ(account.device().id.substr(0, 3), "DVC");
    EXPECT_EQ(account.device().username.substr(0, 3), "USR");
    // The device can log in: an authenticated call works.
    EXPECT_NO_THROW(client.Get("/api/v2/Identities/IsDeleted", {{"username", account.device().username}},
                               Auth::kAnonymous));
    const auto info = account.IdentityInfo();
    EXPECT_EQ(info.at("address").as_string(), address);
    EXPECT_EQ(crypto::SignaturePublicKey::FromBase64(std::string(info.at("publicKey").as_string())),
              account.identity_public_key());
  }
  auto db = OpenDb(dir.path / "c.db");
  BackboneClient client(ClientOptions(bb));
  SecretBox box(key);
  auto again = Account::OpenOrRegister(*db, box, client, {true, "localhost", kClientId, kClientSecret});
  EXPECT_EQ(again.address(), address);
  // The reopened credentials still log in: a sync-run start needs a valid token and the datawallet
  // that registration created.
  const auto run = client.Post("/api/v2/SyncRuns", boost::json::object{{"type", "ExternalEventSync"}},
                               Auth::kDevice, {{"x-supported-datawallet-version", "1"}});
  EXPECT_EQ(run.as_object().at("status").as_string(), "NoNewEvents");
}

TEST(Account, AWrongMasterKeyIsAStartErrorNeverANewIdentity) {
  TestBackbone bb;
  Dir dir;
  {
    auto db = OpenDb(dir.path / "c.db");
    BackboneClient client(ClientOptions(bb));
    SecretBox box(MasterKey::Generate());
    Account::OpenOrRegister(*db, box, client, {true, "localhost", kClientId, kClientSecret});
  }
  auto db = OpenDb(dir.path / "c.db");
  BackboneClient client(ClientOptions(bb));
  SecretBox other(MasterKey::Generate());
  EXPECT_EQ(ErrorCode([&] { Account::OpenOrRegister(*db, other, client, {true, "localhost", kClientId, kClientSecret}); }),
            "error.connector.keyMaterial.wrongKey");
  // Still exactly one identity in the database.
  EXPECT_EQ(db->Count(Account::kCollection), 2u);  // self + keyCheck
}

TEST(Account, RefusesToCreateAnIdentityWhenNotAllowed) {
  TestBackbone bb;
  Dir dir;
  auto db = OpenDb(dir.path / "c.db");
  BackboneClient client(ClientOptions(bb));
  SecretBox box(MasterKey::Generate());
  EXPECT_EQ(ErrorCode([&] { Account::OpenOrRegister(*db, box, client, {false, "localhost", kClientId, kClientSecret}); }),
            "error.transport.general.noIdentityFound");
  EXPECT_FALSE(Account::Exists(*db));
}

TEST(Account, AWrongPlatformClientIsReportedAsSuch) {
  TestBackbone bb;
  Dir dir;
  auto db = OpenDb(dir.path / "c.db");
  BackboneClient client(ClientOptions(bb));
  SecretBox box(MasterKey::Generate());
  EXPECT_EQ(ErrorCode([&] { Account::OpenOrRegister(*db, box, client, {true, "localhost", kClientId, "wrong"}); }),
            "error.transport.general.platformClientInvalid");
  EXPECT_FALSE(Account::Exists(*db));
}

TEST(Account, SecretsAreNotStoredInClear) {
  TestBackbone bb;
  Dir dir;
  std::string private_key_json;
  {
    auto db = OpenDb(dir.path / "c.db");
    BackboneClient client(ClientOptions(bb));
    SecretBox box(MasterKey::Generate());
    auto account = Account::OpenOrRegister(*db, box, client, {true, "localhost", kClientId, kClientSecret});
    private_key_json = account.identity_keys().privateKey().ToJson().at("prv").as_string().c_str();
  }
  std::string all;
  for (const auto& entry : fs::directory_iterator(dir.path)) all += ReadAll(entry.path());
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.find(private_key_json), std::string::npos);
  EXPECT_EQ(all.find("devicePassword"), std::string::npos);
}

TEST(MasterKey, TheDefaultKeyFileIsCreatedOnlyWhenAllowedAndOnlyOwnerReadable) {
  Dir dir;
  MasterKeySettings settings;
  settings.default_key_file = dir.path / "sub" / "default.masterkey";
  EXPECT_EQ(ErrorCode([&] { MasterKey::Resolve(settings, false); }), "error.connector.keyMaterial.missing");
  const auto created = MasterKey::Resolve(settings, true);
  EXPECT_TRUE(created.created());
  struct stat st {};
  ASSERT_EQ(::stat(settings.default_key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = MasterKey::Resolve(settings, false);
  EXPECT_FALSE(again.created());
  EXPECT_EQ(again.bytes(), created.bytes());
}

TEST(MasterKey, ConfiguredKeyWinsAndIsValidated) {
  Dir dir;
  MasterKeySettings settings;
  settings.default_key_file = dir.path / "default.masterkey";
  const auto key = MasterKey::Generate();
  settings.key = key.ToText();
  EXPECT_EQ(MasterKey::Resolve(settings, true).bytes(), key.bytes());
  EXPECT_FALSE(fs::exists(settings.default_key_file));
  settings.key = "c2hvcnQ";  // "short"
  EXPECT_EQ(ErrorCode([&] { MasterKey::Resolve(settings, true); }), "error.connector.keyMaterial.invalidKey");
  settings.key.reset();
  settings.key_file = dir.path / "missing.key";
  EXPECT_EQ(ErrorCode([&] { MasterKey::Resolve(settings, true); }), "error.connector.keyMaterial.missing");
}

TEST(SecretBox, OpensOnlyWithTheSameKeyAndContext) {
  SecretBox box(MasterKey::Generate());
  const auto sealed = box.Seal(boost::json::object{{"a", 1}}, "relationships/REL1/secrets");
  EXPECT_EQ(box.Open(sealed, "relationships/REL1/secrets").at("a").as_int64(), 1);
  EXPECT_EQ(ErrorCode([&] { box.Open(sealed, "relationships/REL2/secrets"); }),
            "error.connector.keyMaterial.cannotDecrypt");
  SecretBox other(MasterKey::Generate());
  EXPECT_EQ(ErrorCode([&] { other.Open(sealed, "relationships/REL1/secrets"); }),
            "error.connector.keyMaterial.cannotDecrypt");
  auto altered = sealed;
  altered[altered.size() - 2] = altered[altered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ErrorCode([&] { box.Open(altered, "relationships/REL1/secrets"); }),
            "error.connector.keyMaterial.cannotDecrypt");
  EXPECT_TRUE(box.MatchesKeyCheck(box.MakeKeyCheck()));
  EXPECT_FALSE(other.MatchesKeyCheck(box.MakeKeyCheck()));
}

}  // namespace
}  // namespace nmshd::transport
