// The text/event-stream parser: events as the SSE module sees them, however the bytes are split.
#include "transport/backbone/sse_event_parser.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace nmshd::transport {
namespace {

struct Collector {
  std::vector<SseEvent> events;
  SseEventParser parser{[this](const SseEvent& e) { events.push_back(e); }};
};

std::vector<std::string> Types(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.type);
  return out;
}

TEST(SseEventParser, ReadsTheOfficialServersEvents) {
  Collector c;
  c.parser.Feed("event: ConnectionOpened\ndata: _\n\nevent: ExternalEventCreated\ndata: _\n\n");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].type, "ConnectionOpened");
  EXPECT_EQ(c.events[0].data, "_");
  EXPECT_EQ(c.events[1].type, "ExternalEventCreated");
}

TEST(SseEventParser, EventsSplitAtEveryByteArriveOnceAndWhole) {
  const std::string stream =
      "event: ConnectionOpened\r\ndata: _\r\n\r\n: keep-alive\r\n\r\nevent: ExternalEventCreated\r\ndata: _\r\n\r\n";
  for (std::size_t split = 0; split <= stream.size(); ++split) {
    Collector c;
    c.parser.Feed(std::string_view(stream).substr(0, split));
    c.parser.Feed(std::string_view(stream).substr(split));
    EXPECT_EQ(Types(c.events), (std::vector<std::string>{"ConnectionOpened", "ExternalEventCreated"})) << split;
  }
  Collector bytewise;
  for (char ch : stream) bytewise.parser.Feed(std::string_view(&ch, 1));
  EXPECT_EQ(Types(bytewise.events), (std::vector<std::string>{"ConnectionOpened", "ExternalEventCreated"}));
  // Nothing is dispatched before the empty line that ends the event.
  Collector partial;
  partial.parser.Feed("event: ExternalEventCreated\ndata: _\n");
  EXPECT_TRUE(partial.events.empty());
  partial.parser.Feed("\n");
  EXPECT_EQ(partial.events.size(), 1u);
}

TEST(SseEventParser, CommentsAndUnknownFieldsAreIgnored) {
  Collector c;
  c.parser.Feed(": keep-alive\n\n:\n\nfoo: bar\ndata: x\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, "message");
  EXPECT_EQ(c.events[0].data, "x");
}

TEST(SseEventParser, DataLinesAreJoinedWithLineFeeds) {
  Collector c;
  c.parser.Feed("data: first\ndata:second\ndata\ndata:  two spaces\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].data, "first\nsecond\n\n two spaces");
}

TEST(SseEventParser, CrAloneAndCrLfAndLfAllEndLines) {
  Collector c;
  c.parser.Feed("event: a\rdata: 1\r\revent: b\r\ndata: 2\r\n\r\nevent: c\ndata: 3\n\n");
  EXPECT_EQ(Types(c.events), (std::vector<std::string>{"a", "b", "c"}));
  // A CR at the end of one piece and the LF at the start of the next are one line end, not two.
  Collector split;
  split.parser.Feed("event: a\r");
  split.parser.Feed("\ndata: 1\r");
  split.parser.Feed("\n\r");
  split.parser.Feed("\n");
  ASSERT_EQ(split.events.size(), 1u);
  EXPECT_EQ(split.events[0].type, "a");
  EXPECT_EQ(split.events[0].data, "1");
}

TEST(SseEventParser, AnEventWithoutDataIsNotDispatchedAndItsNameIsForgotten) {
  Collector c;
  c.parser.Feed("event: lonely\n\ndata: y\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, "message");
}

TEST(SseEventParser, IdAndRetryAreKept) {
  Collector c;
  c.parser.Feed("retry: 2500\nid: 7\ndata: a\n\nretry: soon\ndata: b\n\n");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].last_event_id, "7");
  EXPECT_EQ(c.events[1].last_event_id, "7");  // the last id stays until a new one comes
  ASSERT_TRUE(c.parser.retry());
  EXPECT_EQ(c.parser.retry()->count(), 2500);  // "soon" is not a number and is ignored
}

TEST(SseEventParser, ALeadingByteOrderMarkIsSkippedEvenWhenSplit) {
  Collector c;
  c.parser.Feed("\xEF");
  c.parser.Feed("\xBB\xBF" "event: x\ndata: 1\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, "x");
}

TEST(SseEventParser, AnEndlessLineIsRefused) {
  SseEventParser parser([](const SseEvent&) {}, 16);
  parser.Feed("data: 0123456789");
  EXPECT_THROW(parser.Feed("abcdefghij"), std::length_error);
}

}  // namespace
}  // namespace nmshd::transport
