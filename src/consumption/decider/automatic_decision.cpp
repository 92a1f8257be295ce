#include "consumption/decider/automatic_decision.h"

#include "base/coded_error.h"
#include "consumption/decider/request_config_matcher.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

bool IsGroup(const js::value& item) {
  return item.is_object() && item.get_object().contains("@type") && item.at("@type") == "RequestItemGroup";
}

const js::array& ItemsOf(const js::value& holder) {
  static const js::array kNone;
  if (!holder.is_object()) return kNone;
  const auto* items = holder.get_object().if_contains("items");
  return items != nullptr && items->is_array() ? items->get_array() : kNone;
}

// The result skeleton: null for every undecided item, {items:[…]} for groups.
js::array Undecided(const js::array& items) {
  js::array out;
  for (const auto& item : items) {
    if (IsGroup(item)) {
      out.push_back(js::object{{"items", Undecided(ItemsOf(item))}});
    } else {
      out.push_back(nullptr);
    }
  }
  return out;
}

// containsItem over the result: any leaf for which `predicate` holds (groups are recursed into).
template <class Predicate>
bool AnyLeaf(const js::array& decided, const Predicate& predicate) {
  for (const auto& entry : decided) {
    if (entry.is_object() && entry.get_object().contains("items") && entry.get_object().size() == 1) {
      if (AnyLeaf(entry.at("items").get_array(), predicate)) return true;
    } else if (predicate(entry)) {
      return true;
    }
  }
  return false;
}

template <class Predicate>
bool AnyRequestItem(const js::array& items, const Predicate& predicate) {
  for (const auto& item : items) {
    if (IsGroup(item)) {
      if (AnyRequestItem(ItemsOf(item), predicate)) return true;
    } else if (predicate(item)) {
      return true;
    }
  }
  return false;
}

// checkRequestItemCompatibilityAndApplyResponseConfig.
void ApplyToItems(const js::array& items, js::array& decided, const AutomationConfigElement& rule, bool general,
                  const js::object& item_part) {
  for (std::size_t i = 0; i < items.size() && i < decided.size(); ++i) {
    const auto& item = items[i];
    if (IsGroup(item)) {
      ApplyToItems(ItemsOf(item), decided[i].as_object()["items"].as_array(), rule, general, item_part);
      continue;
    }
    if (!decided[i].is_null()) continue;  // an earlier element decided it
    if (!general && !MatchesRequestConfig(item_part, item, true, [] { return false; })) continue;
    if (general && IsAcceptResponseConfig(rule.response_config)) {
      const auto* type = item.is_object() ? item.get_object().if_contains("@type") : nullptr;
      if (type == nullptr || !type->is_string() ||
          (type->get_string() != "CreateAttributeRequestItem" && type->get_string() != "ShareAttributeRequestItem")) {
        continue;
      }
    }
    decided[i] = rule.response_config;
  }
}

}  // namespace

bool NeedsManualDecision(const js::object& request_content) {
  const auto* items = request_content.if_contains("items");
  if (items == nullptr || !items->is_array()) return false;
  return AnyRequestItem(items->get_array(), [](const js::value& item) {
    const auto* type = item.is_object() ? item.get_object().if_contains("@type") : nullptr;
    return type != nullptr && (*type == "AuthenticationRequestItem" || *type == "ConsentRequestItem");
  });
}

std::optional<AutomaticDecision> DecideAutomatically(const std::vector<AutomationConfigElement>& rules,
                                                     const js::object& request_dto,
                                                     const std::function<bool()>& relationship_exists,
                                                     const std::function<void(const std::string&)>& on_config_error) {
  if (rules.empty()) return std::nullopt;
  const auto* content = request_dto.if_contains("content");
  if (content == nullptr) return std::nullopt;
  const js::array& items = ItemsOf(*content);
  js::array decided = Undecided(items);
  try {
    for (const auto& rule : rules) {
      const bool general = IsGeneralRequestConfig(rule.request_config);
      if (!MatchesRequestConfig(GeneralPartOf(rule.request_config), request_dto, false, relationship_exists)) continue;
      ApplyToItems(items, decided, rule, general, ItemPartOf(rule.request_config));
      if (!AnyLeaf(decided, [](const js::value& entry) { return entry.is_null(); })) {
        const bool accept = AnyLeaf(decided, [](const js::value& entry) {
          return entry.is_object() && IsAcceptResponseConfig(entry.get_object());
        });
        return AutomaticDecision{accept, std::move(decided)};
      }
    }
  } catch (const CodedError& e) {
    if (on_config_error) on_config_error(e.what());
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace nmshd::consumption
