#include "consumption/requests/local_request.h"

#include <array>
#include <utility>

#include "base/coded_error.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::array<std::pair<LocalRequestStatus, std::string_view>, 7> kStatusNames{{
    {LocalRequestStatus::kDraft, "Draft"},
    {LocalRequestStatus::kOpen, "Open"},
    {LocalRequestStatus::kDecisionRequired, "DecisionRequired"},
    {LocalRequestStatus::kManualDecisionRequired, "ManualDecisionRequired"},
    {LocalRequestStatus::kDecided, "Decided"},
    {LocalRequestStatus::kCompleted, "Completed"},
    {LocalRequestStatus::kExpired, "Expired"},
}};

std::string Str(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<LocalRequestSource> SourceOf(const js::object& o) {
  const auto* v = o.if_contains("source");
  if (v == nullptr || !v->is_object()) return std::nullopt;
  return LocalRequestSource{Str(v->get_object(), "type"), Str(v->get_object(), "reference")};
}

}  // namespace

std::string_view StatusName(LocalRequestStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "Open";
}

LocalRequestStatus ParseLocalRequestStatus(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  throw CodedError("error.consumption.requests.unknownStatus", "unknown LocalRequestStatus '" + std::string(name) + "'");
}

void LocalRequest::ChangeStatus(LocalRequestStatus new_status) {
  // ConsumptionError: the runtime's use case reports it as error.runtime.unknown.
  if (status == new_status) {
    throw CodedError("error.runtime.unknown", "An error was thrown in a UseCase: cannot change status to the same status");
  }
  status_log.push_back({core::CoreDate::Now().ToString(), status, new_status});
  status = new_status;
}

bool LocalRequest::IsExpired(const core::CoreDate& when) const {
  const auto* expires = content.if_contains("expiresAt");
  if (expires == nullptr || !expires->is_string()) return false;
  return when > core::CoreDate::Parse(expires->get_string());
}

bool LocalRequest::UpdateStatusBasedOnExpiration(const core::CoreDate& when) {
  if (status == LocalRequestStatus::kCompleted || status == LocalRequestStatus::kExpired) return false;
  if (!IsExpired(when)) return false;
  ChangeStatus(LocalRequestStatus::kExpired);
  return true;
}

js::object LocalRequest::ToDto() const {
  js::object dto;
  dto["id"] = id;
  dto["isOwn"] = is_own;
  dto["peer"] = peer;
  dto["createdAt"] = created_at;
  dto["content"] = content;
  if (source) dto["source"] = source->ToJson();
  if (response) {
    js::object r{{"createdAt", response->created_at}, {"content", response->content}};
    if (response->source) r["source"] = response->source->ToJson();
    dto["response"] = std::move(r);
  }
  dto["status"] = StatusName(status);
  if (was_automatically_decided) dto["wasAutomaticallyDecided"] = *was_automatically_decided;
  return dto;
}

js::object LocalRequest::ToDocument() const {
  auto doc = ToDto();
  js::array log;
  for (const auto& e : status_log) {
    log.push_back(js::object{{"createdAt", e.created_at},
                             {"oldStatus", StatusName(e.old_status)},
                             {"newStatus", StatusName(e.new_status)}});
  }
  doc["statusLog"] = std::move(log);
  return doc;
}

LocalRequest LocalRequest::FromDocument(const js::object& document) {
  LocalRequest r;
  r.id = Str(document, "id");
  r.is_own = document.at("isOwn").as_bool();
  r.peer = Str(document, "peer");
  r.created_at = Str(document, "createdAt");
  r.status = ParseLocalRequestStatus(Str(document, "status"));
  r.content = document.at("content").as_object();
  r.source = SourceOf(document);
  if (const auto* resp = document.if_contains("response"); resp != nullptr && resp->is_object()) {
    const auto& o = resp->get_object();
    r.response = LocalResponse{Str(o, "createdAt"), o.at("content").as_object(), SourceOf(o)};
  }
  if (const auto* w = document.if_contains("wasAutomaticallyDecided"); w != nullptr && w->is_bool()) {
    r.was_automatically_decided = w->get_bool();
  }
  if (const auto* log = document.if_contains("statusLog"); log != nullptr && log->is_array()) {
    for (const auto& e : log->get_array()) {
      const auto& o = e.as_object();
      r.status_log.push_back({Str(o, "createdAt"), ParseLocalRequestStatus(Str(o, "oldStatus")),
                              ParseLocalRequestStatus(Str(o, "newStatus"))});
    }
  }
  return r;
}

}  // namespace nmshd::consumption
