// ScrapedGauge and ScrapedCounters: families built from their owners' state at every scrape.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>

#include "metrics/registry.h"
#include "metrics/scraped_counters.h"
#include "metrics/scraped_gauge.h"

namespace nmshd::metrics {
namespace {

TEST(ScrapedGauge, ReadsTheValueAtEveryScrapeAndIsAbsentWithoutOne) {
  std::optional<double> size;
  Registry r;
  r.Add(std::make_shared<ScrapedGauge>("t_database_size_bytes", "Bytes.", [&size] { return size; }));
  EXPECT_EQ(r.Render(), "");
  size = 8192;
  EXPECT_EQ(r.Render(), "# HELP t_database_size_bytes Bytes.\n# TYPE t_database_size_bytes gauge\nt_database_size_bytes 8192\n");
  size = 1.5e10;
  EXPECT_NE(r.Render().find("\nt_database_size_bytes 15000000000\n"), std::string::npos) << r.Render();
}

TEST(ScrapedCounters, WriteOneSamplePerLabelValueInTheOrderRead) {
  std::atomic<int> runs{0};
  Registry r;
  r.Add(std::make_shared<ScrapedCounters>("t_runs_total", "Runs, by result.", "result", [&runs] {
    return ScrapedCounters::Values{{"success", static_cast<double>(runs.load())}, {"failure", 1.0}};
  }));
  runs = 41;
  ++runs;
  EXPECT_EQ(r.Render(),
            "# HELP t_runs_total Runs, by result.\n"
            "# TYPE t_runs_total counter\n"
            "t_runs_total{result=\"success\"} 42\n"
            "t_runs_total{result=\"failure\"} 1\n");
}

TEST(ScrapedMetrics, RefuseInvalidNames) {
  const auto none = [] { return std::optional<double>(); };
  EXPECT_THROW(ScrapedGauge("1bad", "", none), std::invalid_argument);
  EXPECT_THROW(ScrapedGauge("a-b", "", none), std::invalid_argument);
  const auto values = [] { return ScrapedCounters::Values{}; };
  EXPECT_THROW(ScrapedCounters("t_total", "", "bad-label", values), std::invalid_argument);
  EXPECT_THROW(ScrapedCounters("t_total", "", "__reserved", values), std::invalid_argument);
  EXPECT_THROW(ScrapedCounters("t total", "", "result", values), std::invalid_argument);
  EXPECT_NO_THROW(ScrapedCounters("job:t_total", "", "result", values));
}

}  // namespace
}  // namespace nmshd::metrics
