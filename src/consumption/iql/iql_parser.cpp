#include "consumption/iql/iql_parser.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "consumption/iql/utf16.h"

namespace nmshd::consumption::iql {
namespace {

using Node = std::unique_ptr<IqlNode>;

// [first, last] code point ranges of /[\p{C}\p{Mn}\p{Mc}]/u (generate_js_nonprintable.js).
struct CodePointRange {
  char32_t first;
  char32_t last;
};
constexpr CodePointRange kNonPrintable[] = {
#include "consumption/iql/js_nonprintable_ranges.inc"
};

bool IsNonPrintable(char32_t c) {
  const auto* it = std::upper_bound(std::begin(kNonPrintable), std::end(kNonPrintable), c,
                                    [](char32_t v, const CodePointRange& r) { return v < r.first; });
  return it != std::begin(kNonPrintable) && c <= (it - 1)->last;
}

std::string HexUpper(char32_t c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[c & 0xF]);
    c >>= 4;
  } while (c != 0);
  return out;
}

// peggy's literalEscape followed by unicodeEscape (SyntaxError.buildMessage), for the found text.
std::string DescribeFoundText(std::u32string_view found) {
  std::string out;
  for (char32_t c : found) {
    if (c == U'\\') {
      out += "\\\\";
    } else if (c == U'"') {
      out += "\\\"";
    } else if (c == 0) {
      out += "\\0";
    } else if (c == U'\t') {
      out += "\\t";
    } else if (c == U'\n') {
      out += "\\n";
    } else if (c == U'\r') {
      out += "\\r";
    } else if (c <= 0x0F) {
      out += "\\x0" + HexUpper(c);
    } else if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
      out += "\\x" + HexUpper(c);
    } else if (IsNonPrintable(c)) {
      out += "\\u{" + HexUpper(c) + "}";
    } else {
      out += ToUtf8(std::u32string_view(&c, 1));
    }
  }
  return out;
}

// `s.replaceAll(from, to)` for ASCII `from`/`to`: non-overlapping, left to right.
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit = s.find(from); hit != std::string::npos; hit = s.find(from, at)) {
    out.append(s, at, hit - at);
    out += to;
    at = hit + from.size();
  }
  out.append(s, at, std::string::npos);
  return out;
}

class Parser {
 public:
  explicit Parser(std::u16string input) : in_(std::move(input)) {}

  IqlParseResult Run() {
    Node result = Expr();
    if (result && pos_ == in_.size()) return result;
    if (result && pos_ < in_.size()) Fail("end of input");  // peg$endExpectation
    return BuildError();
  }

 private:
  // peg$fail: remembers what was expected at the furthest position reached outside named rules.
  void Fail(std::string_view description) {
    if (silent_ > 0 || pos_ < max_fail_pos_) return;
    if (pos_ > max_fail_pos_) {
      max_fail_pos_ = pos_;
      expected_.clear();
    }
    expected_.emplace_back(description);
  }

  bool Literal(std::u16string_view text, std::string_view description) {
    if (in_.compare(pos_, text.size(), text) == 0 && pos_ + text.size() <= in_.size()) {
      pos_ += text.size();
      return true;
    }
    Fail(description);
    return false;
  }
  template <typename Pred>
  bool Class(Pred pred) {
    if (pos_ < in_.size() && pred(in_[pos_])) {
      ++pos_;
      return true;
    }
    Fail("class");  // every class is matched inside a named rule: never recorded
    return false;
  }

  static bool Lower(char16_t c) { return c >= u'a' && c <= u'z'; }
  static bool Upper(char16_t c) { return c >= u'A' && c <= u'Z'; }
  static bool Alnum(char16_t c) { return Lower(c) || Upper(c) || (c >= u'0' && c <= u'9'); }

  // _ "whitespace" = [ \t\n\r]
  bool Space() {
    ++silent_;
    const bool ok = Class([](char16_t c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; });
    --silent_;
    if (!ok) Fail("whitespace");
    return ok;
  }
  bool Spaces() {
    if (!Space()) return false;
    while (Space()) {
    }
    return true;
  }

  // Head (_+ op _+ Head)*, folded into one kOr/kAnd node.
  Node Chain(IqlNode::Kind kind, std::u16string_view op, std::string_view op_description, Node (Parser::*next)()) {
    Node head = (this->*next)();
    if (!head) return nullptr;
    std::vector<Node> tail;
    for (;;) {
      const std::size_t s3 = pos_;
      Node element;
      if (Spaces() && Literal(op, op_description) && Spaces()) element = (this->*next)();
      if (!element) {
        pos_ = s3;
        break;
      }
      tail.push_back(std::move(element));
    }
    if (tail.empty()) return head;
    auto node = std::make_unique<IqlNode>();
    node->kind = kind;
    node->children.push_back(std::move(head));
    for (auto& t : tail) node->children.push_back(std::move(t));
    return node;
  }
  Node Expr() { return Chain(IqlNode::Kind::kOr, u"||", "\"||\"", &Parser::Expr0); }
  Node Expr0() { return Chain(IqlNode::Kind::kAnd, u"&&", "\"&&\"", &Parser::Expr1); }

