#pragma once
// Dates as the official clients print them: UTC, millisecond precision, "2025-01-02T03:04:05.678Z"
// (luxon toISO() of a UTC DateTime, .NET "yyyy-MM-ddTHH:mm:ss.fffZ", JS Date.toISOString()).
#include <chrono>
#include <string>
#include <string_view>

namespace nmshd {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

TimePoint NowMs();
std::string FormatIsoUtc(TimePoint t);
// Accepts ISO 8601 date-times with 'Z' or a numeric offset (+01:00, +0100), seconds and fractions
// optional; throws CodedError "error.base.invalidDate" otherwise.
TimePoint ParseIso(std::string_view text);

}  // namespace nmshd
