#include "consumption/attributes/attribute_list_filter.h"

#include "storage/filter_syntax.h"

namespace nmshd::consumption {

storage::Filter AttributeListFilter(const QueryParameters& query) {
  storage::FilterSyntaxOptions options;
  options.allowed_keys = {"@type",
                          "createdAt",
                          "succeeds",
                          "succeededBy",
                          "wasViewedAt",
                          "isDefault",
                          "content.owner",
                          "content.@type",
                          "content.value.@type",
                          "content.key",
                          "content.isTechnical",
                          "content.confidentiality",
                          "peer",
                          "sourceReference",
                          "initialAttributePeer",
                          "deletionInfo",
                          "deletionInfo.deletionStatus",
                          "deletionInfo.deletionDate"};
  storage::QueryParameters plain;
  std::vector<boost::json::value> tags;
  for (const auto& entry : query) {
    if (entry.first == "content.tags") {
      tags.emplace_back(boost::json::string(entry.second));
    } else if (options.allowed_keys.contains(entry.first)) {
      plain.push_back(entry);
    }
  }
  storage::Filter filter = storage::ParseRestFilter(plain, options);
  // Every allowed key but "deletionInfo" holds a string or a boolean in every stored record
  // (LocalAttribute::ToDocument), never an array: comparing the field's own value gives the same
  // matches as MongoDB's array rule and lets the indexes answer (e.g. "valueTypeOwner").
  for (auto& condition : filter.conditions) {
    if (condition.field().dotted() != "deletionInfo") condition = condition.ScalarOnly();
  }
  if (tags.size() == 1) {
    filter.Where(storage::Condition::Equals("content.tags", tags.front()));
  } else if (!tags.empty()) {
    filter.Where(storage::Condition::In("content.tags", std::move(tags)));
  }
  return filter;
}

}  // namespace nmshd::consumption
