#pragma once
// Test-only: compare a JSON value with a string (EXPECT_EQ(v.at("id"), "REL1")). Found by
// argument-dependent lookup, hence in boost::json.
#include <boost/json.hpp>
#include <string>

namespace boost::json {
inline bool operator==(const value& v, const std::string& s) { return v.is_string() && v.get_string() == s; }
inline bool operator==(const value& v, const char* s) { return v.is_string() && v.get_string() == s; }
}  // namespace boost::json
