#include "connector/controllers/multipart_form.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "connector/http/api_error.h"
#include "connector/http/error_codes.h"

namespace nmshd::connector {
namespace {

[[noreturn]] void Bad(const std::string& why) {
  throw ApiError(400, std::string(errors::kBadRequest), "Invalid multipart/form-data body: " + why + ".");
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// "<value>; a=b; c=\"d\"": the value and its parameters (names lower-cased), in order.
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

std::optional<HeaderValue> ParseHeaderValue(std::string_view text) {
  HeaderValue out;
  auto semicolon = text.find(';');
  out.value = Lower(Trim(text.substr(0, semicolon)));
  if (out.value.empty()) return std::nullopt;
  std::size_t pos = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::size_t key_start = pos;
    while (pos < text.size() && IsTokenChar(text[pos])) ++pos;
    if (pos == key_start || pos >= text.size() || text[pos] != '=') return std::nullopt;
    std::string key = Lower(text.substr(key_start, pos - key_start));
    ++pos;
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
      if (!closed) return std::nullopt;
    } else {
      std::size_t value_start = pos;
      while (pos < text.size() && text[pos] != ';') ++pos;
      value = std::string(Trim(text.substr(value_start, pos - value_start)));
      if (value.empty()) return std::nullopt;
    }
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos < text.size()) {
      if (text[pos] != ';') return std::nullopt;
      ++pos;
    }
    out.params.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987 ext-value: charset'language'percent-encoded.
std::string DecodeExtValue(const std::string& text) {
  const auto first = text.find('\'');
  const auto second = first == std::string::npos ? std::string::npos : text.find('\'', first + 1);
  if (second == std::string::npos) Bad("malformed filename*");
  const auto charset = Lower(text.substr(0, first));
  std::string bytes;
  for (std::size_t i = second + 1; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) Bad("malformed filename*");
      bytes.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      bytes.push_back(text[i]);
    }
  }
  if (charset == "utf-8") return bytes;
  if (charset == "iso-8859-1" || charset == "latin1") {
    std::string utf8;
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        utf8.push_back(static_cast<char>(c));
      } else {
        utf8.push_back(static_cast<char>(0xC0 | (c >> 6)));
        utf8.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    return utf8;
  }
  Bad("unsupported filename* charset '" + charset + "'");
}

std::string Basename(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

FormPart ParsePartHeaders(std::string_view headers) {
  FormPart part;
  part.content_type = "text/plain";
  bool has_disposition = false;
  std::size_t pos = 0;
  while (pos < headers.size()) {
    auto end = headers.find("\r\n", pos);
    if (end == std::string_view::npos) end = headers.size();
    const auto line = headers.substr(pos, end - pos);
    pos = end + 2;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) Bad("folded part header");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) Bad("malformed part header");
    const auto name = Lower(Trim(line.substr(0, colon)));
    const auto value = Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (has_disposition) Bad("repeated Content-Disposition");
      has_disposition = true;
      const auto parsed = ParseHeaderValue(value);
      if (!parsed || parsed->value != "form-data") Bad("a part's Content-Disposition is not form-data");
      const auto* field = parsed->Param("name");
      if (field == nullptr) Bad("a part without a name");
      part.name = *field;
      if (const auto* ext = parsed->Param("filename*")) {
        part.filename = Basename(DecodeExtValue(*ext));
      } else if (const auto* filename = parsed->Param("filename")) {
        part.filename = Basename(*filename);
      }
    } else if (name == "content-type") {
      const auto parsed = ParseHeaderValue(value);
      if (!parsed || parsed->value.find('/') == std::string::npos) Bad("malformed part Content-Type");
      part.content_type = parsed->value;
    }
  }
  if (!has_disposition) Bad("a part without Content-Disposition");
  return part;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const auto parsed = ParseHeaderValue(content_type);
  if (!parsed || parsed->value != "multipart/form-data") return std::nullopt;
  const auto* boundary = parsed->Param("boundary");
  if (boundary == nullptr || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return *boundary;
}

std::vector<FormPart> ParseMultipartForm(std::string_view content_type, std::string_view body) {
  const auto boundary = MultipartBoundary(content_type);
  if (!boundary) Bad("no multipart/form-data Content-Type with a boundary");
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    const auto first = body.find(next_delimiter);  // after a preamble
    if (first == std::string_view::npos) Bad("no boundary delimiter");
    pos = first + next_delimiter.size();
  }
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") Bad("a boundary delimiter not followed by CRLF");
    pos += 2;
    std::string_view headers;
    std::size_t data_start;
    if (body.substr(pos, 2) == "\r\n") {
      data_start = pos + 2;
    } else {
      const auto headers_end = body.find("\r\n\r\n", pos);
      if (headers_end == std::string_view::npos) Bad("unterminated part headers");
      headers = body.substr(pos, headers_end - pos);
      data_start = headers_end + 4;
    }
    auto part = ParsePartHeaders(headers);
    const auto data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) Bad("a part without a closing boundary delimiter");
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

}  // namespace nmshd::connector
