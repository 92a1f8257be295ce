#pragma once
// multipart/form-data request bodies (RFC 7578), what multer/busboy hand the Connector's upload
// route. Strict: a body that does not follow the grammar is refused as a whole, never half-read.
//
// As busboy reads parts: a part with a filename is a file, any other part a field; a file's
// filename is the last path segment of the given name (preservePath false) taken byte for byte
// (busboy decodes it as latin1 and the Connector re-decodes that as UTF-8, which gives the bytes
// back), or the UTF-8 of an RFC 5987 `filename*`; a part's media type is `type/subtype` of its
// Content-Type in lower case, "text/plain" without one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::connector {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // set for file parts
  std::string content_type;             // "type/subtype"
  std::string data;
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type; nullopt for any other type.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// The parts in body order. Throws ApiError 400 error.connector.http.badRequest naming the fault
// (no boundary, missing delimiter, bad part header, no Content-Disposition form-data name, …).
std::vector<FormPart> ParseMultipartForm(std::string_view content_type, std::string_view body);

}  // namespace nmshd::connector
