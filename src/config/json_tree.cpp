#include "config/json_tree.h"

namespace nmshd::config {

void DeepMerge(boost::json::object& base, const boost::json::object& overlay) {
  for (const auto& kv : overlay) {
    auto it = base.find(kv.key());
    if (it != base.end() && it->value().is_object() && kv.value().is_object()) {
      DeepMerge(it->value().get_object(), kv.value().get_object());
    } else {
      base[kv.key()] = kv.value();
    }
  }
}

std::vector<std::string> SplitKeyPath(std::string_view key) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < key.size(); ++i) {
    bool separator = key[i] == ':';
    if (!separator && key[i] == '_' && i + 1 < key.size() && key[i + 1] == '_') {
      separator = true;
      ++i;
    }
    if (separator) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(key[i]);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

void SetAtPath(boost::json::object& root, const std::vector<std::string>& path,
               boost::json::value value) {
  if (path.empty()) return;
  boost::json::object* node = &root;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    boost::json::value& child = (*node)[path[i]];
    if (!child.is_object()) child = boost::json::object();
    node = &child.get_object();
  }
  (*node)[path.back()] = std::move(value);
}

const boost::json::value* FindAtPath(const boost::json::object& root,
                                     const std::vector<std::string>& path) {
  const boost::json::object* node = &root;
  const boost::json::value* found = nullptr;
  for (const auto& segment : path) {
    if (node == nullptr) return nullptr;
    auto it = node->find(segment);
    if (it == node->end()) return nullptr;
    found = &it->value();
    node = found->is_object() ? &found->get_object() : nullptr;
  }
  return found;
}

boost::json::value ParseValueLikeNconf(std::string_view raw) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(raw, ec);
  if (ec) return boost::json::string(raw);
  return parsed;
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& segment : path) {
    if (!out.empty()) out.push_back('.');
    out += segment;
  }
  return out;
}

}  // namespace nmshd::config
