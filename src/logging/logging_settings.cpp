#include "logging/logging_settings.h"

#include <cctype>
#include <charconv>
#include <set>

#include "base/coded_error.h"

namespace nmshd::logging {
namespace {

[[noreturn]] void Fail(const std::string& key, const std::string& problem) {
  throw CodedError("error.logging.invalidConfig", "logging." + key + ": " + problem);
}

const boost::json::object& RequireObject(const boost::json::value& v, const std::string& key) {
  if (!v.is_object()) Fail(key, "must be an object");
  return v.get_object();
}

std::string RequireString(const boost::json::object& o, std::string_view field, const std::string& key) {
  const auto* v = o.if_contains(field);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) {
    Fail(key + "." + std::string(field), "must be a non-empty string");
  }
  return std::string(v->get_string());
}

// log4js accepts a byte count or a string with a K/M/G suffix (binary units).
std::uint64_t ParseSize(const boost::json::value& v, const std::string& key) {
  if (v.is_int64() && v.get_int64() > 0) return static_cast<std::uint64_t>(v.get_int64());
  if (v.is_uint64() && v.get_uint64() > 0) return v.get_uint64();
  if (v.is_string()) {
    std::string s(v.get_string());
    std::uint64_t multiplier = 1;
    if (!s.empty()) {
      char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
      if (unit == 'K') multiplier = 1024;
      if (unit == 'M') multiplier = 1024 * 1024;
      if (unit == 'G') multiplier = 1024ull * 1024 * 1024;
      if (multiplier != 1) s.pop_back();
    }
    std::uint64_t n = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), n);
    if (res.ec == std::errc() && res.ptr == s.data() + s.size() && n > 0) return n * multiplier;
  }
  Fail(key, "must be a positive byte count or a size like \"10M\"");
}

LayoutSettings ParseLayout(const boost::json::object& appender, const std::string& key) {
  LayoutSettings layout;
  const auto* v = appender.if_contains("layout");
  if (v == nullptr) return layout;
  const auto& o = RequireObject(*v, key + ".layout");
  std::string type = RequireString(o, "type", key + ".layout");
  if (type == "pattern") {
    layout.pattern = RequireString(o, "pattern", key + ".layout");
  } else if (type == "basic" || type == "colored" || type == "coloured") {
    layout.pattern = "[%d] [%p] %c - %m";
  } else if (type == "messagePassThrough") {
    layout.pattern = "%m";
  } else if (type == "json") {
    layout.kind = LayoutKind::kJson;
  } else {
    Fail(key + ".layout.type", "unsupported layout \"" + type +
                                   "\" (supported: pattern, basic, colored, messagePassThrough, json)");
  }
  return layout;
}

AppenderSettings ParseAppender(const std::string& name, const boost::json::value& v) {
  std::string key = "appenders." + name;
  const auto& o = RequireObject(v, key);
  AppenderSettings a;
  a.name = name;
  std::string type = RequireString(o, "type", key);
  if (type == "stdout" || type == "console") {
    a.kind = AppenderKind::kStdout;
  } else if (type == "stderr") {
    a.kind = AppenderKind::kStderr;
  } else if (type == "file" || type == "fileSync") {
    a.kind = AppenderKind::kFile;
    a.fileName = RequireString(o, "filename", key);
    if (const auto* size = o.if_contains("maxLogSize")) a.maxLogSize = ParseSize(*size, key + ".maxLogSize");
    if (const auto* backups = o.if_contains("backups")) {
      if (!backups->is_int64() || backups->get_int64() < 0 || backups->get_int64() > 1000) {
        Fail(key + ".backups", "must be an integer 0..1000");
      }
      a.backups = static_cast<std::size_t>(backups->get_int64());
    }
  } else if (type == "logLevelFilter") {
    a.kind = AppenderKind::kLevelFilter;
    a.target = RequireString(o, "appender", key);
    a.minLevel = ParseLevel(RequireString(o, "level", key), "logging." + key + ".level");
    if (o.if_contains("maxLevel") != nullptr) {
      a.maxLevel = ParseLevel(RequireString(o, "maxLevel", key), "logging." + key + ".maxLevel");
    }
    return a;
  } else {
    Fail(key + ".type", "unsupported appender type \"" + type +
                            "\" (supported: stdout, console, stderr, file, fileSync, logLevelFilter)");
  }
  a.layout = ParseLayout(o, key);
  return a;
}

