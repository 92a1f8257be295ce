// The tag collection is fetched once per lifetime, then revalidated with its ETag; callers at the
// same time share one fetch; a failed fetch is an error, not an empty collection.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>
#include <vector>

#include "transport/backbone/backbone_error.h"
#include "transport/backbone_client/fake_backbone.h"
#include "transport/backbone_client/token_endpoint.h"
#include "transport/modules/tags/tag_collection_cache.h"

namespace nmshd::transport {
namespace {

using testing::FakeBackbone;
using testing::SetJson;
using testing::TokenEndpoint;
using namespace std::chrono_literals;

// /api/v2/Tags answering the current `version` with ETag "v<version>", 304 when If-None-Match names it.
struct TagsEndpoint {
  std::shared_ptr<std::atomic<int>> version = std::make_shared<std::atomic<int>>(1);
  std::shared_ptr<std::atomic<int>> status = std::make_shared<std::atomic<int>>(200);

  void Install(FakeBackbone& fake) const {
    fake.On("GET", "/api/v2/Tags", [version = version, status = status](const httplib::Request& req,
                                                                         httplib::Response& res) {
      if (status->load() != 200) {
        SetJson(res, status->load(), R"({"error":{"id":"ERR1","code":"error.platform.unexpected","message":"down",)"
                                     R"("docs":"","time":"2026-01-01T00:00:00.000Z"}})");
        return;
      }
      const std::string etag = "\"v" + std::to_string(version->load()) + "\"";
      res.set_header("ETag", etag);
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      SetJson(res, 200,
              R"({"result":{"supportedLanguages":["en"],"tagsForAttributeValueTypes":{"v":)" +
                  std::to_string(version->load()) + "}}}");
    });
  }
};

struct Fixture {
  FakeBackbone fake;
  TokenEndpoint tokens;
  TagsEndpoint tags;
  std::unique_ptr<BackboneClient> client;
  std::chrono::steady_clock::time_point now{};

  Fixture() {
    tokens.Install(fake);
    tags.Install(fake);
    fake.Start();
    client = std::make_unique<BackboneClient>(fake.Options());
    client->SetDeviceCredentials({"USR1", "pw"});
  }
  TagCollectionCache Cache() {
    return TagCollectionCache(*client, 5min, [this] { return now; });
  }
  std::size_t Fetches() { return fake.RequestsTo("/api/v2/Tags").size(); }
};

int VersionOf(const boost::json::value& collection) {
  return static_cast<int>(collection.at("tagsForAttributeValueTypes").at("v").as_int64());
}

TEST(TagCollectionCache, FetchesOncePerLifetimeThenRevalidatesWithTheEtag) {
  Fixture f;
  auto cache = f.Cache();
  EXPECT_EQ(VersionOf(cache.Get()), 1);
  f.now += 4min;
  EXPECT_EQ(VersionOf(cache.Get()), 1);
  EXPECT_EQ(f.Fetches(), 1u);  // still fresh: no Backbone call

  f.now += 2min;  // expired, unchanged on the Backbone: 304 keeps the copy
  EXPECT_EQ(VersionOf(cache.Get()), 1);
  auto requests = f.fake.RequestsTo("/api/v2/Tags");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].Header("If-None-Match"), "");
  EXPECT_EQ(requests[1].Header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(requests[1].Header("Authorization"), "Bearer tok-1");  // TagClient is an authenticated client

  f.now += 4min;  // the 304 started a new lifetime
  cache.Get();
  EXPECT_EQ(f.Fetches(), 2u);

  f.tags.version->store(2);
  f.now += 2min;
  EXPECT_EQ(VersionOf(cache.Get()), 2);
  EXPECT_EQ(f.Fetches(), 3u);
}

TEST(TagCollectionCache, AFailedFetchIsAnErrorAndTheNextCallTriesAgain) {
  Fixture f;
  auto cache = f.Cache();
  f.tags.status->store(500);
  EXPECT_THROW(cache.Get(), BackboneError);
  f.tags.status->store(200);
  EXPECT_EQ(VersionOf(cache.Get()), 1);
  EXPECT_EQ(f.Fetches(), 2u);
}

TEST(TagCollectionCache, ConcurrentCallersShareOneFetch) {
  Fixture f;
  auto cache = f.Cache();
  std::vector<std::thread> threads;
  std::atomic<int> ones{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (VersionOf(cache.Get()) == 1) ++ones;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ones.load(), 8);
  EXPECT_EQ(f.Fetches(), 1u);
}

}  // namespace
}  // namespace nmshd::transport
