#include "transport/transmission/file_metadata.h"

#include <boost/json.hpp>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "transport/transmission/file_errors.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {
namespace {

constexpr std::string_view kType = "FileMetadata";

[[noreturn]] void Invalid(const std::string& why) {
  throw CodedError(file_errc::kInvalidMetadata, "FileMetadata: " + why);
}

const boost::json::string& String(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) Invalid(std::string(key) + " must be a string");
  return v->get_string();
}

// ts-serval's nullable: a missing or null value is absent.
const boost::json::value* Nullable(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<std::string> OptionalString(const boost::json::object& o, std::string_view key) {
  const auto* v = Nullable(o, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) Invalid(std::string(key) + " must be a string");
  return std::string(v->get_string());
}

std::uint64_t FileSize(const boost::json::object& o) {
  const auto* v = o.if_contains("filesize");
  if (v != nullptr) {
    if (v->is_uint64()) return v->get_uint64();
    if (v->is_int64() && v->get_int64() >= 0) return static_cast<std::uint64_t>(v->get_int64());
    // JSON.parse gives doubles; an integral one is what JS wrote for a size.
    if (v->is_double() && v->get_double() >= 0 && v->get_double() <= 9007199254740991.0 &&
        v->get_double() == static_cast<double>(static_cast<std::uint64_t>(v->get_double()))) {
      return static_cast<std::uint64_t>(v->get_double());
    }
  }
  Invalid("filesize must be a non-negative integer");
}

}  // namespace

std::string FileMetadata::Serialize() const {
  boost::json::object o;
  o["@type"] = kType;
  if (description) o["description"] = *description;
  if (filemodified) o["filemodified"] = filemodified->ToString();
  o["filename"] = filename;
  o["filesize"] = filesize;
  o["mimetype"] = mimetype;
  o["plaintextHash"] = plaintext_hash;
  o["secretKey"] = secret_key.ToJson(false);
  if (tags) {
    boost::json::array a;
    for (const auto& t : *tags) a.emplace_back(t);
    o["tags"] = std::move(a);
  }
  if (title) o["title"] = *title;
  return SerializeServal(o);
}

FileMetadata FileMetadata::Parse(std::string_view json_text) {
  boost::json::value v;
  try {
    v = json::Parse(json_text, kType);
  } catch (const CodedError& e) {
    Invalid(e.what());
  }
  if (!v.is_object()) Invalid("not a JSON object");
  const auto& o = v.get_object();
  if (const auto* type = o.if_contains("@type");
      type != nullptr && !(type->is_string() && type->get_string() == kType)) {
    Invalid("@type is " + json::Stringify(*type));
  }
  const auto* key = o.if_contains("secretKey");
  if (key == nullptr) Invalid("secretKey is missing");
  std::optional<crypto::SecretKey> secret_key;
  try {
    secret_key = crypto::SecretKey::FromJson(*key);
  } catch (const CodedError& e) {
    Invalid(std::string("secretKey: ") + e.what());
  }
  std::optional<std::vector<std::string>> tags;
  if (const auto* t = Nullable(o, "tags")) {
    if (!t->is_array()) Invalid("tags must be an array");
    tags.emplace();
    for (const auto& tag : t->get_array()) {
      if (!tag.is_string()) Invalid("tags must hold strings");
      tags->emplace_back(tag.get_string());
    }
  }
  std::optional<core::CoreDate> filemodified;
  if (auto text = OptionalString(o, "filemodified")) {
    try {
      filemodified = core::CoreDate::Parse(*text);
    } catch (const CodedError& e) {
      Invalid(std::string("filemodified: ") + e.what());
    }
  }
  return FileMetadata{.title = OptionalString(o, "title"),
                      .description = OptionalString(o, "description"),
                      .filename = std::string(String(o, "filename")),
                      .tags = std::move(tags),
                      .plaintext_hash = std::string(String(o, "plaintextHash")),
                      .secret_key = std::move(*secret_key),
                      .filesize = FileSize(o),
                      .filemodified = filemodified,
                      .mimetype = std::string(String(o, "mimetype"))};
}

}  // namespace nmshd::transport
