#include "transport/backbone/streaming_transfer.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>

namespace nmshd::transport {

namespace {

constexpr std::size_t kMaxErrorBody = 64 * 1024;
// How long one wait for socket activity may last; bounds how late the idle check runs.
constexpr int kPollMilliseconds = 1000;

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

void Check(CURLcode code, const char* what) {
  if (code != CURLE_OK) {
    throw TransferFailure(TransferFailure::Kind::kOther, std::string("cannot set ") + what + ": " + curl_easy_strerror(code));
  }
}

}  // namespace

void TransferAbort::Abort() {
  aborted_ = true;
  std::lock_guard lock(mutex_);
  if (multi_ != nullptr) curl_multi_wakeup(multi_);
}

bool TransferAbort::Bind(CURLM* multi) {
  std::lock_guard lock(mutex_);
  multi_ = multi;
  return !aborted_.load();
}

void TransferAbort::Unbind() {
  std::lock_guard lock(mutex_);
  multi_ = nullptr;
}

// The state the libcurl callbacks of one transfer share.
class StreamingTransferRun {
 public:
  StreamingTransferRun(CURL* handle, const StreamCallbacks& callbacks) : handle_(handle), callbacks_(callbacks) {}

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* run = static_cast<StreamingTransferRun*>(user);
    const size_t bytes = size * count;
    run->Touch();
    const std::string_view line(data, bytes);
    AddHeaderLine(line, run->outcome_.headers);
    if (line == "\r\n" || line == "\n") {  // the end of one answer's headers
      long status = 0;
      curl_easy_getinfo(run->handle_, CURLINFO_RESPONSE_CODE, &status);
      run->outcome_.status = static_cast<int>(status);
      if (status >= 200 && status < 300 && !run->opened_) {
        run->opened_ = true;
        if (run->callbacks_.on_open && !run->Call([&] { run->callbacks_.on_open(run->outcome_.status, run->outcome_.headers); })) {
          return 0;
        }
      }
    }
    return bytes;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* run = static_cast<StreamingTransferRun*>(user);
    const size_t bytes = size * count;
    run->Touch();
    if (!run->opened_) {  // an error answer: keep (some of) it for the caller
      auto& body = run->outcome_.error_body;
      body.append(data, std::min(bytes, kMaxErrorBody - std::min(kMaxErrorBody, body.size())));
      return bytes;
    }
    if (run->callbacks_.on_data && !run->Call([&] { run->callbacks_.on_data(std::string_view(data, bytes)); })) {
      return 0;
    }
    return bytes;
  }

  StreamOutcome Run(const HttpRequest& request, const TransferSettings& settings,
                    std::chrono::milliseconds idle_timeout, TransferAbort& abort) {
    char error_buffer[CURL_ERROR_SIZE] = {0};
    HeaderSlist header_list;
    PrepareTransfer(handle_, request, settings, header_list, error_buffer);
    Check(curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.timeout.count())),
          "CONNECTTIMEOUT");
    Check(curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &OnBody), "WRITEFUNCTION");
    Check(curl_easy_setopt(handle_, CURLOPT_WRITEDATA, this), "WRITEDATA");
    Check(curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, &OnHeader), "HEADERFUNCTION");
    Check(curl_easy_setopt(handle_, CURLOPT_HEADERDATA, this), "HEADERDATA");

    std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
    if (!multi) throw TransferFailure(TransferFailure::Kind::kOther, "cannot create a libcurl multi handle");
    if (curl_multi_add_handle(multi.get(), handle_) != CURLM_OK) {
      throw TransferFailure(TransferFailure::Kind::kOther, "cannot add the transfer to the multi handle");
    }
    bool idle = false;
    CURLcode result = CURLE_OK;
    bool done = false;
    last_activity_ = std::chrono::steady_clock::now();
    if (!abort.Bind(multi.get())) outcome_.aborted = true;
    while (!outcome_.aborted) {
      int running = 0;
      const CURLMcode code = curl_multi_perform(multi.get(), &running);
      if (code != CURLM_OK) {
        result = CURLE_RECV_ERROR;
        std::snprintf(error_buffer, sizeof error_buffer, "%s", curl_multi_strerror(code));
        break;
      }
      if (running == 0) {
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
          if (message->msg == CURLMSG_DONE) result = message->data.result;
        }
        done = true;
        break;
      }
      if (abort.aborted()) {
        outcome_.aborted = true;
        break;
      }
      if (std::chrono::steady_clock::now() - last_activity_ > idle_timeout) {
        idle = true;
        break;
      }
      curl_multi_poll(multi.get(), nullptr, 0, kPollMilliseconds, nullptr);
    }
    abort.Unbind();
    curl_multi_remove_handle(multi.get(), handle_);
    // The handle goes back to the pool; it must not keep pointers into this frame.
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(handle_, CURLOPT_HEADERDATA, nullptr);

    if (callback_error_) std::rethrow_exception(callback_error_);
    if (outcome_.aborted) return std::move(outcome_);
    if (idle) {
      throw TransferFailure(TransferFailure::Kind::kTimeout,
                            "no data for " + std::to_string(idle_timeout.count()) + " ms");
    }
    if (!done || result != CURLE_OK) {
      std::string message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(result);
      throw TransferFailure(FailureKindOf(result, false), message);
    }
    return std::move(outcome_);
  }

 private:
  void Touch() { last_activity_ = std::chrono::steady_clock::now(); }

  // Runs a user callback; an exception is kept for the caller and stops the transfer.
  template <class Fn>
  bool Call(Fn&& fn) {
    try {
      fn();
      return true;
    } catch (...) {
      callback_error_ = std::current_exception();
      return false;
    }
  }

  CURL* handle_;
  const StreamCallbacks& callbacks_;
  StreamOutcome outcome_;
  bool opened_ = false;
  std::exception_ptr callback_error_;
  std::chrono::steady_clock::time_point last_activity_;
};

StreamOutcome PerformStreamingTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings,
                                       std::chrono::milliseconds idle_timeout, const StreamCallbacks& callbacks,
                                       TransferAbort& abort) {
  StreamingTransferRun run(handle, callbacks);
  return run.Run(request, settings, idle_timeout, abort);
}

}  // namespace nmshd::transport
