#include "transport/backbone/http_transfer.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace nmshd::transport {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

struct Sink {
  std::string* body;
  std::size_t limit;
  bool exceeded = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->limit) {
    sink->exceeded = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  sink->body->append(data, bytes);
  return bytes;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  const size_t bytes = size * count;
  AddHeaderLine(std::string_view(data, bytes), *static_cast<HeaderList*>(user));
  return bytes;
}

void Check(CURLcode code, const char* what) {
  if (code != CURLE_OK) {
    throw TransferFailure(TransferFailure::Kind::kOther, std::string("cannot set ") + what + ": " + curl_easy_strerror(code));
  }
}

}  // namespace

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  const std::string wanted = Lower(name);
  for (const auto& [key, value] : headers) {
    if (key == wanted) return value;
  }
  return std::nullopt;
}

TransferFailure::Kind FailureKindOf(CURLcode code, bool exceeded) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return TransferFailure::Kind::kTimeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransferFailure::Kind::kAddressNotFound;
    case CURLE_FILESIZE_EXCEEDED:
      return TransferFailure::Kind::kBodyTooLarge;
    case CURLE_WRITE_ERROR:
      return exceeded ? TransferFailure::Kind::kBodyTooLarge : TransferFailure::Kind::kOther;
    default:
      return TransferFailure::Kind::kOther;
  }
}

void AddHeaderLine(std::string_view line, HeaderList& headers) {
  // A new status line starts the headers of the next answer in a redirect chain (or after a
  // 100 Continue); only the final answer's headers matter.
  if (line.starts_with("HTTP/")) {
    headers.clear();
    return;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers.emplace_back(Lower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
}

void PrepareTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings,
                     HeaderSlist& header_list, char* error_buffer) {
  auto append_header = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(header_list.get(), line.c_str());
    if (next == nullptr) throw TransferFailure(TransferFailure::Kind::kOther, "out of memory for headers");
    (void)header_list.release();
    header_list.reset(next);
  };
  for (const auto& [name, value] : request.headers) append_header(name + ": " + value);
  // libcurl would otherwise wait up to a second for "100 Continue" before sending larger bodies.
  append_header("Expect:");

  Check(curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str()), "URL");
  Check(curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols");
  Check(curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols");
  Check(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L), "SSL_VERIFYPEER");
  Check(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L), "SSL_VERIFYHOST");
  Check(curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L), "NOSIGNAL");
  Check(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, settings.max_redirects > 0 ? 1L : 0L), "FOLLOWLOCATION");
  Check(curl_easy_setopt(handle, CURLOPT_MAXREDIRS, settings.max_redirects), "MAXREDIRS");
  Check(curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L), "TCP_KEEPALIVE");
  // "" = every encoding this libcurl can decode; size caps apply to the decoded bytes.
  Check(curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING");
  if (!settings.user_agent.empty()) Check(curl_easy_setopt(handle, CURLOPT_USERAGENT, settings.user_agent.c_str()), "USERAGENT");
  if (!settings.proxy.empty()) Check(curl_easy_setopt(handle, CURLOPT_PROXY, settings.proxy.c_str()), "PROXY");
  Check(curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get()), "HTTPHEADER");
  Check(curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer), "ERRORBUFFER");

  if (request.method == "GET") {
    Check(curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L), "HTTPGET");
  } else if (request.method == "POST") {
    Check(curl_easy_setopt(handle, CURLOPT_POST, 1L), "POST");
  } else {
    Check(curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str()), "CUSTOMREQUEST");
  }
  if (request.body || request.method == "POST") {
    // libcurl reads the body during perform, so it must point into `request`, not a temporary.
    static const std::string kEmpty;
    const std::string* body = request.body ? &*request.body : &kEmpty;
    Check(curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size())), "POSTFIELDSIZE");
    Check(curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->data()), "POSTFIELDS");
  }
}

HttpResponse PerformTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings) {
  HttpResponse response;
  Sink sink{&response.body, settings.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  HeaderSlist header_list;
  PrepareTransfer(handle, request, settings, header_list, error_buffer);
  Check(curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count())), "timeout");
  Check(curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings.max_response_bytes)),
        "MAXFILESIZE");
  Check(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &WriteBody), "WRITEFUNCTION");
  Check(curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink), "WRITEDATA");
  Check(curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &WriteHeader), "HEADERFUNCTION");
  Check(curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response.headers), "HEADERDATA");

  const CURLcode code = curl_easy_perform(handle);
  // The handle goes back to the pool; it must not keep pointers into this frame.
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    std::string message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    if (sink.exceeded) message = "response larger than " + std::to_string(settings.max_response_bytes) + " bytes";
    throw TransferFailure(FailureKindOf(code, sink.exceeded), message);
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace nmshd::transport
