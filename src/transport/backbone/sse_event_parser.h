#pragma once
// Parser for the text/event-stream format (WHATWG HTML "Server-sent events", §9.2.6 "Interpreting
// an event stream"), fed with the body as it arrives in arbitrary pieces:
//   * lines end with CRLF, LF or CR (a CRLF split across two pieces is one line end);
//   * "field: value" (one leading space of the value is dropped), "field" alone = empty value;
//   * lines starting with ':' are comments (heartbeats), unknown fields are ignored;
//   * "data" lines are joined with '\n'; an empty line dispatches the event, unless no data line
//     came (then the event name is discarded, as a browser's EventSource does);
//   * "id" (without NUL) sets the last event id, "retry" (digits only) the reconnection time;
//   * a UTF-8 byte order mark at the very start is skipped.
// A line longer than max_line_bytes throws std::length_error: a broken or hostile server must not
// make us buffer without bound.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nmshd::transport {

struct SseEvent {
  std::string type = "message";  // the "event" field; "message" when none was given
  std::string data;
  std::string last_event_id;
};

class SseEventParser {
 public:
  using Handler = std::function<void(const SseEvent&)>;

  explicit SseEventParser(Handler on_event, std::size_t max_line_bytes = 64 * 1024);

  // Parses `bytes`; calls the handler for every event completed by them.
  void Feed(std::string_view bytes);

  // The last "retry" value, if any.
  std::optional<std::chrono::milliseconds> retry() const { return retry_; }

 private:
  void ProcessLine(std::string_view line);
  void Dispatch();

  Handler on_event_;
  std::size_t max_line_bytes_;
  std::string line_;
  bool after_cr_ = false;   // the previous piece ended with CR: a leading LF belongs to it
  bool at_start_ = true;    // nothing seen yet (BOM check)
  std::string event_type_;
  std::string data_;
  bool has_data_ = false;
  std::string last_event_id_;
  std::optional<std::chrono::milliseconds> retry_;
};

}  // namespace nmshd::transport
