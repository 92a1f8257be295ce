#include "consumption/attributes/attribute_value_key.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <span>
#include <vector>

#include "base/base64.h"
#include "crypto/hash.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

void AppendCanonical(const js::value& v, std::string& out) {
  switch (v.kind()) {
    case js::kind::object: {
      // Sorted members, so that member order (which JsonDeepEqual ignores) does not change the key.
      std::vector<const js::key_value_pair*> members;
      members.reserve(v.get_object().size());
      for (const auto& member : v.get_object()) members.push_back(&member);
      std::sort(members.begin(), members.end(),
                [](const js::key_value_pair* a, const js::key_value_pair* b) { return a->key() < b->key(); });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        out += js::serialize(js::string(members[i]->key()));
        out += ':';
        AppendCanonical(members[i]->value(), out);
      }
      out += '}';
      return;
    }
    case js::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : v.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendCanonical(element, out);
      }
      out += ']';
      return;
    }
    case js::kind::int64:
    case js::kind::uint64:
    case js::kind::double_: {
      // JsonDeepEqual compares numbers as doubles: 1, 1.0 and -0 vs 0 must give one key.
      double d = v.to_number<double>();
      if (d == 0) d = 0;
      char buffer[32];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
      out += 'n';
      out.append(buffer, result.ptr);
      return;
    }
    default: out += js::serialize(v); return;  // string, bool, null
  }
}

}  // namespace

std::string AttributeValueKey(const js::value& value) {
  std::string canonical;
  AppendCanonical(value, canonical);
  const auto digest = crypto::Sha256(canonical);
  return base64::EncodeUrlNoPad(std::span<const std::uint8_t>(digest));
}

}  // namespace nmshd::consumption
