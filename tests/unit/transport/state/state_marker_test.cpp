// The state marker in the identity's datawallet on our Backbone (the same endpoints the official
// one has): round trip, newest wins, encrypted on the wire, unreadable with another key, recovery
// from a datawallet index that moved, and the publisher's retry while a sync run blocks pushes.
#include <gtest/gtest.h>

#include <thread>

#include "base/base64.h"
#include "base/js_json.h"
#include "storage/schema_migrator.h"
#include "transport/modules/relationships_test_support.h"
#include "transport/modules/schema/transport_schema.h"
#include "transport/modules/state/state_marker.h"
#include "transport/modules/state/state_publisher.h"
#include "transport/modules/state/state_watermark.h"

namespace nmshd::transport::testing {
namespace {

namespace js = boost::json;

const HeaderList kDatawalletHeaders = {{"x-supported-datawallet-version", "1"}};

StateSummary Summary(std::int64_t watermark, std::uint64_t messages) {
  StateSummary s;
  s.watermark = watermark;
  s.changed_at = "2026-11-21T15:00:00.000Z";
  s.messages = messages;
  s.relationships = 2;
  s.templates = 3;
  s.tokens = 1;
  s.files = 4;
  s.acknowledged_event_index = 40;
  return s;
}

crypto::SecretKey MarkerKey(const TestIdentity& identity) {
  return identity.account().DeriveKey(1, StateMarker::kKeyContext);
}

TEST(StateMarker, AFreshIdentityHasNone) {
  TestBackbone backbone;
  TestIdentity identity(backbone, "fresh");
  StateMarker marker(identity.backbone(), MarkerKey(identity));
  EXPECT_FALSE(marker.FetchNewest().has_value());
}

TEST(StateMarker, TheNewestPublishedSummaryComesBack) {
  TestBackbone backbone;
  TestIdentity identity(backbone, "roundtrip");
  StateMarker marker(identity.backbone(), MarkerKey(identity));
  const auto first = marker.Publish(Summary(5, 9));
  const auto second = marker.Publish(Summary(7, 12));
  EXPECT_GT(second, first);

  // A second reader (as after a restart) sees the newest one only.
  StateMarker reader(identity.backbone(), MarkerKey(identity));
  const auto newest = reader.FetchNewest();
  ASSERT_TRUE(newest.has_value());
  EXPECT_EQ(newest->index, second);
  EXPECT_FALSE(newest->created_at.empty());
  ASSERT_TRUE(newest->summary.has_value());
  EXPECT_EQ(json::Stringify(newest->summary->ToJson()), json::Stringify(Summary(7, 12).ToJson()));
}

TEST(StateMarker, TheBackboneSeesOnlyCiphertext) {
  TestBackbone backbone;
  TestIdentity identity(backbone, "cipher");
  StateMarker marker(identity.backbone(), MarkerKey(identity));
  marker.Publish(Summary(5, 9));
  const auto items =
      identity.backbone().GetAllPages("/api/v2/Datawallet/Modifications", {}, Auth::kDevice, kDatawalletHeaders);
  ASSERT_EQ(items.size(), 1u);
  const auto& item = items[0].as_object();
  EXPECT_EQ(item.at("objectIdentifier").as_string(), StateMarker::kObjectIdentifier);
  EXPECT_EQ(item.at("collection").as_string(), StateMarker::kDatawalletCollection);
  EXPECT_EQ(item.at("type").as_string(), "Update");
  const auto wire = base64::DecodeUrlNoPad(item.at("encryptedPayload").as_string());
  const std::string text(wire.begin(), wire.end());
  EXPECT_NE(text.find("\"cph\""), std::string::npos) << text;  // a CryptoCipher
  EXPECT_EQ(text.find("watermark"), std::string::npos);
  EXPECT_EQ(text.find("messages"), std::string::npos);
}

TEST(StateMarker, AnotherKeyCannotReadIt) {
  TestBackbone backbone;
  TestIdentity identity(backbone, "otherkey");
  StateMarker marker(identity.backbone(), MarkerKey(identity));
  marker.Publish(Summary(5, 9));
  StateMarker stranger(identity.backbone(), crypto::SecretKey::Generate());
  const auto newest = stranger.FetchNewest();
  ASSERT_TRUE(newest.has_value());
  EXPECT_FALSE(newest->summary.has_value());
  EXPECT_FALSE(stranger.Open(marker.Seal(Summary(1, 1))).has_value());
  EXPECT_TRUE(marker.Open(marker.Seal(Summary(1, 1))).has_value());
}

TEST(StateMarker, RecoversWhenTheDatawalletIndexMovedUnderIt) {
  TestBackbone backbone;
  TestIdentity identity(backbone, "moved");
  StateMarker first(identity.backbone(), MarkerKey(identity));
  StateMarker second(identity.backbone(), MarkerKey(identity));
  first.Publish(Summary(1, 1));
  second.Publish(Summary(2, 2));  // learns the index itself
  first.Publish(Summary(3, 3));   // its known index is stale: datawalletNotUpToDate, re-read, retried
  StateMarker reader(identity.backbone(), MarkerKey(identity));
  EXPECT_EQ(reader.FetchNewest()->summary->watermark, 3);
}

TEST(StatePublisher, RetriesWhileASyncRunBlocksPushesAndFlushesOnRequest) {
  TestBackbone backbone;
  RelationshipNode templator(backbone, "templator");
  RelationshipNode requestor(backbone, "requestor");
  storage::MigrateSchema(templator.identity.db(), TransportMigrations());
  RequestRelationship(templator, requestor);  // an external event waits for the templator

  // The templator's own sync run is open: the Backbone refuses datawallet pushes meanwhile.
  const auto started = templator.identity.backbone()
                           .Post("/api/v2/SyncRuns", js::object{{"type", "ExternalEventSync"}}, Auth::kDevice,
                                 kDatawalletHeaders)
                           .as_object();
  const std::string run(started.at("syncRun").as_object().at("id").as_string());
  StateMarker blocked(templator.identity.backbone(), MarkerKey(templator.identity));
  try {
    blocked.Publish(Summary(1, 0));
    ADD_FAILURE() << "the push during a sync run was accepted";
  } catch (const BackboneError& e) {
    EXPECT_NE(e.code().find("DuringActiveSyncRun"), std::string::npos) << e.code();
  }

  StateMarker marker(templator.identity.backbone(), MarkerKey(templator.identity));
  StateWatermark::RaiseTo(templator.identity.db(), 3);
  StatePublisher publisher(templator.identity.db(), marker, 0, std::chrono::milliseconds(0));
  publisher.Notify(3);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(publisher.published(), 0);  // still refused

  const auto events = templator.identity.backbone().GetAllPages("/api/v2/SyncRuns/" + run + "/ExternalEvents", {},
                                                                Auth::kDevice, kDatawalletHeaders);
  js::array results;
  for (const auto& e : events) results.push_back(js::object{{"externalEventId", e.at("id")}});
  templator.identity.backbone().Put("/api/v2/SyncRuns/" + run + "/FinalizeExternalEventSync",
                                    js::object{{"externalEventResults", results}, {"datawalletModifications", js::array{}}},
                                    Auth::kDevice, kDatawalletHeaders);

  EXPECT_TRUE(publisher.Flush(std::chrono::seconds(10)));
  EXPECT_EQ(publisher.published(), 3);
  StateMarker reader(templator.identity.backbone(), MarkerKey(templator.identity));
  EXPECT_EQ(reader.FetchNewest()->summary->watermark, 3);
}

}  // namespace
}  // namespace nmshd::transport::testing
