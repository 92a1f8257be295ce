#pragma once
// Accept negotiation as Express's req.accepts(types) (accepts 1.3 / negotiator 0.6), which
// typescript-rest uses for routes with an @Accept list (connector-surface §1.3).
//
// No Accept header (or an empty one) -> the first offered type. Otherwise each offered type takes
// the q of the most specific Accept entry it matches (a q=0 entry excludes it) and the offered types
// are ranked by q, then by how specific the match was (image/png over image/* over */*), then by
// the entry's position in the Accept header, then by the offered order. No match -> nullopt (the
// route answers 406).
#include <optional>
#include <string>
#include <vector>

namespace nmshd::connector {

std::optional<std::string> NegotiateMediaType(const std::optional<std::string>& accept_header,
                                              const std::vector<std::string>& offered);

}  // namespace nmshd::connector
