#include "metrics/registry.h"

#include <iterator>
#include <stdexcept>
#include <utility>

#include <prometheus/text_serializer.h>

namespace nmshd::metrics {

void Registry::Add(std::shared_ptr<const prometheus::Collectable> collectable) {
  if (!collectable) throw std::invalid_argument("metrics: null collectable");
  collectables_.push_back(std::move(collectable));
}

std::string Registry::Render() const {
  auto families = families_.Collect();
  for (const auto& collectable : collectables_) {
    std::vector<prometheus::MetricFamily> collected;
    try {
      collected = collectable->Collect();
    } catch (...) {
      continue;  // e.g. the database is unreachable: that family is absent from this scrape
    }
    families.insert(families.end(), std::make_move_iterator(collected.begin()),
                    std::make_move_iterator(collected.end()));
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace nmshd::metrics
