#pragma once
// ts-serval output for the transport wire objects. Serializable.toJSON() writes its properties (by
// alias), then sorts the keys with JS Array.prototype.sort (UTF-16 code unit order), so "@type"
// comes first and every other key follows alphabetically. Nested serializable objects sort their
// own keys; nested plain JSON (app content) keeps its order. Whatever is signed is this exact text,
// so signer and verifier must both go through here.
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "base/coded_error.h"

namespace nmshd::transport {

// A copy of `object` with its top-level keys in ts-serval order; nested values are untouched.
boost::json::object ServalSorted(const boost::json::object& object);
// JSON.stringify(ServalSorted(object)): the text Serializable.serialize() produces.
std::string SerializeServal(const boost::json::object& object);

// Parses JSON text that must be an object (a decrypted wire object). Throws CodedError `code`.
boost::json::object ParseServalObject(std::string_view text, const char* code,
                                      std::string_view what);

// Runs `parse` and turns any CodedError it throws into CodedError(`code`, "<what>: <message>"), so
// a malformed wire object reports its area's code whichever layer (base, core, crypto) noticed.
template <class Parse>
auto ReportAs(const char* code, std::string_view what, Parse&& parse) -> decltype(parse()) {
  try {
    return std::forward<Parse>(parse)();
  } catch (const CodedError& e) {
    throw CodedError(code, std::string(what) + ": " + e.what() + " (" + e.code() + ")");
  }
}

}  // namespace nmshd::transport
