// AttributesController: the local execution of RelationshipAttributeQuery and
// ThirdPartyRelationshipAttributeQuery (executeRelationshipAttributeQuery /
// executeThirdPartyRelationshipAttributeQuery). Key and owner go through the Connector's filter
// syntax as the official QueryTranslator passes them (so "true" is a boolean, "!x" a negation,
// "" means "present"); owner "" (and the third-party owner kinds) are then replaced by addresses.
#include "consumption/attributes/attributes_controller.h"
#include "storage/document_store.h"
#include "storage/filter_syntax.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

storage::Filter TranslatedKey(const js::object& query) {
  storage::FilterSyntaxOptions options;
  options.aliases = {{"key", "content.key"}};
  storage::Filter filter = storage::ParseRestFilter({{"key", StringAt(query, "key")}}, options);
  filter.Where(Condition::Equals("content.@type", js::string("RelationshipAttribute")));
  filter.Where(Condition::NotEquals("content.confidentiality", js::string("private")));
  return filter;
}

}  // namespace

std::optional<LocalAttribute> AttributesController::ExecuteRelationshipAttributeQuery(
    storage::Transaction& tx, const js::object& query) const {
  auto filter = TranslatedKey(query);
  const auto owner = StringAt(query, "owner");
  if (owner.empty()) {
    filter.Where(Condition::Equals("content.owner", js::string(ctx_.self_address)));
  } else {
    storage::FilterSyntaxOptions options;
    options.aliases = {{"owner", "content.owner"}};
    for (auto& c : storage::ParseRestFilter({{"owner", owner}}, options).conditions) filter.Where(std::move(c));
  }
  auto found = Find(tx, filter);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<LocalAttribute> AttributesController::ExecuteThirdPartyRelationshipAttributeQuery(
    storage::Transaction& tx, const js::object& query) const {
  auto filter = TranslatedKey(query);
  std::vector<js::value> third_parties;
  if (const auto* list = query.if_contains("thirdParty"); list != nullptr && list->is_array()) {
    for (const auto& address : list->get_array()) third_parties.push_back(address);
  }
  filter.Where(Condition::In("peer", third_parties));
  const auto owner = StringAt(query, "owner");
  if (owner == "recipient") {
    filter.Where(Condition::Equals("content.owner", js::string(ctx_.self_address)));
  } else if (owner == "thirdParty") {
    filter.Where(Condition::In("content.owner", third_parties));
  } else {
    auto owners = third_parties;
    owners.emplace_back(js::string(ctx_.self_address));
    filter.Where(Condition::In("content.owner", std::move(owners)));
  }
  return Find(tx, filter);
}

}  // namespace nmshd::consumption
