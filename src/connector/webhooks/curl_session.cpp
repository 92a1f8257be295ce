#include "connector/webhooks/curl_session.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

size_t CollectBody(char* data, size_t size, size_t count, void* userdata) {
  auto* body = static_cast<std::string*>(userdata);
  const size_t bytes = size * count;
  if (body->size() < CurlSession::kMaxResponseBody) {
    body->append(data, std::min(bytes, CurlSession::kMaxResponseBody - body->size()));
  }
  return bytes;  // the rest is read and discarded
}

int CheckAbort(void* userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(userdata);
  return abort != nullptr && abort->load() ? 1 : 0;
}

CURL* Handle(void* p) { return static_cast<CURL*>(p); }

}  // namespace

CurlSession::CurlSession() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

CurlSession::~CurlSession() { curl_easy_cleanup(Handle(curl_)); }

HttpPostResult CurlSession::Post(const HttpPost& request, const std::atomic<bool>* abort) {
  CURL* curl = Handle(curl_);
  curl_easy_reset(curl);  // options only: the connection cache stays

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (next == nullptr) throw std::bad_alloc();
    (void)headers.release();
    headers.reset(next);
  };
  for (const auto& [name, value] : request.headers) {
    // "Name:" alone would delete a curl default header; "Name;" sends it with an empty value.
    add(value.empty() ? name + ";" : name + ": " + value);
  }
  add("Expect:");

  HttpPostResult result;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, request.verifyTls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, request.verifyTls ? 2L : 0L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CollectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, CheckAbort);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, abort);
  if (request.basicAuth) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(curl, CURLOPT_USERNAME, request.basicAuth->first.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, request.basicAuth->second.c_str());
  }

  CURLcode rc = curl_easy_perform(curl);
  // The handle must not keep pointers into this frame for the next call's reset.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    std::string reason = error[0] != '\0' ? error : curl_easy_strerror(rc);
    throw CodedError("error.connector.webhooks.requestFailed", reason);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

}  // namespace nmshd::connector
