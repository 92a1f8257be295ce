// Registry: prometheus-cpp's families and our scrape-time collectables rendered into one exposition,
// and what happens when a collectable fails.
#include "metrics/registry.h"

#include <gtest/gtest.h>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "metrics/scraped_gauge.h"

namespace nmshd::metrics {
namespace {

// A collectable whose Collect() fails, e.g. a database that went away.
class ThrowingCollectable final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override { throw std::runtime_error("database gone"); }
};

std::shared_ptr<ScrapedGauge> Gauge(const std::string& name, std::optional<double> value) {
  return std::make_shared<ScrapedGauge>(name, "Help of " + name + ".", [value] { return value; });
}

TEST(Registry, RendersCountersWithOneSamplePerLabelSet) {
  Registry r;
  auto& c = prometheus::BuildCounter().Name("t_requests_total").Help("Requests.").Register(r.families());
  c.Add({{"route", "/b"}, {"status", "200"}}).Increment();
  c.Add({{"status", "404"}, {"route", "/a/{id}"}}).Increment(2);
  c.Add({{"route", "/b"}, {"status", "200"}}).Increment();
  const auto text = r.Render();
  EXPECT_EQ(text.rfind("# HELP t_requests_total Requests.\n# TYPE t_requests_total counter\n", 0), 0u) << text;
  // Labels come out sorted by name whatever order they were given in; the children's order is the
  // library's (a hash map), so each line is looked up on its own.
  EXPECT_NE(text.find("\nt_requests_total{route=\"/a/{id}\",status=\"404\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nt_requests_total{route=\"/b\",status=\"200\"} 2\n"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4) << text;
}

TEST(Registry, RendersHistogramsWithCumulativeBucketsSumAndCount) {
  Registry r;
  auto& h = prometheus::BuildHistogram().Name("t_duration_seconds").Help("Durations.").Register(r.families());
  auto& child = h.Add({{"route", "/x"}}, prometheus::Histogram::BucketBoundaries{0.1, 1, 10});
  for (double v : {0.05, 0.1, 0.5, 2.0, 20.0}) child.Observe(v);
  EXPECT_EQ(r.Render(),
            "# HELP t_duration_seconds Durations.\n"
            "# TYPE t_duration_seconds histogram\n"
            "t_duration_seconds_count{route=\"/x\"} 5\n"
            "t_duration_seconds_sum{route=\"/x\"} 22.65\n"
            "t_duration_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"  // 0.05 and 0.1 (le is inclusive)
            "t_duration_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
            "t_duration_seconds_bucket{route=\"/x\",le=\"10\"} 4\n"
            "t_duration_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n");
}

TEST(Registry, ConcurrentUpdatesAreAllCounted) {
  Registry r;
  auto& c = prometheus::BuildCounter().Name("t_total").Help("").Register(r.families());
  auto& h = prometheus::BuildHistogram().Name("t_seconds").Help("").Register(r.families());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        c.Add({{"k", i % 2 == 0 ? "even" : "odd"}}).Increment();
        h.Add({}, prometheus::Histogram::BucketBoundaries{1, 2}).Observe(t);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.Add({{"k", "even"}}).Value(), 2000.0);
  EXPECT_EQ(c.Add({{"k", "odd"}}).Value(), 2000.0);
  const auto text = r.Render();
  EXPECT_NE(text.find("\nt_seconds_count 4000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nt_seconds_sum 6000\n"), std::string::npos) << text;  // 1000 * (0 + 1 + 2 + 3)
  EXPECT_NE(text.find("\nt_seconds_bucket{le=\"1\"} 2000\n"), std::string::npos) << text;
}

TEST(Registry, CollectablesComeAfterTheFamiliesInTheOrderAdded) {
  Registry r;
  r.Add(Gauge("t_size_bytes", 4096));
  r.Add(Gauge("t_absent", std::nullopt));  // no value, no family
  r.Add(Gauge("t_ratio", 0.25));
  prometheus::BuildGauge().Name("t_first").Help("First.").Register(r.families()).Add({}).Set(3);
  EXPECT_EQ(r.Render(),
            "# HELP t_first First.\n# TYPE t_first gauge\nt_first 3\n"
            "# HELP t_size_bytes Help of t_size_bytes.\n# TYPE t_size_bytes gauge\nt_size_bytes 4096\n"
            "# HELP t_ratio Help of t_ratio.\n# TYPE t_ratio gauge\nt_ratio 0.25\n");
}

TEST(Registry, AThrowingCollectableContributesNothingAndTheScrapeStillAnswers) {
  Registry r;
  r.Add(std::make_shared<ThrowingCollectable>());
  r.Add(Gauge("t_fine", 1));
  r.Add(std::make_shared<ScrapedGauge>("t_throws", "Throws.", []() -> std::optional<double> {
    throw std::runtime_error("x");
  }));
  prometheus::BuildCounter().Name("t_total").Help("Total.").Register(r.families()).Add({}).Increment();
  EXPECT_EQ(r.Render(),
            "# HELP t_total Total.\n# TYPE t_total counter\nt_total 1\n"
            "# HELP t_fine Help of t_fine.\n# TYPE t_fine gauge\nt_fine 1\n");
}

TEST(Registry, RefusesASecondFamilyOfTheSameNameAndNullCollectables) {
  Registry r;
  prometheus::BuildCounter().Name("t_total").Help("").Register(r.families());
  EXPECT_THROW(prometheus::BuildCounter().Name("t_total").Help("").Register(r.families()), std::invalid_argument);
  EXPECT_THROW(prometheus::BuildGauge().Name("t_total").Help("").Register(r.families()), std::invalid_argument);
  EXPECT_THROW(r.Add(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace nmshd::metrics
