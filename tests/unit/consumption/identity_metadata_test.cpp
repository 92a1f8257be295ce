// The identityMetadata use cases over the identity's database: upsert per (reference, key), get,
// delete, the official errors, and the decomposition cleanup of a peer's records.
#include <gtest/gtest.h>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "consumption/identity_metadata/identity_metadata_store.h"
#include "consumption/identity_metadata/identity_metadata_use_cases.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:00000000000000000000aa";
constexpr const char* kStranger = "did:e:localhost:dids:00000000000000000000bb";

class IdentityMetadataTest : public AttributeStoreTest {
 protected:
  IdentityMetadataTest() {
    db_->Insert("relationships", "RELaaaaaaaaaaaaaaaaa", js::object{{"id", "RELaaaaaaaaaaaaaaaaa"}, {"peer", kPeer}, {"status", "Pending"}});
  }
  IdentityMetadataUseCases metadata_{*ctx_};
  static js::value Req(const std::string& text) { return json::Parse(text); }
};

TEST_F(IdentityMetadataTest, UpsertGetAndDeletePerReferenceAndKey) {
  const std::string self = kSelf;
  EXPECT_EQ(json::Stringify(metadata_.Upsert(Req(R"({"reference":")" + self + R"(","value":"plain"})"))),
            R"({"reference":")" + self + R"(","value":"plain"})");
  EXPECT_EQ(json::Stringify(metadata_.Upsert(
                Req(R"({"reference":")" + std::string(kPeer) + R"(","key":"k","value":{"@type":"X","@version":"1","a":[{"@type":"Y"}]}})"))),
            R"({"reference":")" + std::string(kPeer) + R"(","key":"k","value":{"a":[{"@type":"Y"}]}})");
  // The same (reference, key) is updated, not duplicated; no key and key "" are different records.
  metadata_.Upsert(Req(R"({"reference":")" + self + R"(","value":2})"));
  metadata_.Upsert(Req(R"({"reference":")" + self + R"(","key":"","value":3})"));
  EXPECT_EQ(json::Stringify(metadata_.Get(Req(R"({"reference":")" + self + R"("})"))),
            R"({"reference":")" + self + R"(","value":2})");
  EXPECT_EQ(json::Stringify(metadata_.Get(Req(R"({"reference":")" + self + R"(","key":""})"))),
            R"({"reference":")" + self + R"(","key":"","value":3})");
  EXPECT_EQ(db_->Count(IdentityMetadataStore::kCollection), 3u);

  metadata_.Delete(Req(R"({"reference":")" + self + R"("})"));
  EXPECT_EQ(ErrorOf([&] { metadata_.Get(Req(R"({"reference":")" + self + R"("})")); }),
            "error.runtime.identityMetadata.notFound There is no stored IdentityMetadata for the specified combination "
            "of reference and key.");
  EXPECT_EQ(ErrorOf([&] { metadata_.Delete(Req(R"({"reference":")" + self + R"("})")); }).rfind("error.runtime.identityMetadata.notFound", 0), 0u);
}

TEST_F(IdentityMetadataTest, RequestsAndReferencesAreChecked) {
  EXPECT_EQ(ErrorOf([&] { metadata_.Upsert(Req(R"({"reference":")" + std::string(kStranger) + R"(","value":1})")); }),
            "error.runtime.identityMetadata.unfamiliarReferencedIdentity The reference of the IdentityMetadata resolves "
            "neither to the address of a peer of a Relationship nor the address of the own Identity.");
  EXPECT_EQ(ErrorOf([&] { metadata_.Upsert(Req(R"({"value":1})")); }),
            "error.runtime.validation.invalidPropertyValue must have required property 'reference'");
  EXPECT_EQ(ErrorOf([&] { metadata_.Upsert(Req(R"({"reference":")" + std::string(kSelf) + R"("})")); }),
            "error.runtime.validation.invalidPropertyValue must have required property 'value'");
  EXPECT_EQ(ErrorOf([&] { metadata_.Get(Req(R"({"reference":"x"})")); }),
            "error.runtime.validation.invalidPropertyValue reference must match pattern "
            "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}");
  EXPECT_EQ(ErrorOf([&] { metadata_.Get(Req(R"({"reference":")" + std::string(kSelf) + R"(","key":1})")); }),
            "error.runtime.validation.invalidPropertyValue key must be string");
  EXPECT_EQ(ErrorOf([&] { metadata_.Get(Req(R"({"reference":")" + std::string(kSelf) + R"(","x":1})")); }),
            "error.runtime.validation.invalidPropertyValue must NOT have additional properties");
  EXPECT_EQ(ErrorOf([&] { metadata_.Upsert(Req(R"({"reference":")" + std::string(kSelf) + R"(","value":null})")); }),
            "error.runtime.unknown An error was thrown in a UseCase: Cannot convert undefined or null to object");
  EXPECT_EQ(db_->Count(IdentityMetadataStore::kCollection), 0u);
}

TEST_F(IdentityMetadataTest, DecompositionDeletesThePeersRecordsOnly) {
  metadata_.Upsert(Req(R"({"reference":")" + std::string(kPeer) + R"(","value":1})"));
  metadata_.Upsert(Req(R"({"reference":")" + std::string(kPeer) + R"(","key":"a","value":2})"));
  metadata_.Upsert(Req(R"({"reference":")" + std::string(kSelf) + R"(","value":3})"));
  EXPECT_EQ(db_->WithTransaction([](storage::Transaction& tx) {
    return IdentityMetadataStore::DeleteReferencedWithPeer(tx, kPeer);
  }),
            2u);
  EXPECT_EQ(db_->Count(IdentityMetadataStore::kCollection), 1u);
  EXPECT_EQ(metadata_.Get(Req(R"({"reference":")" + std::string(kSelf) + R"("})")).at("value"), 3);
}

}  // namespace
}  // namespace nmshd::consumption::testing