  Node Expr1() {
    const std::size_t s0 = pos_;
    if (Literal(u"!", "\"!\"")) {
      if (Node inner = Expr1()) {
        auto node = std::make_unique<IqlNode>();
        node->kind = IqlNode::Kind::kNot;
        node->children.push_back(std::move(inner));
        return node;
      }
    }
    pos_ = s0;
    return Expr2();
  }

  Node Expr2() {
    const std::size_t s0 = pos_;
    if (Literal(u"(", "\"(\"") && Spaces()) {
      Node inner = Expr();
      if (inner && Spaces() && Literal(u")", "\")\"")) return inner;
    }
    pos_ = s0;
    return Term();
  }

  Node Term() {
    if (Node n = PrimaryFieldTerm()) return n;
    if (Node n = MetadataFieldTerm()) return n;
    return TagTerm();
  }

  // A named rule: silent inside; when it fails, the position is back at its start and the rule's
  // name is what was expected there.
  template <typename Body>
  auto Named(std::string_view description, Body body) -> decltype(body()) {
    const std::size_t s0 = pos_;
    ++silent_;
    auto result = body();
    --silent_;
    if (!result) {
      pos_ = s0;
      Fail(description);
    }
    return result;
  }

  Node PrimaryFieldTerm() {
    return Named("primary field term", [this]() -> Node {
      const std::size_t s0 = pos_;
      if (auto type = AttributeType()) {
        std::vector<std::string> path = DottedSegments();
        if (!path.empty()) {
          if (auto predicate = Predicate()) return Primary(std::move(*type), std::move(path), std::move(predicate));
        }
      }
      pos_ = s0;
      if (auto type = AttributeType()) {
        if (auto predicate = Predicate()) return Primary(std::move(*type), {}, std::move(predicate));
      }
      pos_ = s0;
      if (auto type = AttributeType()) return Primary(std::move(*type), {}, std::nullopt);
      pos_ = s0;
      return nullptr;
    });
  }
  static Node Primary(std::string type, std::vector<std::string> path, std::optional<IqlPredicate> predicate) {
    auto node = std::make_unique<IqlNode>();
    node->kind = IqlNode::Kind::kPrimaryField;
    node->attribute_type = std::move(type);
    node->path = std::move(path);
    node->predicate = std::move(predicate);
    return node;
  }

  Node MetadataFieldTerm() {
    return Named("metadata field term", [this]() -> Node {
      const std::size_t s0 = pos_;
      if (auto first = PathSegment()) {
        std::vector<std::string> path{std::move(*first)};
        for (auto& s : DottedSegments()) path.push_back(std::move(s));
        if (auto predicate = Predicate()) {
          auto node = std::make_unique<IqlNode>();
          node->kind = IqlNode::Kind::kMetadataField;
          node->path = std::move(path);
          node->predicate = std::move(predicate);
          return node;
        }
      }
      pos_ = s0;
      return nullptr;
    });
  }

  Node TagTerm() {
    return Named("tag term", [this]() -> Node {
      const std::size_t s0 = pos_;
      if (Literal(u"#", "\"#\"")) {
        if (auto tag = PredicateRhs()) {
          auto node = std::make_unique<IqlNode>();
          node->kind = IqlNode::Kind::kTag;
          node->tag = std::move(*tag);
          return node;
        }
      }
      pos_ = s0;
      return nullptr;
    });
  }

  // ("." PathSegment)*
  std::vector<std::string> DottedSegments() {
    std::vector<std::string> out;
    for (;;) {
      const std::size_t s3 = pos_;
      std::optional<std::string> segment;
      if (Literal(u".", "\".\"")) segment = PathSegment();
      if (!segment) {
        pos_ = s3;
        return out;
      }
      out.push_back(std::move(*segment));
    }
  }

  std::optional<IqlPredicate> Predicate() {
    const std::size_t s0 = pos_;
    const char16_t op = pos_ < in_.size() ? in_[pos_] : u'\0';
    if (Class([](char16_t x) { return x == u'=' || x == u'>' || x == u'<' || x == u'~'; })) {
      if (auto rhs = PredicateRhs()) return IqlPredicate{static_cast<char>(op), std::move(*rhs)};
    }
    pos_ = s0;
    if (Class([](char16_t x) { return x == u'?'; })) return IqlPredicate{'?', {}};
    return std::nullopt;
  }

