#pragma once
// A response body that is still being written while the response is on the wire (server-sent
// events). The handler creates it, keeps a shared_ptr to write to it later from any thread, and
// returns it in Response::stream. The server then sends the headers at once and every chunk as it
// is written (chunked transfer encoding; HTTP/1.0: raw bytes, then the connection closes), and
// `heartbeat` whenever nothing was sent for `heartbeat_interval`, so a dead peer is noticed by a
// failing write and proxies do not time out an idle response.
//
// The stream ends when the producer calls Finish (queued bytes are still sent), when the client
// disconnects, when the server stops, or when more than `max_buffered_bytes` wait unsent (a client
// that stopped reading). Writes after the end are refused, and the OnEnd callback runs once, so a
// producer that broadcasts to many streams can forget the ended ones.
//
// Thread-safety: every member may be called from any thread. The callbacks run outside the lock.
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace nmshd::http {

class StreamingBody {
 public:
  struct Options {
    std::chrono::milliseconds heartbeat_interval{15000};
    std::string heartbeat;  // sent as is; empty: no heartbeats
    std::size_t max_buffered_bytes = 1024 * 1024;
  };

  StreamingBody() = default;
  explicit StreamingBody(Options options) : options_(std::move(options)) {}
  // A body no server ever sent (a test's response) ends here, so OnEnd still runs.
  ~StreamingBody() { End(); }
  StreamingBody(const StreamingBody&) = delete;
  StreamingBody& operator=(const StreamingBody&) = delete;

  // --- producer side ---------------------------------------------------------------------------
  // Queues `chunk` for sending. False when the stream has ended or was finished (nothing queued).
  bool Write(std::string_view chunk);
  // Nothing more will be written: the server sends what is queued, then ends the response.
  void Finish();
  // Runs `callback` once when the stream ends for whatever reason (at once if it already has).
  // It may run on a server thread, so it must be quick and must not call back into this stream.
  void OnEnd(std::function<void()> callback);
  bool ended() const;
  const Options& options() const { return options_; }

  // --- server side -----------------------------------------------------------------------------
  // `wake` is called after every Write/Finish/End until the stream ends. It runs under the
  // stream's lock, so it must only schedule work (post to an executor), never block or call back.
  void Attach(std::function<void()> wake);
  // Takes everything queued; `finished` tells whether the producer called Finish.
  std::string Take(bool& finished);
  // Ends the stream from the consumer side (client gone, server stopping, sent completely).
  // Idempotent; after it returns `wake` is never called again.
  void End();

 private:
  Options options_;
  mutable std::mutex mutex_;
  std::string queued_;
  bool finished_ = false;
  bool ended_ = false;
  std::function<void()> wake_;
  std::function<void()> on_end_;
};

}  // namespace nmshd::http
