#pragma once
// How a backbone module registers its routes. ApiRoutes owns the cross-cutting parts so modules
// don't repeat them: Bearer authentication (401 without a valid token), the {"result":…} envelope,
// the error envelope with the status mapping of api_errors.h, JSON body parsing
// (error.platform.inputCannotBeParsed on malformed JSON), case-insensitive routing, pagination.
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/caller.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace nmshd::backbone {

using AuthenticatedHandler = std::function<http::Response(http::Request&, const Caller&)>;
using AnonymousHandler = std::function<http::Response(http::Request&)>;
// For routes the official server serves with and without a token (POST/GET Tokens).
using OptionalAuthHandler = std::function<http::Response(http::Request&, const Caller*)>;

class ApiRoutes {
 public:
  virtual ~ApiRoutes() = default;
  virtual void Authenticated(std::string method, std::string pattern, AuthenticatedHandler h) = 0;
  virtual void Anonymous(std::string method, std::string pattern, AnonymousHandler h) = 0;
  virtual void OptionalAuth(std::string method, std::string pattern, OptionalAuthHandler h) = 0;
};

// {"result": value} with the given status (200, or 201 for creations).
http::Response Result(const boost::json::value& value, int status = 200);
// 204, empty body.
http::Response Empty();

// Paging of list endpoints: ?pageNumber (1-based, default 1) & ?pageSize (default and max from
// config.limits); invalid values throw error.platform.validation.pagination.invalidPageSize /
// invalidPageNumber.
struct PageRequest {
  std::int64_t number = 1;
  std::int64_t size = 50;
};
PageRequest ReadPageRequest(const http::Request& request, std::int64_t default_size,
                            std::int64_t max_size);
// {"result":[…page…], "pagination":{pageNumber,pageSize,totalPages,totalRecords}}; the pagination
// member is left out when everything fits on one page, as the official server does.
http::Response PagedResult(const boost::json::array& page, const PageRequest& request,
                           std::uint64_t total_records);

// Parses the request body as a JSON object; an empty body is {}. Throws inputCannotBeParsed.
boost::json::object JsonBody(const http::Request& request);

}  // namespace nmshd::backbone
