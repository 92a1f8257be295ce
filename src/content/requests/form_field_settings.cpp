// The settings of a FormFieldRequestItem (@nmshd/content 7.0.0 requests/items/formField/settings).
// Only what `from()` checks lives here; canCreate()/canAccept() are the request processors' rules.
#include <cmath>

#include "content/property_checks.h"
#include "content/js_string.h"
#include "content/requests/content_classes.h"

namespace nmshd::content::serval {
namespace {

std::optional<std::string> MustBeInteger(const js::value& v) {
  if (!checks::IsInteger(v)) return "This value must be an integer.";
  return std::nullopt;
}

// SelectionFormFieldSettings.options: each option 1..4096 characters.
std::optional<std::string> OptionLengths(const js::value& v) {
  if (!v.is_array()) return std::nullopt;
  for (const auto& option : v.get_array()) {
    if (!option.is_string()) continue;
    const auto length = Utf16Length(option.get_string());
    if (length < 1 || length > 4096) return "An option cannot be shorter than 1 character or longer than 4096 characters.";
  }
  return std::nullopt;
}

}  // namespace

js::value ReadBooleanFormFieldSettings(const js::value& v) { return Reader("BooleanFormFieldSettings", v).Finish(); }

js::value ReadDateFormFieldSettings(const js::value& v) { return Reader("DateFormFieldSettings", v).Finish(); }

js::value ReadDoubleFormFieldSettings(const js::value& v) {
  Reader r("DoubleFormFieldSettings", v);
  r.String("unit", StringRule().Optional());
  r.Number("min", NumberRule().Optional());
  r.Number("max", NumberRule().Optional());
  return r.Finish();
}

js::value ReadIntegerFormFieldSettings(const js::value& v) {
  Reader r("IntegerFormFieldSettings", v);
  r.String("unit", StringRule().Optional());
  r.Number("min", NumberRule().Optional().Custom(MustBeInteger));
  r.Number("max", NumberRule().Optional().Custom(MustBeInteger));
  return r.Finish();
}

js::value ReadRatingFormFieldSettings(const js::value& v) {
  Reader r("RatingFormFieldSettings", v);
  r.Number("maxRating", NumberRule().Min(5).Max(10).Custom(MustBeInteger));
  return r.Finish();
}

js::value ReadSelectionFormFieldSettings(const js::value& v) {
  Reader r("SelectionFormFieldSettings", v);
  r.StringArray("options", false, OptionLengths);
  r.Boolean("allowMultipleSelection", true);
  return r.Finish();
}

js::value ReadStringFormFieldSettings(const js::value& v) {
  Reader r("StringFormFieldSettings", v);
  r.Boolean("allowNewlines", true);
  r.Number("min", NumberRule().Optional().Min(0).Max(4096).Custom(MustBeInteger));
  r.Number("max", NumberRule().Optional().Min(0).Max(4096).Custom(MustBeInteger));
  return r.Finish();
}

}  // namespace nmshd::content::serval
