#include "consumption/attributes/peer_attribute_requests.h"

#include <algorithm>
#include <vector>

#include "transport/modules/tokens/request_checks.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
namespace checks = transport::request_checks;

bool IsStringOrStringArray(const js::value& v) {
  if (v.is_string()) return true;
  if (!v.is_array()) return false;
  return std::all_of(v.get_array().begin(), v.get_array().end(), [](const js::value& i) { return i.is_string(); });
}

void CheckQueryKeys(const js::object& query, const std::vector<std::string_view>& allowed,
                    const std::vector<std::string_view>& single_only) {
  for (const auto& [key, value] : query) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      throw InvalidPropertyValue("query must NOT have additional properties");
    }
  }
  for (auto key : allowed) {
    const auto* v = query.if_contains(key);
    if (v == nullptr) continue;
    const bool single = std::find(single_only.begin(), single_only.end(), key) != single_only.end();
    if (single ? !v->is_string() : !IsStringOrStringArray(*v)) {
      throw InvalidPropertyValue("query/" + std::string(key) + " must be string");
    }
  }
}

}  // namespace

void CheckAddressRequest(std::string_view property, const std::string& address) {
  const checks::Schema schema{{{std::string(property), checks::Kind::kAddress}}, {}};
  if (auto failure = checks::FirstFailure(js::object{{property, address}}, schema)) throw InvalidPropertyValue(*failure);
}

void CheckRelationshipIdRequest(std::string_view property, const std::string& id) {
  const checks::Schema schema{{{std::string(property), checks::Kind::kId, nullptr, "REL"}}, {}};
  if (auto failure = checks::FirstFailure(js::object{{property, id}}, schema)) throw InvalidPropertyValue(*failure);
}

void CheckSharedWithPeerQuery(const js::object& query, bool own) {
  // The schema's property order; own: isDefault, peer: initialAttributePeer.
  std::vector<std::string_view> allowed{"@type", "createdAt", "wasViewedAt"};
  if (own) allowed.emplace_back("isDefault");
  for (auto key : {"content.@type", "content.tags", "content.key", "content.isTechnical", "content.confidentiality",
                   "content.value.@type", "sourceReference"}) {
    allowed.emplace_back(key);
  }
  if (!own) allowed.emplace_back("initialAttributePeer");
  for (auto key : {"deletionInfo", "deletionInfo.deletionStatus", "deletionInfo.deletionDate"}) allowed.emplace_back(key);
  CheckQueryKeys(query, allowed, {"createdAt", "isDefault", "content.isTechnical"});
}

void CheckForwardingDetailsQuery(const js::object& query) {
  CheckQueryKeys(query,
                 {"peer", "sourceReference", "sharedAt", "deletionInfo", "deletionInfo.deletionStatus",
                  "deletionInfo.deletionDate"},
                 {});
}

}  // namespace nmshd::consumption
