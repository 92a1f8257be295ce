#include "connector/events/event_pattern.h"

#include "base/split.h"

namespace nmshd::connector {
namespace {

using Segments = std::vector<std::string_view>;

// EventEmitter2 6.4.9 `searchListenerTree` for an emitted (wildcard-free) event, on a listener tree
// that holds only this pattern: node `d` is the pattern prefix of length d, its listeners exist iff
// d == pattern size. The wildcard branches continue past the end of the event (i > n) as the
// original does; that is where "a.*.**" comes to match "a".
class Ee2Search {
 public:
  Ee2Search(const std::vector<std::string>& pattern, const Segments& event) : p_(pattern), t_(event) {}

  bool Node(std::size_t d, std::size_t i) const {
    bool hit = false;
    if (i == n()) {
      hit = d == m();
    } else if (i < n() && d < m() && p_[d] == t_[i]) {
      hit = Node(d + 1, i + 1);  // tree[currentType]
    }
    if (d < m() && p_[d] == "*") hit = Node(d + 1, i + 1) || hit;        // tree['*']
    if (d < m() && p_[d] == "**") hit = DoubleStar(d + 1, i) || hit;   // tree['**']
    return hit;
  }

 private:
  // The tree['**'] part with `x` the node below the "**" and `i` the event segment it is at.
  bool DoubleStar(std::size_t x, std::size_t i) const {
    if (i < n()) {
      if (x == m()) return true;  // a trailing "**" takes whatever is left
      const auto& branch = p_[x];
      if (i + 1 < n() && branch == t_[i + 1]) return Node(x + 1, i + 2);  // the next segment matches: jump twice
      if (branch == t_[i]) return Node(x + 1, i + 1);
      return DoubleStar(x, i + 1);  // "**" swallows this segment
    }
    return x == m() || (x + 1 == m() && p_[x] == "*");
  }

  std::size_t m() const { return p_.size(); }
  std::size_t n() const { return t_.size(); }

  const std::vector<std::string>& p_;
  const Segments& t_;
};

}  // namespace

EventPattern::EventPattern(std::string_view pattern) : text_(pattern) {
  for (auto segment : SplitKeepEmpty(pattern, '.')) segments_.emplace_back(segment);
}

bool EventPattern::Matches(std::string_view eventNamespace) const {
  auto names = SplitKeepEmpty(eventNamespace, '.');
  return Ee2Search(segments_, names).Node(0, 0);
}

}  // namespace nmshd::connector
