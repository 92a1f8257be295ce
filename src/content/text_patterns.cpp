#include "content/text_patterns.h"

#include <algorithm>
#include <boost/regex.hpp>
#include <string>
#include <vector>

#include "content/js_string.h"

namespace nmshd::content {
namespace {

using Text = std::u32string_view;

bool IsAsciiLetter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsUmlaut(char32_t c) {
  return c == U'Ä' || c == U'ä' || c == U'Ö' || c == U'ö' || c == U'Ü' || c == U'ü' || c == U'ß';
}
// [A-Za-z0-9ÄäÖöÜüß]
bool IsDomainChar(char32_t c) { return IsAsciiLetter(c) || IsAsciiDigit(c) || IsUmlaut(c); }

std::vector<Text> Split(Text text, char32_t separator) {
  std::vector<Text> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = text.find(separator, start);
    parts.push_back(text.substr(start, pos == Text::npos ? Text::npos : pos - start));
    if (pos == Text::npos) return parts;
    start = pos + 1;
  }
}

// [D]([D-]{0,61}[D])? with D = IsDomainChar; `min_length` 2 for the e-mail's last label, whose
// pattern has no optional part.
bool IsDomainLabel(Text label, std::size_t min_length = 1) {
  if (label.size() < min_length || label.size() > 63) return false;
  if (!IsDomainChar(label.front()) || !IsDomainChar(label.back())) return false;
  return std::all_of(label.begin(), label.end(), [](char32_t c) { return IsDomainChar(c) || c == U'-'; });
}

// ^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[…]+)*@([D]([D-]{0,61}[D])?\.)+[D][D-]{0,61}[D]$
bool MatchesEMail(std::string_view utf8) {
  const auto text = DecodeUtf8(utf8);
  const Text view(text);
  const auto at = view.find(U'@');
  if (at == Text::npos) return false;
  static constexpr std::u32string_view kLocalSpecials = U"!#$%&'*+/=?^_`{|}~-";
  for (auto atom : Split(view.substr(0, at), U'.')) {
    if (atom.empty()) return false;
    for (char32_t c : atom) {
      if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && kLocalSpecials.find(c) == Text::npos) return false;
    }
  }
  const auto labels = Split(view.substr(at + 1), U'.');
  if (labels.size() < 2) return false;
  for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
    if (!IsDomainLabel(labels[i])) return false;
  }
  return IsDomainLabel(labels.back(), 2);
}

// ^[\d+\-x#*()/[\] ]{3,100}$
bool MatchesPhoneNumber(std::string_view utf8) {
  static constexpr std::string_view kAllowed = "0123456789+-x#*()/[] ";
  const auto length = Utf16Length(utf8);
  return length >= 3 && length <= 100 &&
         std::all_of(utf8.begin(), utf8.end(), [](char c) { return kAllowed.find(c) != std::string_view::npos; });
}

// [A-Za-zÄäÖöÜüß0-9?#@!$&'()*+,;=%-]: the characters of one path segment.
bool IsUrlPathChar(char32_t c) {
  static constexpr std::u32string_view kSpecials = U"?#@!$&'()*+,;=%-";
  return IsDomainChar(c) || kSpecials.find(c) != Text::npos;
}

// ^([A-Za-z]+:\/\/)?((www\.)|(?!www\.))([D]([D-]{0,61}[D])?\.)+([D]([D-]{0,61}[D])?)(:[0-9]+)?(\/[P]*)*$
bool MatchesUrl(std::string_view utf8) {
  const auto text = DecodeUtf8(utf8);
  Text rest(text);
  // The scheme is taken whenever present: without it, the letters before ':' would have to be a
  // host label followed by '.', which they are not.
  std::size_t letters = 0;
  while (letters < rest.size() && IsAsciiLetter(rest[letters])) ++letters;
  if (letters > 0 && rest.substr(letters, 3) == U"://") rest.remove_prefix(letters + 3);
  // (www\.)|(?!www\.): a leading "www." is consumed and does not count as a label.
  if (rest.substr(0, 4) == U"www.") rest.remove_prefix(4);
  std::size_t host_end = 0;
  while (host_end < rest.size() && (IsDomainChar(rest[host_end]) || rest[host_end] == U'-' || rest[host_end] == U'.')) {
    ++host_end;
  }
  const auto labels = Split(rest.substr(0, host_end), U'.');
  if (labels.size() < 2) return false;
  for (auto label : labels) {
    if (!IsDomainLabel(label)) return false;
  }
  rest.remove_prefix(host_end);
  if (!rest.empty() && rest.front() == U':') {
    std::size_t digits = 1;
    while (digits < rest.size() && IsAsciiDigit(rest[digits])) ++digits;
    if (digits == 1) return false;
    rest.remove_prefix(digits);
  }
  if (!rest.empty() && rest.front() != U'/') return false;
  return std::all_of(rest.begin(), rest.end(), [](char32_t c) { return c == U'/' || IsUrlPathChar(c); });
}

