#pragma once
// The tag check the runtime runs before an upload (consumption AttributesController
// .validateTagsForType(tags, "IdentityFileReference") / isValidTag): "x:" (any case) and "urn:"
// tags are free, "language:<ISO 639-1>" and "mimetype:<type>/<subtype>" are checked by form, and
// "bkb:<a>:<b>…" must name a path in the Backbone's tag collection for IdentityFileReference.
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::transport {

// Whether any tag needs the Backbone's tag collection (starts with "bkb:", any case).
bool NeedsTagCollection(const std::vector<std::string>& tags);
// `tags_for_type`: tagsForAttributeValueTypes["IdentityFileReference"] of GET /api/v2/Tags, or
// nullptr when there is none.
bool IsValidFileTag(std::string_view tag, const boost::json::object* tags_for_type);
// error.consumption.attributes.invalidTags naming every invalid tag (no-op when all are valid).
void CheckFileTags(const std::vector<std::string>& tags, const boost::json::object* tags_for_type);

}  // namespace nmshd::transport
