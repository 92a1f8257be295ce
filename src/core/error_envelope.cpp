#include "core/error_envelope.h"

#include "base/js_json.h"
#include "core/error_id.h"

namespace nmshd::core {

std::string ConnectorErrorDocsLink(std::string_view code) {
  return std::string(kErrorDocsBaseUrl) + std::string(code);
}

ConnectorHttpError ConnectorHttpError::Create(std::string code, std::string message,
                                              std::optional<std::vector<std::string>> stacktrace,
                                              std::optional<std::string> details) {
  std::string docs = ConnectorErrorDocsLink(code);
  return ConnectorHttpError{std::move(code),     std::move(message),    GenerateConnectorErrorId(),
                            CoreDate::Now(),     std::move(docs),       std::move(stacktrace),
                            std::move(details)};
}

boost::json::object ConnectorHttpError::ToJson(bool verbose) const {
  boost::json::object o;
  o["code"] = code;
  o["message"] = message;
  o["id"] = id;
  o["time"] = time.ToString();
  o["docs"] = docs;
  if (verbose) {
    if (stacktrace) {
      boost::json::array lines;
      for (const auto& line : *stacktrace) lines.emplace_back(line);
      o["stacktrace"] = std::move(lines);
    }
    if (details) o["details"] = *details;
  }
  return o;
}

boost::json::object ConnectorHttpError::ToEnvelope(bool verbose) const {
  boost::json::object envelope;
  envelope["error"] = ToJson(verbose);
  return envelope;
}

BackboneHttpError BackboneHttpError::Create(std::string code, std::string message,
                                            boost::json::value data, std::string docs) {
  return BackboneHttpError{GenerateBackboneErrorId(), std::move(code), std::move(message),
                           std::move(docs), CoreDate::Now(), std::move(data)};
}

boost::json::object BackboneHttpError::ToJson() const {
  boost::json::object o;
  o["id"] = id;
  o["code"] = code;
  o["message"] = message;
  o["docs"] = docs;
  o["time"] = time.ToString();
  o["data"] = data;
  return o;
}

boost::json::object BackboneHttpError::ToEnvelope() const {
  boost::json::object envelope;
  envelope["error"] = ToJson();
  return envelope;
}

BackboneHttpError BackboneHttpError::FromJson(const boost::json::value& json) {
  const auto& outer = json::AsObject(json, "error envelope");
  const boost::json::object* inner = &outer;
  if (const auto* e = json::Find(outer, "error")) inner = &json::AsObject(*e, "error envelope 'error'");
  auto optional_string = [&](std::string_view key) -> std::string {
    const auto* v = json::Find(*inner, key);
    return (v && v->is_string()) ? std::string(v->as_string()) : std::string();
  };
  BackboneHttpError error{optional_string("id"),
                          std::string(json::RequireString(*inner, "code", "error")),
                          std::string(json::RequireString(*inner, "message", "error")),
                          optional_string("docs"),
                          CoreDate::FromMillis(0),
                          nullptr};
  if (const auto* t = json::Find(*inner, "time"); t && t->is_string()) {
    error.time = CoreDate::Parse(t->as_string());
  }
  if (const auto* d = json::Find(*inner, "data")) error.data = *d;
  return error;
}

}  // namespace nmshd::core
