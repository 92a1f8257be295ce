#include <charconv>

#include "api/api_errors.h"
#include "api/api_routes.h"
#include "base/js_json.h"

namespace nmshd::backbone {

http::Response Result(const boost::json::value& value, int status) {
  boost::json::object envelope;
  envelope["result"] = value;
  return http::Response::Json(status, envelope);
}

http::Response Empty() { return http::Response::NoContent(); }

namespace {

std::optional<std::int64_t> ParsePositive(const std::string& text) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 1) return std::nullopt;
  return v;
}

}  // namespace

PageRequest ReadPageRequest(const http::Request& request, std::int64_t default_size,
                            std::int64_t max_size) {
  PageRequest page{1, default_size};
  if (auto n = request.QueryValue("pageNumber")) {
    auto v = ParsePositive(*n);
    if (!v) {
      throw Validation("error.platform.validation.pagination.invalidPageNumber",
                       "The page number must be a positive integer.");
    }
    page.number = *v;
  }
  if (auto s = request.QueryValue("pageSize")) {
    auto v = ParsePositive(*s);
    if (!v || *v > max_size) {
      throw Validation("error.platform.validation.pagination.invalidPageSize",
                       "The page size must be between 1 and " + std::to_string(max_size) + ".");
    }
    page.size = *v;
  }
  return page;
}

http::Response PagedResult(const boost::json::array& page, const PageRequest& request,
                           std::uint64_t total_records) {
  boost::json::object envelope;
  envelope["result"] = page;
  auto size = static_cast<std::uint64_t>(request.size);
  std::uint64_t total_pages = total_records == 0 ? 1 : (total_records + size - 1) / size;
  if (total_pages > 1) {
    envelope["pagination"] = boost::json::object{{"pageNumber", request.number},
                                                 {"pageSize", request.size},
                                                 {"totalPages", total_pages},
                                                 {"totalRecords", total_records}};
  }
  return http::Response::Json(200, envelope);
}

boost::json::object JsonBody(const http::Request& request) {
  if (request.body.empty()) return {};
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body, ec);
  if (ec || !value.is_object()) {
    throw InputCannotBeParsed(ec ? "The request body is not valid JSON: " + ec.message()
                                 : "The request body must be a JSON object.");
  }
  return std::move(value.get_object());
}

}  // namespace nmshd::backbone
