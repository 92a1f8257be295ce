#include "transport/modules/state/state_summary.h"

#include <vector>

#include "base/coded_error.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

CodedError Invalid(std::string_view member) {
  return CodedError("error.transport.state.invalidSummary",
                    "the state summary lacks a valid '" + std::string(member) + "'");
}

std::int64_t Integer(const js::object& o, std::string_view member) {
  const auto* v = o.if_contains(member);
  if (v == nullptr || !(v->is_int64() || v->is_uint64())) throw Invalid(member);
  return v->to_number<std::int64_t>();
}

std::uint64_t Count(const js::object& o, std::string_view member) {
  const auto value = Integer(o, member);
  if (value < 0) throw Invalid(member);
  return static_cast<std::uint64_t>(value);
}

std::string Counted(std::uint64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

struct Counter {
  std::uint64_t StateSummary::*member;
  std::string_view singular;
  std::string_view plural;
};

constexpr Counter kCounters[] = {
    {&StateSummary::messages, "message", "messages"},
    {&StateSummary::relationships, "relationship", "relationships"},
    {&StateSummary::templates, "relationship template", "relationship templates"},
    {&StateSummary::tokens, "token", "tokens"},
    {&StateSummary::files, "file", "files"},
};

}  // namespace

js::object StateSummary::ToJson() const {
  js::object o;
  o["watermark"] = watermark;
  o["changedAt"] = changed_at;
  o["messages"] = messages;
  o["relationships"] = relationships;
  o["relationshipTemplates"] = templates;
  o["tokens"] = tokens;
  o["files"] = files;
  o["acknowledgedEventIndex"] = acknowledged_event_index ? js::value(*acknowledged_event_index) : js::value(nullptr);
  return o;
}

StateSummary StateSummary::FromJson(const js::value& json) {
  if (!json.is_object()) throw Invalid("watermark");
  const auto& o = json.get_object();
  StateSummary s;
  s.watermark = Integer(o, "watermark");
  const auto* changed = o.if_contains("changedAt");
  if (changed == nullptr || !changed->is_string()) throw Invalid("changedAt");
  s.changed_at = std::string(changed->get_string());
  s.messages = Count(o, "messages");
  s.relationships = Count(o, "relationships");
  s.templates = Count(o, "relationshipTemplates");
  s.tokens = Count(o, "tokens");
  s.files = Count(o, "files");
  const auto* index = o.if_contains("acknowledgedEventIndex");
  if (index == nullptr) throw Invalid("acknowledgedEventIndex");
  if (!index->is_null()) s.acknowledged_event_index = Integer(o, "acknowledgedEventIndex");
  return s;
}

std::string StateSummary::Describe() const {
  std::string text = "state #" + std::to_string(watermark);
  if (!changed_at.empty()) text += " of " + changed_at;
  text += ":";
  bool first = true;
  for (const auto& c : kCounters) {
    text += (first ? " " : ", ") + Counted(this->*c.member, c.singular, c.plural);
    first = false;
  }
  text += acknowledged_event_index
              ? ", external events processed up to index " + std::to_string(*acknowledged_event_index)
              : ", no external events processed";
  return text;
}

std::string DescribeMissing(const StateSummary& older, const StateSummary& newer) {
  std::vector<std::string> parts;
  for (const auto& c : kCounters) {
    const auto had = older.*c.member;
    const auto has = newer.*c.member;
    if (has > had) parts.push_back(Counted(has - had, c.singular, c.plural));
  }
  if (newer.acknowledged_event_index &&
      (!older.acknowledged_event_index || *older.acknowledged_event_index < *newer.acknowledged_event_index)) {
    const std::string from =
        older.acknowledged_event_index ? "after index " + std::to_string(*older.acknowledged_event_index) : "from the first";
    parts.push_back("the external events " + from + " up to index " +
                    std::to_string(*newer.acknowledged_event_index) +
                    ", which the Backbone will not deliver again");
  }
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : ", ") + parts[i];
  return text;
}

}  // namespace nmshd::transport
