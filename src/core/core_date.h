#pragma once
// CoreDate of @nmshd/core-types 7.0.0 as it travels on the wire. serialize()/toString() is luxon
// toISO() of the held DateTime; CoreDate.from(string) parses with zone "utc" and converts .toUTC(),
// so every date read from a string prints as "YYYY-MM-DDTHH:mm:ss.SSSZ", whatever offset it was
// written with ("2025-01-02T05:04:05.678+02:00" -> "2025-01-02T03:04:05.678Z"); a string without
// an offset is UTC, a date alone is midnight UTC, fractions beyond milliseconds are truncated.
//
// Deliberate difference: CoreDate.from(number)/CoreDate.local() keep the process time zone and
// print its offset (e.g. "+01:00"); this type always holds UTC and prints "Z", which is what the
// official code does whenever the process runs in UTC and what the Backbone always writes.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/iso_date.h"

namespace nmshd::core {

class CoreDate {
 public:
  explicit CoreDate(TimePoint t) : t_(t) {}
  static CoreDate Now() { return CoreDate(NowMs()); }
  static CoreDate FromMillis(std::int64_t ms_since_epoch);

  // Extended ISO 8601 as luxon's fromISO reads it in the common forms: date, date + hh:mm,
  // + :ss, + fraction, optional 'Z' or offset. Throws "error.core.date.invalid".
  static CoreDate Parse(std::string_view text);

  TimePoint time() const { return t_; }
  std::int64_t millis() const { return t_.time_since_epoch().count(); }
  std::string ToString() const { return FormatIsoUtc(t_); }

  auto operator<=>(const CoreDate&) const = default;

 private:
  TimePoint t_;
};

}  // namespace nmshd::core
