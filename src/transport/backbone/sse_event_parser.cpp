#include "transport/backbone/sse_event_parser.h"

#include <algorithm>
#include <stdexcept>

namespace nmshd::transport {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

SseEventParser::SseEventParser(Handler on_event, std::size_t max_line_bytes)
    : on_event_(std::move(on_event)), max_line_bytes_(max_line_bytes) {}

void SseEventParser::Feed(std::string_view bytes) {
  if (at_start_) {
    // The BOM may itself arrive split; wait until we can tell.
    line_.append(bytes);
    if (line_.size() < kBom.size() && kBom.starts_with(line_)) return;
    at_start_ = false;
    std::string pending = std::move(line_);
    line_.clear();
    std::string_view rest = pending;
    if (rest.starts_with(kBom)) rest.remove_prefix(kBom.size());
    Feed(rest);
    return;
  }
  for (char c : bytes) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') continue;  // the LF of a CRLF
    }
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      const std::string line = std::move(line_);
      line_.clear();
      ProcessLine(line);
      continue;
    }
    if (line_.size() >= max_line_bytes_) {
      throw std::length_error("an event stream line is longer than " + std::to_string(max_line_bytes_) + " bytes");
    }
    line_.push_back(c);
  }
}

void SseEventParser::ProcessLine(std::string_view line) {
  if (line.empty()) {
    Dispatch();
    return;
  }
  if (line.front() == ':') return;  // comment
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
  }
  if (field == "event") {
    event_type_ = std::string(value);
  } else if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_ = std::string(value);
  } else if (field == "retry") {
    if (!value.empty() && value.size() <= 9 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      retry_ = std::chrono::milliseconds(std::stoll(std::string(value)));
    }
  }
}

void SseEventParser::Dispatch() {
  if (!has_data_) {
    event_type_.clear();
    return;
  }
  SseEvent event;
  if (!event_type_.empty()) event.type = std::move(event_type_);
  event.data = std::move(data_);
  event.data.pop_back();  // the '\n' after the last data line
  event.last_event_id = last_event_id_;
  event_type_.clear();
  data_.clear();
  has_data_ = false;
  on_event_(event);
}

}  // namespace nmshd::transport
