#pragma once
// What @nmshd/iql's validate() reports for a query its peggy parser refuses: peggy's SyntaxError
// message ("Expected <expectations> but <found> found.") and location. Offsets and columns count
// UTF-16 code units, as JavaScript strings do; columns restart after each "\n".
#include <boost/json.hpp>
#include <cstddef>
#include <string>

namespace nmshd::consumption::iql {

struct IqlPosition {
  std::size_t offset = 0;
  std::size_t line = 1;
  std::size_t column = 1;
};

struct IqlSyntaxError {
  std::string message;
  IqlPosition start;
  IqlPosition end;

  // {message, location: {start: {offset, line, column}, end: {…}}}: the `error` of
  // IValidateError, keys in the official order.
  boost::json::object ToJson() const;
};

}  // namespace nmshd::consumption::iql
