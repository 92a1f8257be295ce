#pragma once
// A gauge without labels whose value is read when /metrics is scraped (the database's size, the
// process's memory, the time of the last sync), for Registry::Add. No sample, and no family, while
// `read` answers nullopt; a `read` that throws leaves the family out of that scrape (registry.h).
//
//   registry.Add(std::make_shared<ScrapedGauge>("x_database_size_bytes", "Bytes the database occupies.",
//                                               [&db] { return std::optional<double>(db.SizeBytes()); }));
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace nmshd::metrics {

class ScrapedGauge final : public prometheus::Collectable {
 public:
  using Read = std::function<std::optional<double>()>;

  // Throws std::invalid_argument for a name that is not a valid metric name.
  ScrapedGauge(std::string name, std::string help, Read read);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::string name_;
  std::string help_;
  Read read_;
};

}  // namespace nmshd::metrics