  // "\\\\" / "\\'" / [^'\\] (quoted) or [^'\\ ] (unquoted)
  bool RhsToken(bool quoted) {
    if (Literal(u"\\\\", "\"\\\\\\\\\"")) return true;
    if (Literal(u"\\'", "\"\\\\'\"")) return true;
    return Class([quoted](char16_t c) { return c != u'\'' && c != u'\\' && (quoted || c != u' '); });
  }

  std::optional<std::string> PredicateRhs() {
    const std::size_t s0 = pos_;
    if (Literal(u"'", "\"'\"")) {
      const std::size_t from = pos_;
      while (RhsToken(true)) {
      }
      const std::size_t to = pos_;
      if (Literal(u"'", "\"'\"")) return Unescape(from, to);
    }
    pos_ = s0;
    while (RhsToken(false)) {
    }
    return Unescape(s0, pos_);  // the unquoted form may be empty
  }
  std::string Unescape(std::size_t from, std::size_t to) const {
    std::string raw = ToUtf8(std::u16string_view(in_).substr(from, to - from));
    return ReplaceAll(ReplaceAll(std::move(raw), "\\\\", "\\"), "\\'", "'");
  }

  std::optional<std::string> PathSegment() {
    const std::size_t s0 = pos_;
    if (Class(Lower) && Class(Alnum)) {
      while (Class(Alnum)) {
      }
      return ToUtf8(std::u16string_view(in_).substr(s0, pos_ - s0));
    }
    pos_ = s0;
    return std::nullopt;
  }

  std::optional<std::string> AttributeType() {
    return Named("attribute type", [this]() -> std::optional<std::string> {
      const std::size_t s0 = pos_;
      if (!Class(Upper)) return std::nullopt;
      while (Class(Alnum)) {
      }
      return ToUtf8(std::u16string_view(in_).substr(s0, pos_ - s0));
    });
  }

  // peg$computePosDetails: lines end at "\n" only.
  IqlPosition PositionOf(std::size_t offset) const {
    IqlPosition p{offset, 1, 1};
    for (std::size_t i = 0; i < offset && i < in_.size(); ++i) {
      if (in_[i] == u'\n') {
        ++p.line;
        p.column = 1;
      } else {
        ++p.column;
      }
    }
    return p;
  }

  // peg$buildStructuredError with SyntaxError.buildMessage.
  IqlSyntaxError BuildError() {
    std::vector<std::string> descriptions = expected_;
    std::sort(descriptions.begin(), descriptions.end());
    descriptions.erase(std::unique(descriptions.begin(), descriptions.end()), descriptions.end());
    std::string expected;
    for (std::size_t i = 0; i < descriptions.size(); ++i) {
      if (i > 0) expected += descriptions.size() == 2 ? " or " : (i + 1 == descriptions.size() ? ", or " : ", ");
      expected += descriptions[i];
    }
    IqlSyntaxError error;
    std::string found = "end of input";
    if (max_fail_pos_ < in_.size()) {
      // peg$getUnicode: the whole code point at the position (a surrogate pair counts as one).
      std::u16string_view unit = std::u16string_view(in_).substr(max_fail_pos_, 1);
      if (unit[0] >= 0xD800 && unit[0] <= 0xDBFF && max_fail_pos_ + 1 < in_.size() && in_[max_fail_pos_ + 1] >= 0xDC00 &&
          in_[max_fail_pos_ + 1] <= 0xDFFF) {
        unit = std::u16string_view(in_).substr(max_fail_pos_, 2);
      }
      found = "\"" + DescribeFoundText(ToUtf32(unit)) + "\"";
      error.start = PositionOf(max_fail_pos_);
      error.end = PositionOf(max_fail_pos_ + 1);
    } else {
      error.start = error.end = PositionOf(max_fail_pos_);
    }
    error.message = "Expected " + expected + " but " + found + " found.";
    return error;
  }

  std::u16string in_;
  std::size_t pos_ = 0;
  std::size_t max_fail_pos_ = 0;
  std::vector<std::string> expected_;
  int silent_ = 0;
};

}  // namespace

IqlParseResult ParseIql(std::string_view utf8) { return Parser(ToUtf16(utf8)).Run(); }

boost::json::object IqlSyntaxError::ToJson() const {
  auto position = [](const IqlPosition& p) {
    return boost::json::object{{"offset", p.offset}, {"line", p.line}, {"column", p.column}};
  };
  return boost::json::object{
      {"message", message},
      {"location", boost::json::object{{"start", position(start)}, {"end", position(end)}}}};
}

}  // namespace nmshd::consumption::iql
