#pragma once
// The metrics of one process, rendered for GET /metrics in the Prometheus text format 0.0.4 by
// prometheus-cpp's TextSerializer. Two kinds of sources:
//   * families(): a prometheus::Registry for counters, gauges and histograms updated as things
//     happen (prometheus::BuildCounter().Name(…).Help(…).Register(registry.families())). A second
//     family of the same name is refused (std::invalid_argument).
//   * collectables: prometheus::Collectable objects whose Collect() builds their families at every
//     scrape from state their owners keep (database size, process memory, the sync engine's and the
//     webhooks module's counters; scraped_gauge.h, scraped_counters.h). One that throws contributes
//     nothing to that scrape; the rest of the answer stays valid.
//
// Label values must come from a bounded set (route patterns, status codes, results), never from
// request data: each distinct combination is a time series kept for the life of the process.
// HELP texts must not contain a backslash or a line feed: prometheus-cpp 1.0.1 writes them as they
// are (label values it escapes).
//
//   Registry registry;
//   auto& requests = prometheus::BuildCounter().Name("x_requests_total").Help("Requests.").Register(registry.families());
//   requests.Add({{"route", "/health"}}).Increment();
//   registry.Add(std::make_shared<ScrapedGauge>("x_database_size_bytes", "Database size.", read_size));
//   std::string body = registry.Render();
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/registry.h>

namespace nmshd::metrics {

// What Prometheus' own Go client answers for this format (prometheus-cpp's civetweb Exposer, which
// we do not use, leaves the version out).
inline constexpr std::string_view kTextFormatContentType = "text/plain; version=0.0.4; charset=utf-8";

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  prometheus::Registry& families() { return families_; }

  // Register everything before concurrent use begins: the metrics' updates and Render() are
  // thread-safe, adding collectables is not.
  void Add(std::shared_ptr<const prometheus::Collectable> collectable);

  // The whole exposition: the families' (by type: counters, gauges, histograms), then the
  // collectables' in the order they were added.
  std::string Render() const;

 private:
  prometheus::Registry families_{prometheus::Registry::InsertBehavior::Throw};
  std::vector<std::shared_ptr<const prometheus::Collectable>> collectables_;
};

}  // namespace nmshd::metrics
