#pragma once
// Subscription patterns of the runtime event bus (EventEmitter2 with wildcard:true, delimiter "."):
//   "transport.messageSent"   exactly that namespace
//   "*"                       exactly one segment ("transport.*" matches "transport.messageSent",
//                             not "transport" and not "consumption.relationshipEvent.REL1")
//   "**"                      any number of segments, zero included ("consumption.**" matches
//                             "consumption", "consumption.attributeCreated" and
//                             "consumption.relationshipEvent.X"; "**" alone matches everything)
// Matching follows EventEmitter2 6.4.9's listener-tree search step by step, including its quirks
// with unusual patterns, so a trigger selects exactly the events it selects in the official
// Connector: "**" followed by a segment jumps to the first place that segment occurs ("**.b" does
// not match "a.b.b"), "**.**" matches nothing, "a.*.**" and "a.**.*" also match "a".
// (Each pattern as if alone: in the official tree such degenerate patterns can even affect one
// another.) Emitted namespaces are taken literally ("*" in an event name is no wildcard).
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::connector {

class EventPattern {
 public:
  explicit EventPattern(std::string_view pattern);

  bool Matches(std::string_view eventNamespace) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<std::string> segments_;
};

inline bool MatchesEventPattern(std::string_view pattern, std::string_view eventNamespace) {
  return EventPattern(pattern).Matches(eventNamespace);
}

}  // namespace nmshd::connector
