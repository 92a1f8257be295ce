#include "consumption/iql/js_values.h"

#include <cmath>
#include <ctime>
#include <limits>
#include <optional>

#include "base/js_json.h"

namespace nmshd::consumption::iql {
namespace {

namespace js = boost::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMsPerDay = 86400000.0;

double TimeClip(double t) {
  if (!std::isfinite(t) || std::abs(t) > 8.64e15) return kNaN;
  return std::trunc(t) + 0.0;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; unlike
// std::chrono::year it covers the years ±275760 JavaScript dates reach).
double DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<double>(era * 146097 + doe - 719468);
}

// The local time zone's offset (ms) at the UTC instant `utc_ms`.
double LocalOffsetMs(double utc_ms) {
  const std::time_t t = static_cast<std::time_t>(std::floor(utc_ms / 1000.0));
  std::tm local{};
  if (localtime_r(&t, &local) == nullptr) return 0;
  return static_cast<double>(local.tm_gmtoff) * 1000.0;
}

class IsoScanner {
 public:
  explicit IsoScanner(std::string_view s) : s_(s) {}
  bool AtEnd() const { return i_ == s_.size(); }
  bool Peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool Take(char c) {
    if (!Peek(c)) return false;
    ++i_;
    return true;
  }
  // Exactly n digits.
  std::optional<int> Digits(std::size_t n) {
    if (i_ + n > s_.size()) return std::nullopt;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const char c = s_[i_ + k];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    i_ += n;
    return v;
  }
  // One or more digits: the value of the first three as milliseconds.
  std::optional<int> Fraction() {
    std::size_t count = 0;
    int ms = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (count < 3) ms = ms * 10 + (s_[i_] - '0');
      ++count;
      ++i_;
    }
    if (count == 0) return std::nullopt;
    for (std::size_t k = count; k < 3; ++k) ms *= 10;
    return ms;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::string JsString(const js::value& v) {
  switch (v.kind()) {
    case js::kind::string:
      return std::string(v.get_string());
    case js::kind::null:
      return "null";
    case js::kind::array: {
      std::string out;
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ",";
        first = false;
        if (!e.is_null()) out += JsString(e);  // Array.prototype.join: null/undefined -> ""
      }
      return out;
    }
    case js::kind::object:
      return "[object Object]";
    default:  // numbers and booleans print as JSON.stringify prints them
      return json::Stringify(v);
  }
}

namespace {

// Local midnight of January 1st of `year`, as a time value.
double LocalNewYear(long long year) {
  const double utc_wall = DaysFromCivil(year, 1, 1) * kMsPerDay;
  const double guess = utc_wall - LocalOffsetMs(utc_wall);
  return TimeClip(utc_wall - LocalOffsetMs(guess));
}

// The one form of V8's fallback (legacy) parser reproduced: a lone unsigned number, optionally
// between blanks, is a year in local time ("12345", "1990 "); one or two digits are 2000–2049 or
// 1950–1999.
std::optional<double> LegacyYearOnly(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return std::nullopt;
  const auto last = text.find_last_not_of(' ');
  const auto digits = text.substr(first, last - first + 1);
  if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  long long year = std::stoll(std::string(digits));
  if (digits.size() <= 2) year += year < 50 ? 2000 : 1900;
  return LocalNewYear(year);
}

double IsoDateParse(std::string_view text);

}  // namespace

double JsDateParse(std::string_view text) {
  const double iso = IsoDateParse(text);
  if (!std::isnan(iso)) return iso;
  if (auto year = LegacyYearOnly(text)) return *year;
  return kNaN;
}

namespace {

double IsoDateParse(std::string_view text) {
  IsoScanner s(text);
  int year = 0;
  if (s.Peek('+') || s.Peek('-')) {
    const bool negative = s.Take('-');
    if (!negative) s.Take('+');
    const auto y = s.Digits(6);
    if (!y || (negative && *y == 0)) return kNaN;
    year = negative ? -*y : *y;
  } else {
    const auto y = s.Digits(4);
    if (!y) return kNaN;
    year = *y;
  }
  unsigned month = 1;
  unsigned day = 1;
  if (s.Take('-')) {
    const auto m = s.Digits(2);
    if (!m || *m < 1 || *m > 12) return kNaN;
    month = static_cast<unsigned>(*m);
    if (s.Take('-')) {
      const auto d = s.Digits(2);
      if (!d || *d < 1 || static_cast<unsigned>(*d) > DaysInMonth(year, month)) return kNaN;
      day = static_cast<unsigned>(*d);
    }
  }
  double time_ms = 0;
  bool has_time = false;
  std::optional<double> offset_ms;
  if (s.Take('T')) {
    has_time = true;
    const auto hh = s.Digits(2);
    if (!hh || !s.Take(':')) return kNaN;
    const auto mm = s.Digits(2);
    if (!mm) return kNaN;
    int ss = 0;
    int ms = 0;
    if (s.Take(':')) {
      const auto sec = s.Digits(2);
      if (!sec) return kNaN;
      ss = *sec;
      if (s.Take('.')) {
        const auto f = s.Fraction();
        if (!f) return kNaN;
        ms = *f;
      }
    }
    if (*hh > 24 || *mm > 59 || ss > 59 || (*hh == 24 && (*mm != 0 || ss != 0 || ms != 0))) return kNaN;
    time_ms = ((*hh * 60.0 + *mm) * 60.0 + ss) * 1000.0 + ms;
    if (s.Take('Z')) {
      offset_ms = 0;
    } else if (s.Peek('+') || s.Peek('-')) {
      const double sign = s.Take('-') ? -1 : (s.Take('+'), 1);
      const auto oh = s.Digits(2);
      if (!oh || !s.Take(':')) return kNaN;
      const auto om = s.Digits(2);
      if (!om || *oh > 23 || *om > 59) return kNaN;
      offset_ms = sign * (*oh * 60.0 + *om) * 60000.0;
    }
  }
  if (!s.AtEnd()) return kNaN;
  const double utc_wall = DaysFromCivil(year, month, day) * kMsPerDay + time_ms;
  if (!has_time) return TimeClip(utc_wall);
  if (offset_ms) return TimeClip(utc_wall - *offset_ms);
  // Local time: the offset in force at that wall time (a first guess, then corrected once).
  const double guess = utc_wall - LocalOffsetMs(utc_wall);
  return TimeClip(utc_wall - LocalOffsetMs(guess));
}

}  // namespace

double JsDateValue(const js::value& v) {
  switch (v.kind()) {
    case js::kind::int64:
      return TimeClip(static_cast<double>(v.get_int64()));
    case js::kind::uint64:
      return TimeClip(static_cast<double>(v.get_uint64()));
    case js::kind::double_:
      return TimeClip(v.get_double());
    case js::kind::bool_:
      return v.get_bool() ? 1 : 0;
    case js::kind::null:
      return 0;  // ToNumber(null)
    case js::kind::string:
      return JsDateParse(v.get_string());
    default:  // arrays and objects: ToPrimitive gives their String()
      return JsDateParse(JsString(v));
  }
}

}  // namespace nmshd::consumption::iql
