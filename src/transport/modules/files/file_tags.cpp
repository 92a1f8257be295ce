#include "transport/modules/files/file_tags.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "base/coded_error.h"

namespace nmshd::transport {
namespace {

// core-types LanguageISO639.
constexpr std::string_view kLanguages[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
    "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
    "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
    "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
    "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
    "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"};

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// /^[a-z-*]+$/
bool IsMimePart(std::string_view part) {
  return !part.empty() &&
         std::all_of(part.begin(), part.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '*'; });
}

bool IsMimetype(std::string_view text) {
  auto slash = text.find('/');
  return slash != std::string_view::npos && IsMimePart(text.substr(0, slash)) && IsMimePart(text.substr(slash + 1));
}

}  // namespace

bool NeedsTagCollection(const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(), [](const std::string& t) { return StartsWithNoCase(t, "bkb:"); });
}

bool IsValidFileTag(std::string_view tag, const boost::json::object* tags_for_type) {
  if (StartsWithNoCase(tag, "x:") || tag.starts_with("urn:")) return true;
  if (tag.starts_with("language:")) {
    auto code = tag.substr(9);
    return std::find(std::begin(kLanguages), std::end(kLanguages), code) != std::end(kLanguages);
  }
  if (tag.starts_with("mimetype:")) return IsMimetype(tag.substr(9));
  if (!StartsWithNoCase(tag, "bkb:")) return false;
  // tag.split(":").slice(1): every part must be a child of the previous one.
  const boost::json::object* level = tags_for_type;
  std::string_view rest = tag.substr(4);
  while (true) {
    auto colon = rest.find(':');
    auto part = rest.substr(0, colon);
    if (level == nullptr) return false;
    const auto* entry = level->if_contains(part);
    if (entry == nullptr || !entry->is_object()) return false;
    const auto* children = entry->as_object().if_contains("children");
    level = children != nullptr && children->is_object() ? &children->as_object() : nullptr;
    if (colon == std::string_view::npos) return true;
    rest = rest.substr(colon + 1);
  }
}

void CheckFileTags(const std::vector<std::string>& tags, const boost::json::object* tags_for_type) {
  std::vector<std::string> invalid;
  for (const auto& tag : tags) {
    if (!IsValidFileTag(tag, tags_for_type)) invalid.push_back(tag);
  }
  if (invalid.empty()) return;
  std::string joined;
  for (const auto& t : invalid) joined += (joined.empty() ? "" : "', '") + t;
  throw CodedError("error.consumption.attributes.invalidTags",
                   "Detected invalidity of the following tags: '" + joined + "'.");
}

}  // namespace nmshd::transport
