#pragma once
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/streaming_body.h"

namespace nmshd::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The server holds the finished response this long before writing it, on a timer rather than a
  // worker thread, so a throttled answer (the Connector's 401) cannot starve the worker pool.
  std::chrono::milliseconds delay{0};
  // Set: `body` is ignored; the server sends the headers and then whatever is written to the stream
  // until it ends (streaming_body.h). The connection is closed afterwards.
  std::shared_ptr<StreamingBody> stream{};
  // Set: the server sends the response only once this has called back (from any thread), without
  // holding a worker thread meanwhile; a non-empty failure replaces the response with a 500. The
  // Backbone answers this way once what the handler committed is durable (deferred_durability.h).
  std::function<void(std::function<void(const std::string& failure)>)> ready_when{};

  static Response Json(int status, const boost::json::value& value);
  static Response NoContent() { return Response{204, {}, {}}; }
  static Response Bytes(int status, std::string content_type, std::string body);

  Response& SetHeader(std::string name, std::string value);
};

}  // namespace nmshd::http
