#pragma once
// A counter family with one label whose values are read when /metrics is scraped, from counters
// another component keeps anyway (the sync engine's runs, the webhooks module's deliveries), for
// Registry::Add. `read` answers one value per label value, always the same label values in the
// same order; a `read` that throws leaves the family out of that scrape (registry.h).
//
//   registry.Add(std::make_shared<ScrapedCounters>("x_runs_total", "Runs, by result.", "result", [&engine] {
//     const auto c = engine.Counters();
//     return ScrapedCounters::Values{{"success", c.succeeded}, {"failure", c.failed}};
//   }));
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace nmshd::metrics {

class ScrapedCounters final : public prometheus::Collectable {
 public:
  // (label value, counter value)
  using Values = std::vector<std::pair<std::string, double>>;
  using Read = std::function<Values()>;

  // Throws std::invalid_argument for an invalid metric or label name.
  ScrapedCounters(std::string name, std::string help, std::string label_name, Read read);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::string name_;
  std::string help_;
  std::string label_name_;
  Read read_;
};

}  // namespace nmshd::metrics
