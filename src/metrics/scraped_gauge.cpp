#include "metrics/scraped_gauge.h"

#include <stdexcept>
#include <utility>

#include <prometheus/check_names.h>
#include <prometheus/client_metric.h>
#include <prometheus/metric_type.h>

namespace nmshd::metrics {

ScrapedGauge::ScrapedGauge(std::string name, std::string help, Read read)
    : name_(std::move(name)), help_(std::move(help)), read_(std::move(read)) {
  if (!prometheus::CheckMetricName(name_)) throw std::invalid_argument("invalid metric name \"" + name_ + "\"");
}

std::vector<prometheus::MetricFamily> ScrapedGauge::Collect() const {
  const auto value = read_();
  if (!value) return {};
  prometheus::ClientMetric sample;
  sample.gauge.value = *value;
  return {prometheus::MetricFamily{name_, help_, prometheus::MetricType::Gauge, {std::move(sample)}}};
}

}  // namespace nmshd::metrics
