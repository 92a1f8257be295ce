#include "logging/line_formatters.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "base/iso_date.h"
#include "base/js_json.h"
#include "logging/correlation_id.h"
#include "logging/log_level.h"

namespace nmshd::logging {
namespace {

std::vector<PatternLayoutFormatter::Token> Compile(const std::string& pattern) {
  std::vector<PatternLayoutFormatter::Token> tokens;
  auto literal = [&](std::string_view text) {
    if (tokens.empty() || tokens.back().kind != 0) tokens.push_back({});
    tokens.back().text += text;
  };
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] != '%' || i + 1 >= pattern.size()) {
      literal(std::string_view(&pattern[i], 1));
      ++i;
      continue;
    }
    std::size_t start = i++;
    PatternLayoutFormatter::Token t;
    if (pattern[i] == '-') {
      t.leftAlign = true;
      ++i;
    }
    while (i < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i]))) {
      t.minWidth = t.minWidth * 10 + static_cast<std::size_t>(pattern[i++] - '0');
    }
    if (i < pattern.size() && pattern[i] == '.') {
      ++i;
      while (i < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i]))) {
        t.maxWidth = t.maxWidth * 10 + static_cast<std::size_t>(pattern[i++] - '0');
      }
    }
    if (i >= pattern.size()) {
      literal(std::string_view(pattern).substr(start));
      break;
    }
    t.kind = pattern[i++];
    if (i < pattern.size() && pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        t.text = pattern.substr(i + 1, close - i - 1);
        i = close + 1;
      }
    }
    switch (t.kind) {
      case 'd': case 'p': case 'c': case 'm': case 'n': case 'z': case 'x': case 'r':
        tokens.push_back(std::move(t));
        break;
      case '%': literal("%"); break;
      case '[': case ']': break;  // colour markers: plain text output
      default: literal(std::string_view(pattern).substr(start, i - start));
    }
  }
  return tokens;
}

std::string LocalTime(const spdlog::details::log_msg& msg, bool withDate) {
  auto t = std::chrono::system_clock::to_time_t(msg.time);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count() % 1000;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, withDate ? "%Y-%m-%dT%H:%M:%S" : "%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03d", buf, static_cast<int>(ms));
  return out;
}

void Append(spdlog::memory_buf_t& dest, std::string_view value, const PatternLayoutFormatter::Token& t) {
  if (t.maxWidth != 0 && value.size() > t.maxWidth) value = value.substr(0, t.maxWidth);
  std::size_t pad = t.minWidth > value.size() ? t.minWidth - value.size() : 0;
  if (!t.leftAlign) for (std::size_t i = 0; i < pad; ++i) dest.push_back(' ');
  dest.append(value.data(), value.data() + value.size());
  if (t.leftAlign) for (std::size_t i = 0; i < pad; ++i) dest.push_back(' ');
}

}  // namespace

PatternLayoutFormatter::PatternLayoutFormatter(std::string pattern)
    : pattern_(std::move(pattern)), tokens_(Compile(pattern_)) {}

void PatternLayoutFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  for (const auto& t : tokens_) {
    switch (t.kind) {
      case 0: dest.append(t.text.data(), t.text.data() + t.text.size()); break;
      case 'd': Append(dest, LocalTime(msg, t.text != "ABSOLUTE"), t); break;
      case 'r': Append(dest, LocalTime(msg, false), t); break;
      case 'p': Append(dest, LevelName(msg.level), t); break;
      case 'c': Append(dest, std::string_view(msg.logger_name.data(), msg.logger_name.size()), t); break;
      case 'm': Append(dest, std::string_view(msg.payload.data(), msg.payload.size()), t); break;
      case 'n': dest.push_back('\n'); break;
      case 'z': Append(dest, std::to_string(::getpid()), t); break;
      case 'x': Append(dest, t.text == "correlationId" ? std::string_view(CurrentCorrelationId()) : "", t); break;
      default: break;
    }
  }
  dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> PatternLayoutFormatter::clone() const {
  return std::make_unique<PatternLayoutFormatter>(pattern_);
}

void JsonLineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  boost::json::object line;
  line["@t"] = FormatIsoUtc(std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time));
  line["@l"] = LevelName(msg.level);
  line["@mt"] = std::string_view(msg.payload.data(), msg.payload.size());
  line["category"] = std::string_view(msg.logger_name.data(), msg.logger_name.size());
  if (!CurrentCorrelationId().empty()) line["correlationId"] = CurrentCorrelationId();
  std::string text = json::Stringify(line);
  dest.append(text.data(), text.data() + text.size());
  dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> JsonLineFormatter::clone() const {
  return std::make_unique<JsonLineFormatter>();
}

}  // namespace nmshd::logging
