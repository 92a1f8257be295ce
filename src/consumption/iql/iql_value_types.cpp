#include "consumption/iql/iql_value_types.h"

#include <algorithm>
#include <iterator>

namespace nmshd::consumption::iql {

std::optional<std::set<std::string>> MatchableValueTypes(const IqlNode& query) {
  switch (query.kind) {
    case IqlNode::Kind::kPrimaryField: return std::set<std::string>{query.attribute_type};
    case IqlNode::Kind::kAnd: {
      std::optional<std::set<std::string>> acc;
      for (const auto& child : query.children) {
        auto types = MatchableValueTypes(*child);
        if (!types) continue;
        if (!acc) {
          acc = std::move(types);
          continue;
        }
        std::set<std::string> both;
        std::set_intersection(acc->begin(), acc->end(), types->begin(), types->end(),
                              std::inserter(both, both.begin()));
        acc = std::move(both);
      }
      return acc;
    }
    case IqlNode::Kind::kOr: {
      std::set<std::string> acc;
      for (const auto& child : query.children) {
        auto types = MatchableValueTypes(*child);
        if (!types) return std::nullopt;
        acc.insert(types->begin(), types->end());
      }
      return acc;
    }
    case IqlNode::Kind::kNot:
    case IqlNode::Kind::kMetadataField:
    case IqlNode::Kind::kTag: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace nmshd::consumption::iql
