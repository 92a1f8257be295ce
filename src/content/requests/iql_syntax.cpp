#include "content/requests/iql_syntax.h"

#include <string>

#include "content/js_string.h"

namespace nmshd::content {
namespace {

// A transcription of the generated parser's control flow (not of its actions, which only compute
// matches): the same alternatives in the same order, the same silent regions, the same
// peg$fail bookkeeping.
class IqlParser {
 public:
  explicit IqlParser(std::u16string input) : in_(std::move(input)) {}

  std::optional<std::size_t> ErrorColumn() {
    const bool ok = Expr();
    if (ok && pos_ == in_.size()) return std::nullopt;
    if (ok) Fail();  // peg$endExpectation at the unconsumed rest
    std::size_t column = 1;
    for (std::size_t i = 0; i < max_fail_ && i < in_.size(); ++i) column = in_[i] == u'\n' ? 1 : column + 1;
    return column;
  }

 private:
  void Fail() {
    if (silent_ > 0 || pos_ < max_fail_) return;
    max_fail_ = pos_;
  }
  char16_t At() const { return pos_ < in_.size() ? in_[pos_] : u'\0'; }
  bool Has() const { return pos_ < in_.size(); }

  bool Literal(std::u16string_view text) {
    if (in_.compare(pos_, text.size(), text) == 0 && pos_ + text.size() <= in_.size()) {
      pos_ += text.size();
      return true;
    }
    Fail();
    return false;
  }
  template <typename Pred>
  bool Class(Pred pred) {
    if (Has() && pred(At())) {
      ++pos_;
      return true;
    }
    Fail();
    return false;
  }

  // _ (silent inside, reported as "whitespace").
  bool Space() {
    ++silent_;
    const bool ok = Class([](char16_t c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; });
    --silent_;
    if (!ok) Fail();
    return ok;
  }
  bool Spaces() {
    if (!Space()) return false;
    while (Space()) {
    }
    return true;
  }

  // Head (_+ op _+ Head)*
  template <typename Next>
  bool Chain(std::u16string_view op, Next next) {
    const std::size_t s0 = pos_;
    if (!(this->*next)()) {
      pos_ = s0;
      return false;
    }
    for (;;) {
      const std::size_t s3 = pos_;
      if (!Spaces() || !Literal(op) || !Spaces() || !(this->*next)()) {
        pos_ = s3;
        break;
      }
    }
    return true;
  }
  bool Expr() { return Chain(u"||", &IqlParser::Expr0); }
  bool Expr0() { return Chain(u"&&", &IqlParser::Expr1); }

  bool Expr1() {
    const std::size_t s0 = pos_;
    if (Literal(u"!")) {
      if (Expr1()) return true;
    }
    pos_ = s0;
    return Expr2();
  }

  bool Expr2() {
    const std::size_t s0 = pos_;
    if (Literal(u"(") && Spaces() && Expr() && Spaces() && Literal(u")")) return true;
    pos_ = s0;
    return Term();
  }

  bool Term() { return PrimaryFieldTerm() || MetadataFieldTerm() || TagTerm(); }

  // A named rule: silent inside; on failure the position is reset and reported at its start.
  template <typename Body>
  bool Named(Body body) {
    const std::size_t s0 = pos_;
    ++silent_;
    const bool ok = body();
    --silent_;
    if (!ok) {
      pos_ = s0;
      Fail();
    }
    return ok;
  }

  bool PrimaryFieldTerm() {
    return Named([this] {
      const std::size_t s0 = pos_;
      if (AttributeType() && DottedSegments(true) && Predicate()) return true;
      pos_ = s0;
      if (AttributeType() && Predicate()) return true;
      pos_ = s0;
      if (AttributeType()) return true;
      pos_ = s0;
      return false;
    });
  }

  bool MetadataFieldTerm() {
    return Named([this] {
      const std::size_t s0 = pos_;
      if (PathSegment() && DottedSegments(false) && Predicate()) return true;
      pos_ = s0;
      return false;
    });
  }

  bool TagTerm() {
    return Named([this] {
      const std::size_t s0 = pos_;
      if (Literal(u"#") && PredicateRhs()) return true;
      pos_ = s0;
      return false;
    });
  }

  // ("." PathSegment)+ or *.
  bool DottedSegments(bool at_least_one) {
    std::size_t count = 0;
    for (;;) {
      const std::size_t s3 = pos_;
      if (!Literal(u".") || !PathSegment()) {
        pos_ = s3;
        break;
      }
      ++count;
    }
    return !at_least_one || count > 0;
  }

  bool Predicate() {
    const std::size_t s0 = pos_;
    if (Class([](char16_t c) { return c == u'=' || c == u'>' || c == u'<' || c == u'~'; })) {
      if (PredicateRhs()) return true;
    }
    pos_ = s0;
    return Literal(u"?");
  }

  bool EscapedOr(bool quoted) {
    if (Literal(u"\\\\")) return true;
    if (Literal(u"\\'")) return true;
    return Class([quoted](char16_t c) { return c != u'\'' && c != u'\\' && (quoted || c != u' '); });
  }

  bool PredicateRhs() {
    const std::size_t s0 = pos_;
    if (Literal(u"'")) {
      while (EscapedOr(true)) {
      }
      if (Literal(u"'")) return true;
    }
    pos_ = s0;
    while (EscapedOr(false)) {
    }
    return true;  // the unquoted form may be empty
  }

  static bool Lower(char16_t c) { return c >= u'a' && c <= u'z'; }
  static bool Upper(char16_t c) { return c >= u'A' && c <= u'Z'; }
  static bool Alnum(char16_t c) { return Lower(c) || Upper(c) || (c >= u'0' && c <= u'9'); }

  bool PathSegment() {
    const std::size_t s0 = pos_;
    if (Class(Lower) && Class(Alnum)) {
      while (Class(Alnum)) {
      }
      return true;
    }
    pos_ = s0;
    return false;
  }

  bool AttributeType() {
    return Named([this] {
      if (!Class(Upper)) return false;
      while (Class(Alnum)) {
      }
      return true;
    });
  }

  std::u16string in_;
  std::size_t pos_ = 0;
  std::size_t max_fail_ = 0;
  int silent_ = 0;
};

std::u16string ToUtf16(std::string_view utf8) {
  std::u16string out;
  for (char32_t c : DecodeUtf8(utf8)) {
    if (c >= 0x10000) {
      c -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(c));
    }
  }
  return out;
}

}  // namespace

std::optional<std::size_t> IqlSyntaxErrorColumn(std::string_view utf8) {
  return IqlParser(ToUtf16(utf8)).ErrorColumn();
}

}  // namespace nmshd::content
