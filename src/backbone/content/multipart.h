#pragma once
// A strict, bounded multipart/form-data parser (RFC 7578 on RFC 2046) for POST /api/v2/Files.
//
// Why our own: Debian bookworm has no parser that fits. Boost.Beast has none; cpp-httplib keeps
// its form parser in a `detail` namespace of a second HTTP stack; GMime and mimetic are e-mail MIME
// libraries (GLib / unmaintained) that treat bodies as text lines. What the official clients send
// (npm form-data via axios) is simple: CRLF line ends, one Content-Disposition per part, binary
// bodies, a closing delimiter.
//
// Accepted: a preamble before the first delimiter and an epilogue after the closing one (both
// ignored, RFC 2046), transport padding (spaces/tabs) after a delimiter, header names in any case,
// quoted or token parameter values with backslash escapes. Rejected with
// error.platform.inputCannotBeParsed: a Content-Type that is not multipart/form-data or has no or
// an invalid boundary (1..70 characters), a missing first or closing delimiter, a part without
// Content-Disposition "form-data" and a name, folded or malformed header lines, more than
// `max_parts` parts, a header section larger than `max_header_bytes`, the same name twice.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::backbone::content {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // present for file parts
  std::string content_type;             // empty when the part has none
  std::string data;                     // the bytes, unchanged
};

struct MultipartLimits {
  std::size_t max_parts = 32;
  std::size_t max_header_bytes = 8 * 1024;
};

// `content_type` is the request's Content-Type header value.
std::vector<FormPart> ParseMultipartFormData(std::string_view content_type, std::string_view body,
                                             const MultipartLimits& limits = {});

// The part named `name` (case-insensitive, as ASP.NET binds form fields), or nullptr.
const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace nmshd::backbone::content
