#include "storage/filter_syntax.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::storage {
namespace {

bool IsJsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsJsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsJsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool AllOf(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// Whole-string JS decimal literal that starts with a digit after the optional sign (what both
// parseInt(s, 10) and Number(s) accept): [+-]? digits [. digits*] [(e|E) [+-]? digits].
bool IsDecimalLiteral(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size() || !IsDigit(s[i])) return false;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !IsDigit(s[i])) return false;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  return i == s.size();
}

bool IsRadixLiteral(std::string_view s) {
  if (s.size() < 3 || s[0] != '0') return false;
  const std::string_view digits = s.substr(2);
  switch (s[1]) {
    case 'x':
    case 'X': return AllOf(digits, [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
    case 'o':
    case 'O': return AllOf(digits, [](char c) { return c >= '0' && c <= '7'; });
    case 'b':
    case 'B': return AllOf(digits, [](char c) { return c == '0' || c == '1'; });
    default: return false;
  }
}

boost::json::value NumberValue(double d) {
  // JS has one number type; integral values are kept as integers so they print and bind as such.
  if (std::nearbyint(d) == d && std::fabs(d) < 9007199254740992.0) return static_cast<std::int64_t>(d);
  return d;
}

// JS String(value) for the values ParseFilterValue produces.
std::string JsString(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return nmshd::json::Stringify(v);
}

bool MatchesKeyPattern(std::string_view key) {
  // /^[a-zA-Z_@][a-zA-Z@0-9-_]*(\.[a-zA-Z_@][a-zA-Z@0-9-_]*)*$/
  auto first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@'; };
  auto rest = [&](char c) { return first(c) || IsDigit(c) || c == '-'; };
  bool segment_start = true;
  if (key.empty()) return false;
  for (char c : key) {
    if (segment_start) {
      if (!first(c)) return false;
      segment_start = false;
    } else if (c == '.') {
      segment_start = true;
    } else if (!rest(c)) {
      return false;
    }
  }
  return !segment_start;
}

bool MatchesArrayKeyPattern(std::string_view key) {
  // /^[a-zA-Z@æøå0-9-_.]+(\[])?$/i (the key has already lost its "[]"); æøå are accepted here and then
  // refused by FieldPath with a CodedError.
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '@' || c == '-' || c == '_' ||
        c == '.' || u >= 0x80) {
      continue;
    }
    return false;
  }
  return true;
}

bool IsOperatorChar(char c) { return c == '!' || c == '^' || c == '$' || c == '~' || c == '>' || c == '<'; }

// One operator item: the operator character, whether a '=' followed it, and the rest.
struct OperatorItem {
  char op;
  bool eq;
  std::string rest;
};

OperatorItem SplitOperator(std::string_view item) {
  const bool eq = item.size() > 1 && item[1] == '=';
  return OperatorItem{item[0], eq, std::string(item.substr(eq ? 2 : 1))};
}

Condition RegexCondition(const std::string& path, const OperatorItem& item) {
  const std::string value = JsString(ParseFilterValue(item.rest));
  std::string pattern = value;
  if (item.op == '^') pattern = "^" + value;
  if (item.op == '$') pattern = value + "$";
  return Condition::Regex(path, pattern, /*case_insensitive=*/true);
}

Condition ComparisonCondition(const std::string& path, const OperatorItem& item) {
  auto value = ParseFilterValue(item.rest);
  if (value.is_bool()) {
    // Mongo compares a boolean operand only with booleans; the model has no boolean ordering, so
    // compare the literal text instead (matches no real document field, like upstream in practice).
    value = boost::json::string(JsString(value));
  }
  if (item.op == '>') return item.eq ? Condition::GreaterOrEqual(path, value) : Condition::Greater(path, value);
  return item.eq ? Condition::LessOrEqual(path, value) : Condition::Less(path, value);
}

void AddSingle(Filter& filter, const std::string& path, const std::string& value) {
  if (value.empty()) {
    filter.Where(Condition::Exists(path));
    return;
  }
  if (!IsOperatorChar(value[0])) {
    filter.Where(Condition::Equals(path, ParseFilterValue(value)));
    return;
  }
  const auto item = SplitOperator(value);
  switch (item.op) {
    case '!':
      if (item.rest.empty()) {
        filter.Where(Condition::NotExists(path));
      } else {
        filter.Where(Condition::NotEquals(path, ParseFilterValue(item.rest)));
      }
      return;
    case '>':
    case '<': filter.Where(ComparisonCondition(path, item)); return;
    default: filter.Where(RegexCondition(path, item)); return;
  }
}

