#pragma once
// The HTTP request as handlers see it: no Beast types, so handler code compiles fast and can be
// tested without sockets.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::http {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct Request {
  std::string method;  // upper case: GET, POST, ...
  std::string target;  // as received, e.g. /api/v2/Files?ids=a&ids=b
  std::string path;    // percent-decoded path without the query
  // Query parameters in order of appearance, percent-decoded ('+' is a space); repeated keys repeat.
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string remote_address;
  // Filled by the router from `{name}` segments of the matched pattern.
  std::map<std::string, std::string, CaseInsensitiveLess> path_params;

  std::optional<std::string> Header(const std::string& name) const;
  // First value of a query parameter (name compared case-insensitively, as ASP.NET binds).
  std::optional<std::string> QueryValue(const std::string& name) const;
  std::vector<std::string> QueryValues(const std::string& name) const;
  const std::string& PathParam(const std::string& name) const;
};

}  // namespace nmshd::http
