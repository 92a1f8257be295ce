#include "base/js_json.h"

#include <charconv>
#include <cmath>

#include "base/coded_error.h"

namespace nmshd::json {
namespace {

void AppendString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0x0f]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

// ECMAScript Number::toString(10) from the shortest round-trip digits.
void AppendDouble(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == 0) {
    out += '0';
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  auto epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = std::stoi(std::string(sci.substr(epos + 1)));
  int k = static_cast<int>(digits.size());
  int n = exp10 + 1;
  if (negative) out.push_back('-');
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
}

void Append(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); break;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case boost::json::kind::double_: AppendDouble(out, v.get_double()); break;
    case boost::json::kind::string: AppendString(out, v.get_string()); break;
    case boost::json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        Append(out, e);
      }
      out.push_back(']');
      break;
    }
    case boost::json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        AppendString(out, kv.key());
        out.push_back(':');
        Append(out, kv.value());
      }
      out.push_back('}');
      break;
    }
  }
}


}  // namespace

std::string Stringify(const boost::json::value& value) {
  std::string out;
  Append(out, value);
  return out;
}

boost::json::value Parse(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) {
    throw CodedError("error.base.invalidJson",
                     std::string(what) + " is not valid JSON: " + ec.message());
  }
  return v;
}

const boost::json::object& AsObject(const boost::json::value& v, std::string_view what) {
  if (!v.is_object()) {
    throw CodedError("error.base.invalidProperty", std::string(what) + " must be a JSON object");
  }
  return v.get_object();
}

const boost::json::value* Find(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}

const boost::json::string& RequireString(const boost::json::object& o, std::string_view key,
                                         std::string_view what) {
  const auto* v = Find(o, key);
  if (v == nullptr || !v->is_string()) {
    throw CodedError("error.base.invalidProperty",
                     std::string(what) + "." + std::string(key) + " must be a string");
  }
  return v->get_string();
}

std::int64_t RequireInt(const boost::json::object& o, std::string_view key,
                        std::string_view what) {
  const auto* v = Find(o, key);
  if (v != nullptr) {
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
        std::abs(v->get_double()) < 9.007199254740992e15) {
      return static_cast<std::int64_t>(v->get_double());
    }
  }
  throw CodedError("error.base.invalidProperty",
                   std::string(what) + "." + std::string(key) + " must be an integer" +
                       (v == nullptr ? " (missing)" : ""));
}

}  // namespace nmshd::json
