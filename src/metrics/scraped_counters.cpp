#include "metrics/scraped_counters.h"

#include <stdexcept>

#include <prometheus/check_names.h>
#include <prometheus/client_metric.h>
#include <prometheus/metric_type.h>

namespace nmshd::metrics {

ScrapedCounters::ScrapedCounters(std::string name, std::string help, std::string label_name, Read read)
    : name_(std::move(name)), help_(std::move(help)), label_name_(std::move(label_name)), read_(std::move(read)) {
  if (!prometheus::CheckMetricName(name_)) throw std::invalid_argument("invalid metric name \"" + name_ + "\"");
  if (!prometheus::CheckLabelName(label_name_)) {
    throw std::invalid_argument("invalid label name \"" + label_name_ + "\" of " + name_);
  }
}

std::vector<prometheus::MetricFamily> ScrapedCounters::Collect() const {
  prometheus::MetricFamily family{name_, help_, prometheus::MetricType::Counter, {}};
  for (auto& [label_value, value] : read_()) {
    prometheus::ClientMetric sample;
    sample.label.push_back({label_name_, std::move(label_value)});
    sample.counter.value = value;
    family.metric.push_back(std::move(sample));
  }
  return {std::move(family)};
}

}  // namespace nmshd::metrics
