#pragma once
// spdlog formatters for the two layouts of logging_settings.h. Both read the correlation id from
// the calling thread: our loggers are synchronous, so formatting happens on the thread that logs.
// (Do not put them behind spdlog's async_logger without carrying the id in the message.)
#include <spdlog/formatter.h>

#include <memory>
#include <string>
#include <vector>

namespace nmshd::logging {

// log4js pattern layout (tokens: see logging_settings.h).
class PatternLayoutFormatter final : public spdlog::formatter {
 public:
  explicit PatternLayoutFormatter(std::string pattern);
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

  struct Token {
    char kind = 0;          // 0 = literal text, else the conversion character
    std::string text;       // literal text, or the {argument} of %d / %x
    bool leftAlign = false; // %-5p
    std::size_t minWidth = 0;
    std::size_t maxWidth = 0;  // %.20c; 0 = unlimited
  };

 private:
  std::string pattern_;
  std::vector<Token> tokens_;
};

// {"@t","@l","@mt","category","correlationId"} per line.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace nmshd::logging
