#pragma once
// The regular expressions of the attribute value types (ts-serval `regExp` rules), each as a
// matcher with the official JavaScript semantics and the text JavaScript prints for it in
// "Value does not match regular expression <js>" (RegExp.prototype.toString()).
//
// The e-mail, URL, phone and colour patterns are matched by hand on code points: they contain
// non-ASCII letters (ÄäÖöÜüß) that a byte-oriented engine would misread. The two URL-reference
// patterns of schemaURL and Consent.link are ASCII-only and run on Boost.Regex with `\A`/`\z`
// anchors and explicit classes for `\w` (JavaScript's `$` and `\w` differ from Perl's).
#include <string_view>

namespace nmshd::content {

struct TextPattern {
  std::string_view js;
  bool (*matches)(std::string_view utf8);
};

// AbstractEMailAddress: WHATWG "valid e-mail address" with umlauts allowed in the domain.
extern const TextPattern kEMailAddressPattern;
// AbstractPhoneNumber: /^[\d+\-x#*()/[\] ]{3,100}$/.
extern const TextPattern kPhoneNumberPattern;
// AbstractURL: optional scheme, host of at least two labels (a leading "www." does not count),
// optional port, path segments without dots.
extern const TextPattern kUrlPattern;
// AbstractHEXColor: #RGB or #RRGGBB, any case.
extern const TextPattern kHexColorPattern;
// schemaURL of SchematizedXML, SchematizedJSON and ProprietaryXML.
extern const TextPattern kSchemaUrlPattern;
// Consent.link (the same shape, case-insensitive, written with more escapes).
extern const TextPattern kConsentLinkPattern;

}  // namespace nmshd::content
