// relationship/: Consent {consent (at most 10000 characters), link? (a URL, 3-1024),
// linkDisplayText? (3-30, only together with a link)}.
#include "content/serval_error.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

namespace {

void CheckConsentLink(const boost::json::object& normalized) {
  if (normalized.contains("linkDisplayText") && normalized.at("linkDisplayText").is_string() &&
      !normalized.contains("link")) {
    throw ValidationError("Consent", "linkDisplayText",
                          "A linkDisplayText can only be defined if a link is defined too.");
  }
}

}  // namespace

std::vector<ValueType> RelationshipValueTypes() {
  ValueType consent;
  consent.name = "Consent";
  consent.kind = AttributeKind::kRelationship;
  consent.properties = {
      ValueProperty{.name = "consent", .max_length = 10000},
      ValueProperty{.name = "link", .optional = true, .min_length = 3, .max_length = 1024, .pattern = &kConsentLinkPattern},
      ValueProperty{.name = "linkDisplayText", .optional = true, .min_length = 3, .max_length = 30}};
  consent.post_check = CheckConsentLink;
  return {std::move(consent)};
}

}  // namespace nmshd::content::groups
