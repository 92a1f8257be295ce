#pragma once
// log4js' logLevelFilter as an spdlog sink: forwards only messages whose level is within
// [min, max] to a shared target sink. The target keeps its own formatter (its layout); several
// filters may share one target, which is why this wraps instead of setting the target's level.
#include <spdlog/sinks/sink.h>

#include <memory>

#include "logging/log_level.h"

namespace nmshd::logging {

class LevelFilterSink final : public spdlog::sinks::sink {
 public:
  LevelFilterSink(std::shared_ptr<spdlog::sinks::sink> target, Level min, Level max)
      : target_(std::move(target)), max_(max) {
    set_level(min);  // spdlog::logger consults should_log() before calling log()
  }

  void log(const spdlog::details::log_msg& msg) override {
    if (msg.level <= max_ && target_->should_log(msg.level)) target_->log(msg);
  }
  void flush() override { target_->flush(); }
  // The layout belongs to the target appender.
  void set_pattern(const std::string&) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

 private:
  std::shared_ptr<spdlog::sinks::sink> target_;
  Level max_;
};

}  // namespace nmshd::logging
