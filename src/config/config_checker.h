#pragma once
// Plain typed checks for a merged configuration. A check that fails records a problem that names
// the key ("transportLibrary.baseUrl: must start with http:// or https://") and carries on, so an
// operator sees every mistake of a config at once; ThrowIfAny() then raises them together as
// one CodedError "error.config.invalid".
#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::config {

class ConfigProblems {
 public:
  void Add(std::string_view key, std::string_view problem);
  bool empty() const { return problems_.empty(); }
  const std::vector<std::string>& list() const { return problems_; }
  // Throws CodedError("error.config.invalid", "<subject> is invalid:\n  - key: problem\n  ...").
  void ThrowIfAny(std::string_view subject) const;

 private:
  std::vector<std::string> problems_;
};

enum class Presence { kOptional, kRequired };

// Each accessor reads `parent[key]`, reports problems under the display name `where.key` (or `key`
// when `where` is empty) and returns nullopt/nullptr when the value is absent or wrong.
class ConfigChecker {
 public:
  explicit ConfigChecker(ConfigProblems& problems) : problems_(problems) {}

  static std::string Name(std::string_view where, std::string_view key);

  const boost::json::object* Object(const boost::json::object& parent, std::string_view key,
                                    std::string_view where, Presence presence);
  const boost::json::array* Array(const boost::json::object& parent, std::string_view key,
                                  std::string_view where, Presence presence);
  std::optional<std::string> String(const boost::json::object& parent, std::string_view key,
                                    std::string_view where, Presence presence,
                                    bool allowEmpty = false);
  std::optional<bool> Bool(const boost::json::object& parent, std::string_view key,
                           std::string_view where, Presence presence);
  // Integers in [min, max]; `allowNumericString` accepts "8080" (the official schema allows a
  // string port, and env/argv values that were quoted stay strings).
  std::optional<std::int64_t> Integer(const boost::json::object& parent, std::string_view key,
                                      std::string_view where, Presence presence, std::int64_t min,
                                      std::int64_t max, bool allowNumericString = false);
  // additionalProperties:false.
  void OnlyKeys(const boost::json::object& object, std::string_view where,
                std::initializer_list<std::string_view> allowed);

  ConfigProblems& problems() { return problems_; }

 private:
  ConfigProblems& problems_;
};

// JSON kind in words for messages ("a string", "an object", ...).
std::string DescribeKind(const boost::json::value& value);

}  // namespace nmshd::config
