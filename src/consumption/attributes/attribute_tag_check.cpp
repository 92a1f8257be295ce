#include "consumption/attributes/attribute_tag_check.h"

#include "transport/modules/files/file_tags.h"

namespace nmshd::consumption {

void CheckAttributeTags(const ConsumptionContext& ctx, const std::vector<std::string>& tags,
                        std::string_view value_type) {
  if (tags.empty()) return;
  boost::json::value collection;
  const boost::json::object* tags_for_type = nullptr;
  if (transport::NeedsTagCollection(tags) && ctx.tags != nullptr) {
    collection = ctx.tags->Get();
    if (const auto* types = collection.is_object() ? collection.get_object().if_contains("tagsForAttributeValueTypes")
                                                   : nullptr;
        types != nullptr && types->is_object()) {
      const auto* for_type = types->get_object().if_contains(value_type);
      if (for_type != nullptr && for_type->is_object()) tags_for_type = &for_type->get_object();
    }
  }
  // The form rules are the same for every value type (transport's check for file tags).
  transport::CheckFileTags(tags, tags_for_type);
}

}  // namespace nmshd::consumption
