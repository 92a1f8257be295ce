#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/bytes.h"

namespace nmshd::crypto::test {

inline std::string Json(const boost::json::object& o) { return json::Stringify(o); }
inline boost::json::value Parse(std::string_view text) { return json::Parse(text); }
inline Bytes B64(std::string_view text) { return base64::DecodeUrlNoPad(text); }
inline std::string Utf8(const Bytes& b) { return {b.begin(), b.end()}; }

// Runs `f`, expects a CodedError with `code` whose message contains `fragment`.
template <typename F>
void ExpectCoded(F&& f, std::string_view code, std::string_view fragment = "") {
  try {
    f();
    ADD_FAILURE() << "expected CodedError " << code;
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_THAT(e.what(), ::testing::HasSubstr(std::string(fragment)));
  }
}

}  // namespace nmshd::crypto::test
