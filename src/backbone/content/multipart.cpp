#include "content/multipart.h"

#include <cctype>

#include "api/api_errors.h"
#include "base/ascii_case.h"

namespace nmshd::backbone::content {

namespace {

[[noreturn]] void Fail(const std::string& reason) {
  throw InputCannotBeParsed("The multipart/form-data body cannot be parsed: " + reason);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 32 || u >= 127) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

bool IsBoundaryChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// "type/subtype; a=b; c=\"d\"" → lower-cased type and parameters (names lower-cased).
struct HeaderValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;

  const std::string* Param(std::string_view name) const {
    for (const auto& [k, v] : params) {
      if (k == name) return &v;
    }
    return nullptr;
  }
};

HeaderValue ParseHeaderValue(std::string_view text, std::string_view what) {
  HeaderValue out;
  auto semi = text.find(';');
  out.value = std::string(Trim(text.substr(0, semi)));
  for (auto& c : out.value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t pos = semi;
  while (pos != std::string_view::npos && pos < text.size()) {
    ++pos;  // past ';'
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos == text.size()) break;
    auto eq = text.find('=', pos);
    if (eq == std::string_view::npos) Fail("a " + std::string(what) + " parameter has no value");
    std::string name(Trim(text.substr(pos, eq - pos)));
    if (name.empty()) Fail("a " + std::string(what) + " parameter has no name");
    for (char c : name) {
      if (!IsTokenChar(c)) Fail("a " + std::string(what) + " parameter name is invalid");
    }
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    pos = eq + 1;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        char c = text[pos++];
        if (c == '\\' && pos < text.size()) {
          value.push_back(text[pos++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.push_back(c);
        }
      }
      if (!closed) Fail("an unterminated quoted string in " + std::string(what));
      while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
      if (pos < text.size() && text[pos] != ';')
        Fail("garbage after a quoted string in " + std::string(what));
    } else {
      auto end = text.find(';', pos);
      value = std::string(Trim(text.substr(pos, end == std::string_view::npos ? end : end - pos)));
      for (char c : value) {
        if (!IsTokenChar(c)) Fail("an invalid parameter value in " + std::string(what));
      }
      pos = end == std::string_view::npos ? text.size() : end;
    }
    out.params.emplace_back(std::move(name), std::move(value));
    if (pos < text.size() && text[pos] != ';') Fail("a malformed " + std::string(what));
  }
  return out;
}

std::string BoundaryOf(std::string_view content_type) {
  auto header = ParseHeaderValue(content_type, "Content-Type");
  if (header.value != "multipart/form-data") {
    throw InputCannotBeParsed("The request must be multipart/form-data, not '" +
                              std::string(content_type) + "'.");
  }
  const auto* boundary = header.Param("boundary");
  if (boundary == nullptr) Fail("the Content-Type has no boundary");
  if (boundary->empty() || boundary->size() > 70 || boundary->back() == ' ') {
    Fail("the boundary must have 1 to 70 characters");
  }
  for (char c : *boundary) {
    if (!IsBoundaryChar(c)) Fail("the boundary contains an invalid character");
  }
  return *boundary;
}

}  // namespace

std::vector<FormPart> ParseMultipartFormData(std::string_view content_type, std::string_view body,
                                             const MultipartLimits& limits) {
  const std::string delimiter = "--" + BoundaryOf(content_type);
  const std::string next_delimiter = "\r\n" + delimiter;

  // The first delimiter starts the body or a line after the preamble.
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    auto found = body.find(next_delimiter);
    if (found == std::string_view::npos) Fail("the first boundary delimiter is missing");
    pos = found + next_delimiter.size();
  }

  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // close-delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") Fail("a boundary delimiter is not followed by CRLF");
    pos += 2;
    if (parts.size() == limits.max_parts) {
      Fail("more than " + std::to_string(limits.max_parts) + " parts");
    }

    // Header section.
    if (body.substr(pos, 2) == "\r\n") Fail("a part has no Content-Disposition");
    auto window = body.substr(pos, limits.max_header_bytes + 4);
    auto header_length = window.find("\r\n\r\n");
    if (header_length == std::string_view::npos) {
      Fail(window.size() < limits.max_header_bytes + 4 ? "a part's header section is not terminated"
                                                       : "a part's header section is too large");
    }
    FormPart part;
    bool has_disposition = false;
    std::string_view headers = body.substr(pos, header_length);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      auto line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      if (line.empty() || line.front() == ' ' || line.front() == '\t') {
        Fail("a folded or empty header line");
      }
      auto colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) Fail("a header line without a name");
      auto name = line.substr(0, colon);
      for (char c : name) {
        if (!IsTokenChar(c)) Fail("an invalid header name");
      }
      auto value = Trim(line.substr(colon + 1));
      if (EqualsIgnoringAsciiCase(name, "Content-Disposition")) {
        if (has_disposition) Fail("a part has two Content-Disposition headers");
        has_disposition = true;
        auto disposition = ParseHeaderValue(value, "Content-Disposition");
        if (disposition.value != "form-data") Fail("a part is not form-data");
        const auto* field_name = disposition.Param("name");
        if (field_name == nullptr || field_name->empty()) Fail("a part has no name");
        part.name = *field_name;
        if (const auto* filename = disposition.Param("filename")) part.filename = *filename;
      } else if (EqualsIgnoringAsciiCase(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) Fail("a part has no Content-Disposition");
    if (FindPart(parts, part.name) != nullptr) Fail("the field '" + part.name + "' appears twice");
    pos += header_length + 4;

    // Body up to the next delimiter.
    auto end = body.find(next_delimiter, pos);
    if (end == std::string_view::npos) Fail("the closing boundary delimiter is missing");
    part.data = std::string(body.substr(pos, end - pos));
    parts.push_back(std::move(part));
    pos = end + next_delimiter.size();
  }
}

const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (EqualsIgnoringAsciiCase(part.name, name)) return &part;
  }
  return nullptr;
}

}  // namespace nmshd::backbone::content
