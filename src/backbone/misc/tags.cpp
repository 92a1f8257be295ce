#include "base/base64.h"
#include "base/js_json.h"
#include "crypto/hash.h"
#include "misc/misc_routes.h"

namespace nmshd::backbone::misc {

namespace {

// Weak comparison as ASP.NET's EntityTagHeaderValue.Compare(useStrongComparison: false): W/ ignored.
bool EtagListMatches(const std::string& header, const std::string& etag) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(',', pos);
    if (end == std::string::npos) end = header.size();
    auto item = header.substr(pos, end - pos);
    auto first = item.find_first_not_of(' ');
    auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) {
      item = item.substr(first, last - first + 1);
      if (item.rfind("W/", 0) == 0) item = item.substr(2);
      if (item == etag || item == "*") return true;
    }
    pos = end + 1;
  }
  return false;
}

}  // namespace

void RegisterTagsRoute(ApiRoutes& routes) {
  routes.Anonymous("GET", "/api/v2/Tags", [](http::Request& request) {
    auto response = Result(boost::json::object{{"supportedLanguages", boost::json::array{"en"}},
                                               {"tagsForAttributeValueTypes", boost::json::object{}}});
    // The official ETag is "<base64 MD5 of the body>"; any stable hash of the body does the same job.
    auto digest = crypto::Sha256(response.body);
    const std::string etag = "\"" + base64::EncodeStandard(std::span(digest.data(), 16)) + "\"";
    if (auto if_none_match = request.Header("If-None-Match"); if_none_match && EtagListMatches(*if_none_match, etag)) {
      http::Response not_modified{304, {}, {}};
      not_modified.SetHeader("ETag", etag);
      return not_modified;
    }
    response.SetHeader("ETag", etag);
    return response;
  });
}

}  // namespace nmshd::backbone::misc