CategorySettings ParseCategory(const std::string& name, const boost::json::value& v) {
  std::string key = "categories." + name;
  const auto& o = RequireObject(v, key);
  CategorySettings c;
  c.name = name;
  if (o.if_contains("level") != nullptr) {
    c.level = ParseLevel(RequireString(o, "level", key), "logging." + key + ".level");
  }
  if (const auto* list = o.if_contains("appenders")) {
    if (!list->is_array()) Fail(key + ".appenders", "must be an array of appender names");
    for (const auto& e : list->get_array()) {
      if (!e.is_string()) Fail(key + ".appenders", "must be an array of appender names");
      c.appenders.emplace_back(e.get_string());
    }
  }
  if (const auto* inherit = o.if_contains("inherit")) {
    if (!inherit->is_bool()) Fail(key + ".inherit", "must be true or false");
    c.inherit = inherit->get_bool();
  }
  return c;
}

}  // namespace

LoggingSettings LoggingSettings::Default() {
  LoggingSettings s;
  AppenderSettings out;
  out.name = "stdout";
  out.layout.pattern = kDefaultPattern;
  s.appenders.push_back(out);
  s.categories.push_back(CategorySettings{"default", Level::info, {"stdout"}, true});
  return s;
}

LoggingSettings ParseLoggingSettings(const boost::json::value& section) {
  if (!section.is_object()) {
    throw CodedError("error.logging.invalidConfig", "logging: must be an object");
  }
  const auto& root = section.get_object();
  LoggingSettings settings;

  const auto* appenders = root.if_contains("appenders");
  if (appenders == nullptr) Fail("appenders", "is required");
  for (const auto& kv : RequireObject(*appenders, "appenders")) {
    settings.appenders.push_back(ParseAppender(std::string(kv.key()), kv.value()));
  }
  std::set<std::string> names;
  for (const auto& a : settings.appenders) names.insert(a.name);
  for (const auto& a : settings.appenders) {
    if (a.kind != AppenderKind::kLevelFilter) continue;
    if (names.count(a.target) == 0) {
      Fail("appenders." + a.name + ".appender", "names no appender (\"" + a.target + "\")");
    }
    // Filters may chain; a chain that comes back to itself would never reach an output.
    std::set<std::string> seen{a.name};
    std::string next = a.target;
    while (true) {
      const AppenderSettings* t = nullptr;
      for (const auto& b : settings.appenders) {
        if (b.name == next) t = &b;
      }
      if (t == nullptr || t->kind != AppenderKind::kLevelFilter) break;
      if (!seen.insert(t->name).second) Fail("appenders." + a.name, "logLevelFilter chain forms a cycle");
      next = t->target;
    }
  }

  const auto* categories = root.if_contains("categories");
  if (categories == nullptr) Fail("categories", "is required");
  bool haveDefault = false;
  for (const auto& kv : RequireObject(*categories, "categories")) {
    CategorySettings c = ParseCategory(std::string(kv.key()), kv.value());
    for (const auto& ref : c.appenders) {
      if (names.count(ref) == 0) Fail("categories." + c.name + ".appenders", "names no appender (\"" + ref + "\")");
    }
    if (c.name == "default") {
      haveDefault = true;
      if (!c.level) Fail("categories.default.level", "is required");
      if (c.appenders.empty()) Fail("categories.default.appenders", "must name at least one appender");
    }
    settings.categories.push_back(std::move(c));
  }
  if (!haveDefault) Fail("categories.default", "is required");
  return settings;
}

}  // namespace nmshd::logging
