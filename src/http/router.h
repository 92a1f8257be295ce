#pragma once
// Route table for the REST APIs. Literal segments match case-insensitively (ASP.NET routing, on
// which the official Backbone runs, does; transport 7 relies on it: it calls `/Files/{id}/metadata`
// where the server declares `Metadata`). `{name}` segments capture one segment. When several routes
// match, the one with a literal segment where the other has a parameter wins, left to right, so
// `/Relationships/CanCreate` beats `/Relationships/{id}`.
#include <functional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace nmshd::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, const std::string& pattern, Handler handler);

  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Handler* handler = nullptr;
    // On kFound, the pattern as registered ("/Files/{id}"): a label of bounded cardinality for
    // request metrics, where the raw path would make one label value per id.
    const std::string* pattern = nullptr;
    std::string allowed_methods;  // for 405: "GET, POST"
  };
  // On kFound, fills request.path_params.
  Match Find(Request& request) const;

 private:
  struct Segment {
    std::string text;    // a literal as registered, or the parameter's name
    std::string folded;  // a literal in ASCII lower case: compared with the request's folded segment
    bool is_param;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    Handler handler;
    std::string pattern;
  };
  std::vector<Route> routes_;
};

// Splits a path into its non-empty segments ("/a//b/" -> {"a","b"}).
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace nmshd::http