// ^#([0-9A-F]{3}){1,2}$ with the i flag
bool MatchesHexColor(std::string_view utf8) {
  if ((utf8.size() != 4 && utf8.size() != 7) || utf8.front() != '#') return false;
  return std::all_of(utf8.begin() + 1, utf8.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

bool BoostFullMatch(const boost::regex& regex, std::string_view utf8) {
  try {
    return boost::regex_search(utf8.begin(), utf8.end(), regex);
  } catch (const std::runtime_error&) {
    return false;  // the engine gave up (pathological input): treat as not matching
  }
}

// The JavaScript source with ^/$ as \A/\z and \w spelled out as A-Za-z0-9_.
const boost::regex& SchemaUrlRegex() {
  static const boost::regex regex(
      R"(\A((([A-Za-z]{3,9}:(?:\/\/)?)(?:[-;:&=+$,A-Za-z0-9_]+@)?[A-Za-z0-9.-]+|(?:www\.|[-;:&=+$,A-Za-z0-9_]+@)[A-Za-z0-9.-]+)((?:\/[+~%/\\.A-Za-z0-9_\-_]*)?\??(?:[-+=&;%@.A-Za-z0-9__]*)#?(?:[.!/\\A-Za-z0-9_]*))?)\z)",
      boost::regex::perl);
  return regex;
}

const boost::regex& ConsentLinkRegex() {
  static const boost::regex regex(
      R"(\A((([A-Za-z]{3,9}:(?:\/\/)?)(?:[\-;:&=\+\$,A-Za-z0-9_]+@)?[A-Za-z0-9\.\-]+|(?:www\.|[\-;:&=\+\$,A-Za-z0-9_]+@)[A-Za-z0-9\.\-]+)((?:\/[\+~%\/\.A-Za-z0-9_\-_]*)?\??(?:[\-\+=&;%@\.A-Za-z0-9__]*)#?(?:[\.\!\/\\A-Za-z0-9_]*))?)\z)",
      boost::regex::perl | boost::regex::icase);
  return regex;
}

bool MatchesSchemaUrl(std::string_view utf8) { return BoostFullMatch(SchemaUrlRegex(), utf8); }
bool MatchesConsentLink(std::string_view utf8) { return BoostFullMatch(ConsentLinkRegex(), utf8); }

}  // namespace

const TextPattern kEMailAddressPattern{
    R"(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9ÄäÖöÜüß]([A-Za-z0-9ÄäÖöÜüß-]{0,61}[A-Za-z0-9ÄäÖöÜüß])?\.)+[A-Za-z0-9ÄäÖöÜüß][A-Za-z0-9ÄäÖöÜüß-]{0,61}[A-Za-z0-9ÄäÖöÜüß]$/)",
    MatchesEMail};
const TextPattern kPhoneNumberPattern{R"(/^[\d+\-x#*()/[\] ]{3,100}$/)", MatchesPhoneNumber};
const TextPattern kUrlPattern{
    R"(/^([A-Za-z]+:\/\/)?((www\.)|(?!www\.))([A-Za-z0-9ÄäÖöÜüß]([A-Za-zÄäÖöÜüß0-9-]{0,61}[A-Za-zÄäÖöÜüß0-9])?\.)+([A-Za-z0-9ÄäÖöÜüß]([A-Za-zÄäÖöÜüß0-9-]{0,61}[A-Za-zÄäÖöÜüß0-9])?)(:[0-9]+)?(\/[A-Za-zÄäÖöÜüß0-9?#@!$&'()*+,;=%-]*)*$/)",
    MatchesUrl};
const TextPattern kHexColorPattern{R"(/^#([0-9A-F]{3}){1,2}$/i)", MatchesHexColor};
const TextPattern kSchemaUrlPattern{
    R"(/^((([A-Za-z]{3,9}:(?:\/\/)?)(?:[-;:&=+$,\w]+@)?[A-Za-z0-9.-]+|(?:www\.|[-;:&=+$,\w]+@)[A-Za-z0-9.-]+)((?:\/[+~%/\\.\w\-_]*)?\??(?:[-+=&;%@.\w_]*)#?(?:[.!/\\\w]*))?)$/)",
    MatchesSchemaUrl};
const TextPattern kConsentLinkPattern{
    R"(/^((([A-Za-z]{3,9}:(?:\/\/)?)(?:[\-;:&=\+\$,\w]+@)?[A-Za-z0-9\.\-]+|(?:www\.|[\-;:&=\+\$,\w]+@)[A-Za-z0-9\.\-]+)((?:\/[\+~%\/\.\w\-_]*)?\??(?:[\-\+=&;%@\.\w_]*)#?(?:[\.\!\/\\\w]*))?)$/i)",
    MatchesConsentLink};

}  // namespace nmshd::content
