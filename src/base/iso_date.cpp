#include "base/iso_date.h"

#include <charconv>
#include <cstdio>

#include "base/coded_error.h"

namespace nmshd {
namespace {

[[noreturn]] void Fail(std::string_view text, const char* why) {
  throw CodedError("error.base.invalidDate",
                   "'" + std::string(text.substr(0, 64)) + "' is not an ISO 8601 date-time: " + why);
}

int Digits(std::string_view text, std::size_t& pos, std::size_t count, std::string_view whole) {
  if (pos + count > text.size()) Fail(whole, "too short");
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + count, value);
  if (ec != std::errc() || ptr != text.data() + pos + count) Fail(whole, "expected digits");
  pos += count;
  return value;
}

void Expect(std::string_view text, std::size_t& pos, char c, std::string_view whole) {
  if (pos >= text.size() || text[pos] != c) Fail(whole, "unexpected character");
  ++pos;
}

}  // namespace

TimePoint NowMs() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string FormatIsoUtc(TimePoint t) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  hh_mm_ss<milliseconds> hms{t - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

TimePoint ParseIso(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = Digits(text, pos, 4, text);
  Expect(text, pos, '-', text);
  int mo = Digits(text, pos, 2, text);
  Expect(text, pos, '-', text);
  int d = Digits(text, pos, 2, text);
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) Fail(text, "no such calendar date");
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    Fail(text, "missing time");
  }
  ++pos;
  int h = Digits(text, pos, 2, text);
  Expect(text, pos, ':', text);
  int mi = Digits(text, pos, 2, text);
  int s = 0;
  int ms = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    s = Digits(text, pos, 2, text);
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      int scale = 100;
      std::size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        ms += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) Fail(text, "empty fraction");
    }
  }
  if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi != 0 || s != 0 || ms != 0))) {
    Fail(text, "time out of range");
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = Digits(text, pos, 2, text);
    if (pos < text.size() && text[pos] == ':') ++pos;
    int om = Digits(text, pos, 2, text);
    offset_minutes = sign * (oh * 60 + om);
  } else {
    Fail(text, "missing time zone ('Z' or an offset)");
  }
  if (pos != text.size()) Fail(text, "trailing characters");
  auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms} -
           minutes{offset_minutes};
  return time_point_cast<milliseconds>(t);
}

}  // namespace nmshd
