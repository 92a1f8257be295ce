#pragma once
// The tag check of identity attributes (consumption AttributesController.validateTagsForType /
// isValidTag): "x:" (any case) and "urn:" tags are free, "language:<ISO 639-1>" and
// "mimetype:<type>/<subtype>" are checked by form, "bkb:<a>:<b>…" must name a leaf of the
// Backbone's tag collection for the value type (GET /api/v2/Tags). Any other tag is invalid.
// Tags of RelationshipAttributes are not checked.
//
// Deliberate difference: the official runtime caches the tag collection (ETag, 5 minutes); here it
// is fetched when a "bkb:" tag has to be checked, as for file uploads.
#include <string>
#include <string_view>
#include <vector>

#include "consumption/consumption_context.h"

namespace nmshd::consumption {

// Throws CodedError error.consumption.attributes.invalidTags ("Detected invalidity of the following
// tags: 'a', 'b'.") naming every invalid tag; Backbone errors pass through.
void CheckAttributeTags(const ConsumptionContext& ctx, const std::vector<std::string>& tags,
                        std::string_view value_type);

}  // namespace nmshd::consumption
