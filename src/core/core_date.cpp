#include "core/core_date.h"

#include "base/coded_error.h"

namespace nmshd::core {

CoreDate CoreDate::FromMillis(std::int64_t ms_since_epoch) {
  return CoreDate(TimePoint(std::chrono::milliseconds(ms_since_epoch)));
}

CoreDate CoreDate::Parse(std::string_view text) {
  // luxon defaults what base::ParseIso requires: a missing time is midnight, a missing zone is
  // the "utc" zone CoreDate.from passes. Complete the text accordingly, then parse strictly.
  std::string full(text);
  const bool date_only = text.size() == 10;
  if (date_only) {
    full += "T00:00:00Z";
  } else if (text.size() > 10) {
    std::string_view time = text.substr(11);
    bool has_zone = time.find_first_of("Zz+-") != std::string_view::npos;
    if (!has_zone) full += 'Z';
  }
  try {
    return CoreDate(ParseIso(full));
  } catch (const CodedError&) {
    throw CodedError("error.core.date.invalid",
                     "'" + std::string(text.substr(0, 64)) +
                         "' is not an ISO 8601 date (YYYY-MM-DD[THH:mm[:ss[.SSS]]][Z|+hh:mm])");
  }
}

}  // namespace nmshd::core
