#pragma once
// The body parser of the pipeline: express.json({limit: "2mb"}) (body-parser 2).
//
// Only requests whose Content-Type is application/json (any parameters) with a non-empty body are
// read; everything else (no body, multipart uploads, other types) keeps a null body. Strict like
// body-parser: the text must be an object or an array; anything else, including whitespace only,
// is invalid. Bodies over the limit are rejected before parsing.
#include <boost/json.hpp>
#include <cstddef>

#include "http/request.h"

namespace nmshd::connector {

inline constexpr std::size_t kJsonBodyLimit = 2 * 1024 * 1024;

struct JsonBody {
  enum class Outcome { kNone, kParsed, kTooLarge, kInvalid };
  Outcome outcome = Outcome::kNone;
  boost::json::value value;  // kParsed only
};

bool IsJsonContentType(const http::Request& request);
JsonBody ReadJsonBody(const http::Request& request, std::size_t limit = kJsonBodyLimit);

}  // namespace nmshd::connector
