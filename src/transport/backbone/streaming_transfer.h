#pragma once
// A long-lived GET whose body is handed over piece by piece as it arrives (server-sent events), with
// the safety settings of every Backbone exchange (PrepareTransfer: TLS verification, http/https
// only, bounded redirects, proxies) but no total timeout: connecting is bounded by
// `settings.timeout`, and an answer that stays silent for `idle_timeout` is given up (a healthy
// event stream sends heartbeats).
//
// The transfer runs on a private multi handle and waits in curl_multi_poll, so TransferAbort::Abort
// from another thread ends it at once (curl_multi_wakeup) instead of at the next progress tick.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "transport/backbone/http_transfer.h"

namespace nmshd::transport {

// Ends a streaming transfer from any thread. One object per transfer attempt or reused: Abort is
// sticky until Reset.
class TransferAbort {
 public:
  void Abort();
  bool aborted() const { return aborted_.load(); }
  void Reset() { aborted_ = false; }

 private:
  friend class StreamingTransferRun;
  // The transfer registers its multi handle while it runs; false when already aborted.
  bool Bind(CURLM* multi);
  void Unbind();

  std::atomic<bool> aborted_{false};
  std::mutex mutex_;
  CURLM* multi_ = nullptr;
};

struct StreamCallbacks {
  // The final answer's headers are complete and its status is 2xx (called at most once).
  std::function<void(int status, const HeaderList& headers)> on_open;
  // Body bytes of a 2xx answer, as they arrive. May throw: the transfer ends and rethrows it.
  std::function<void(std::string_view bytes)> on_data;
};

struct StreamOutcome {
  int status = 0;          // 0 when no answer arrived before the end
  HeaderList headers;      // the final answer's, names lower-cased
  std::string error_body;  // the body of a non-2xx answer (at most 64 KiB)
  bool aborted = false;    // ended by TransferAbort
};

// Runs the GET on `handle` (options reset) until the server ends the answer or `abort` fires.
// Throws TransferFailure when the exchange fails (connection refused or lost, no data for
// `idle_timeout`: kTimeout), and what on_data throws.
StreamOutcome PerformStreamingTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings,
                                       std::chrono::milliseconds idle_timeout, const StreamCallbacks& callbacks,
                                       TransferAbort& abort);

}  // namespace nmshd::transport