void AddRepeated(Filter& filter, const std::string& path, const std::vector<std::string>& values) {
  std::vector<boost::json::value> in;
  std::vector<boost::json::value> not_in;
  bool has_in = false;
  bool has_not_in = false;
  std::optional<OperatorItem> gt, gte, lt, lte, regex;  // upstream keeps the last of each
  for (const auto& value : values) {
    if (value.empty() || !IsOperatorChar(value[0])) {
      has_in = true;
      in.push_back(ParseFilterValue(value));
      continue;
    }
    auto item = SplitOperator(value);
    switch (item.op) {
      case '!':
        has_not_in = true;
        not_in.push_back(ParseFilterValue(item.rest));
        break;
      case '>': (item.eq ? gte : gt) = item; break;
      case '<': (item.eq ? lte : lt) = item; break;
      default: regex = item; break;
    }
  }
  if (has_in) filter.Where(Condition::In(path, std::move(in)));
  if (has_not_in) filter.Where(Condition::NotIn(path, std::move(not_in)));
  for (const auto* item : {&gt, &gte, &lt, &lte}) {
    if (*item) filter.Where(ComparisonCondition(path, **item));
  }
  if (regex) filter.Where(RegexCondition(path, *regex));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Node's querystring.unescape: '+' is a space, %XX is a byte, and a malformed escape stays literal
// (Express accepts what a strict RFC 3986 parser such as Boost.URL would reject, e.g. raw '^' or '<').
std::string DecodeComponent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 1]) * 16 + HexDigit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

boost::json::value ParseFilterValue(std::string_view text) {
  std::string lower(text);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true") return true;
  if (lower == "false") return false;
  const std::string_view trimmed = Trim(text);
  // parseInt(s, 10) must see a digit (after whitespace and an optional sign), and Number(s) must be
  // finite; the value is then parseFloat(s).
  if (IsDecimalLiteral(trimmed)) {
    std::string_view digits = trimmed;
    if (digits.front() == '+') digits.remove_prefix(1);
    double d = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
    if (ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(d)) return NumberValue(d);
    return boost::json::string(text);
  }
  if (IsRadixLiteral(trimmed)) return std::int64_t{0};  // parseFloat("0x1A") stops after the "0"
  return boost::json::string(text);
}

Filter ParseRestFilter(const QueryParameters& parameters, const FilterSyntaxOptions& options) {
  // Group by key in order of first appearance, like a JS object built by the query parser.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& [key, value] : parameters) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) {
      groups.emplace_back(key, std::vector<std::string>{value});
    } else {
      it->second.push_back(value);
    }
  }
  Filter filter;
  for (auto& [raw_key, values] : groups) {
    if (raw_key == "__proto__") continue;
    const bool repeated = values.size() > 1;
    std::string key = raw_key;
    if (repeated && key.size() >= 2 && key.compare(key.size() - 2, 2, "[]") == 0) key.resize(key.size() - 2);
    if (!options.allowed_keys.empty() && options.allowed_keys.count(key) == 0) continue;
    if (auto alias = options.aliases.find(key); alias != options.aliases.end()) key = alias->second;
    if (repeated ? !MatchesArrayKeyPattern(key) : !MatchesKeyPattern(key)) continue;
    const auto first_new = filter.conditions.size();
    if (repeated) {
      AddRepeated(filter, key, values);
    } else {
      AddSingle(filter, key, values.front());
    }
    if (options.scalar_fields.count(key) != 0) {
      for (auto i = first_new; i < filter.conditions.size(); ++i) {
        filter.conditions[i] = filter.conditions[i].ScalarOnly();
      }
    }
  }
  return filter;
}

QueryParameters ParseQueryString(std::string_view query) {
  QueryParameters out;
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t amp = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    out.emplace_back(DecodeComponent(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : DecodeComponent(pair.substr(eq + 1)));
  }
  return out;
}

}  // namespace nmshd::storage
