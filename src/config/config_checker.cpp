#include "config/config_checker.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/coded_error.h"

namespace nmshd::config {

void ConfigProblems::Add(std::string_view key, std::string_view problem) {
  problems_.push_back(std::string(key) + ": " + std::string(problem));
}

void ConfigProblems::ThrowIfAny(std::string_view subject) const {
  if (problems_.empty()) return;
  std::string message = std::string(subject) + " is invalid:";
  for (const auto& p : problems_) message += "\n  - " + p;
  throw CodedError("error.config.invalid", message);
}

std::string DescribeKind(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

std::string ConfigChecker::Name(std::string_view where, std::string_view key) {
  if (where.empty()) return std::string(key);
  return std::string(where) + "." + std::string(key);
}

namespace {

const boost::json::value* Lookup(const boost::json::object& parent, std::string_view key) {
  auto it = parent.find(key);
  return it == parent.end() ? nullptr : &it->value();
}

}  // namespace

const boost::json::object* ConfigChecker::Object(const boost::json::object& parent,
                                                 std::string_view key, std::string_view where,
                                                 Presence presence) {
  const auto* v = Lookup(parent, key);
  if (v == nullptr) {
    if (presence == Presence::kRequired) problems_.Add(Name(where, key), "is required");
    return nullptr;
  }
  if (!v->is_object()) {
    problems_.Add(Name(where, key), "must be an object, not " + DescribeKind(*v));
    return nullptr;
  }
  return &v->get_object();
}

const boost::json::array* ConfigChecker::Array(const boost::json::object& parent,
                                               std::string_view key, std::string_view where,
                                               Presence presence) {
  const auto* v = Lookup(parent, key);
  if (v == nullptr) {
    if (presence == Presence::kRequired) problems_.Add(Name(where, key), "is required");
    return nullptr;
  }
  if (!v->is_array()) {
    problems_.Add(Name(where, key), "must be an array, not " + DescribeKind(*v));
    return nullptr;
  }
  return &v->get_array();
}

std::optional<std::string> ConfigChecker::String(const boost::json::object& parent,
                                                 std::string_view key, std::string_view where,
                                                 Presence presence, bool allowEmpty) {
  const auto* v = Lookup(parent, key);
  if (v == nullptr) {
    if (presence == Presence::kRequired) problems_.Add(Name(where, key), "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    problems_.Add(Name(where, key), "must be a string, not " + DescribeKind(*v));
    return std::nullopt;
  }
  if (!allowEmpty && v->get_string().empty()) {
    problems_.Add(Name(where, key), "must not be empty");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<bool> ConfigChecker::Bool(const boost::json::object& parent, std::string_view key,
                                        std::string_view where, Presence presence) {
  const auto* v = Lookup(parent, key);
  if (v == nullptr) {
    if (presence == Presence::kRequired) problems_.Add(Name(where, key), "is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    problems_.Add(Name(where, key), "must be true or false, not " + DescribeKind(*v));
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::int64_t> ConfigChecker::Integer(const boost::json::object& parent,
                                                   std::string_view key, std::string_view where,
                                                   Presence presence, std::int64_t min,
                                                   std::int64_t max, bool allowNumericString) {
  const auto* v = Lookup(parent, key);
  std::string range = "must be an integer " + std::to_string(min) + ".." + std::to_string(max);
  if (v == nullptr) {
    if (presence == Presence::kRequired) problems_.Add(Name(where, key), "is required");
    return std::nullopt;
  }
  std::optional<std::int64_t> number;
  if (v->is_int64()) {
    number = v->get_int64();
  } else if (v->is_uint64()) {
    if (v->get_uint64() <= static_cast<std::uint64_t>(max)) number = static_cast<std::int64_t>(v->get_uint64());
  } else if (v->is_double()) {
    double d = v->get_double();
    if (std::trunc(d) == d && d >= static_cast<double>(min) && d <= static_cast<double>(max)) {
      number = static_cast<std::int64_t>(d);
    }
  } else if (v->is_string() && allowNumericString) {
    const auto& s = v->get_string();
    std::int64_t parsed = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (res.ec == std::errc() && res.ptr == s.data() + s.size() && !s.empty()) number = parsed;
  }
  if (!number || *number < min || *number > max) {
    std::string got = v->is_string() ? "\"" + std::string(v->get_string()) + "\"" : DescribeKind(*v);
    if (v->is_number()) got = boost::json::serialize(*v);
    problems_.Add(Name(where, key), range + ", not " + got);
    return std::nullopt;
  }
  return number;
}

void ConfigChecker::OnlyKeys(const boost::json::object& object, std::string_view where,
                             std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : object) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      problems_.Add(Name(where, kv.key()), "is not a known key (allowed: " + list + ")");
    }
  }
}

}  // namespace nmshd::config
