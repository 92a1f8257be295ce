#include "consumption/iql/iql_evaluator.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <string>

#include "base/coded_error.h"
#include "consumption/iql/js_values.h"

namespace nmshd::consumption::iql {
namespace {

namespace js = boost::json;
using Indices = std::vector<std::size_t>;
using MatchFn = std::function<bool(const js::value&)>;

[[noreturn]] void ThrowTypeError(const std::string& message) {
  throw CodedError("error.runtime.unknown", "An error was thrown in a UseCase: " + message);
}

// resolvePath: the field at `path`, or nullptr where a key is missing (Object.keys of a string,
// number, boolean or array never holds a path segment, which starts with a letter).
const js::value* ResolvePath(const js::object& attribute, const std::vector<std::string>& path) {
  const js::value* current = nullptr;
  const js::object* object = &attribute;
  for (const auto& segment : path) {
    if (current != nullptr) {
      if (current->is_null()) ThrowTypeError("Cannot convert undefined or null to object");
      if (!current->is_object()) return nullptr;
      object = &current->get_object();
    }
    current = object->if_contains(segment);
    if (current == nullptr) return nullptr;
  }
  return current;
}

MatchFn PredicateFn(const IqlPredicate& predicate) {
  const std::string rhs = predicate.rhs;
  switch (predicate.op) {
    case '=':
      return [rhs](const js::value& v) { return JsString(v) == rhs; };
    case '>': {
      const double limit = JsDateParse(rhs);
      return [limit](const js::value& v) { return JsDateValue(v) >= limit; };
    }
    case '<': {
      const double limit = JsDateParse(rhs);
      return [limit](const js::value& v) { return JsDateValue(v) <= limit; };
    }
    case '~':
      return [rhs](const js::value& v) {
        if (!v.is_array()) return false;
        return std::any_of(v.get_array().begin(), v.get_array().end(),
                           [&rhs](const js::value& e) { return e.is_string() && e.get_string() == rhs; });
      };
    default:  // '?'
      return [](const js::value& v) {
        if (v.is_array()) return !v.get_array().empty();
        if (v.is_object()) return !v.get_object().empty();
        return true;
      };
  }
}

// match(): resolvePath first (so a TypeError is raised whatever the type), then the type filter.
Indices Match(const std::vector<const js::object*>& attributes, const std::vector<std::string>& path,
              const MatchFn& fn, const std::string* attribute_type) {
  Indices out;
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const js::value* v = ResolvePath(*attributes[i], path);
    if (attribute_type != nullptr) {
      const auto* value = attributes[i]->if_contains("value");
      if (value == nullptr || value->is_null()) {
        ThrowTypeError(std::string("Cannot read properties of ") + (value == nullptr ? "undefined" : "null") +
                       " (reading '@type')");
      }
      const auto* type = value->is_object() ? value->get_object().if_contains("@type") : nullptr;
      if (type == nullptr || !type->is_string() || type->get_string() != *attribute_type) continue;
    }
    if (v != nullptr && !v->is_null() && fn(*v)) out.push_back(i);
  }
  return out;
}

std::vector<std::string> Prefixed(std::string_view first, const std::vector<std::string>& rest) {
  std::vector<std::string> out{std::string(first)};
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

Indices Evaluate(const IqlNode& node, const std::vector<const js::object*>& attributes) {
  switch (node.kind) {
    case IqlNode::Kind::kOr: {
      Indices acc = Evaluate(*node.children.front(), attributes);
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        const Indices next = Evaluate(*node.children[i], attributes);
        Indices merged;
        std::set_union(acc.begin(), acc.end(), next.begin(), next.end(), std::back_inserter(merged));
        acc = std::move(merged);
      }
      return acc;
    }
    case IqlNode::Kind::kAnd: {
      Indices acc = Evaluate(*node.children.front(), attributes);
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        const Indices next = Evaluate(*node.children[i], attributes);
        Indices merged;
        std::set_intersection(acc.begin(), acc.end(), next.begin(), next.end(), std::back_inserter(merged));
        acc = std::move(merged);
      }
      return acc;
    }
    case IqlNode::Kind::kNot: {
      const Indices inner = Evaluate(*node.children.front(), attributes);
      Indices out;
      std::size_t k = 0;
      for (std::size_t i = 0; i < attributes.size(); ++i) {
        while (k < inner.size() && inner[k] < i) ++k;
        if (k == inner.size() || inner[k] != i) out.push_back(i);
      }
      return out;
    }
    case IqlNode::Kind::kPrimaryField: {
      if (!node.predicate) {
        const std::string type = node.attribute_type;
        return Match(attributes, {"value", "@type"},
                     [type](const js::value& v) { return v.is_string() && v.get_string() == type; }, nullptr);
      }
      const auto path = node.path.empty() ? std::vector<std::string>{"value", "value"} : Prefixed("value", node.path);
      return Match(attributes, path, PredicateFn(*node.predicate), &node.attribute_type);
    }
    case IqlNode::Kind::kMetadataField:
      return Match(attributes, node.path, PredicateFn(*node.predicate), nullptr);
    case IqlNode::Kind::kTag: {
      const std::string tag = node.tag;
      return Match(
          attributes, {"tags"},
          [tag](const js::value& v) {
            return v.is_array() && std::any_of(v.get_array().begin(), v.get_array().end(), [&tag](const js::value& e) {
                     return e.is_string() && e.get_string() == tag;
                   });
          },
          nullptr);
    }
  }
  return {};
}

}  // namespace

std::vector<std::size_t> EvaluateIql(const IqlNode& query, const std::vector<const js::object*>& attributes) {
  return Evaluate(query, attributes);
}

}  // namespace nmshd::consumption::iql
