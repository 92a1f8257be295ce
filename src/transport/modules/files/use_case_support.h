#pragma once
// What the runtime's use cases (@nmshd/runtime 7.0.0 useCases/common) add around the transport
// calls, shared by the files and messages modules: their error objects, the JSON-schema patterns
// of request fields and the translation of Backbone errors (UseCase.handleRequestError).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "storage/filter_syntax.h"

namespace nmshd::transport::use_case {

inline constexpr const char* kRecordNotFound = "error.runtime.recordNotFound";
inline constexpr const char* kInvalidPropertyValue = "error.runtime.validation.invalidPropertyValue";

// RuntimeErrors.general.recordNotFound(<entity>): "<entity> not found. Make sure the ID exists and
// the record is not expired."
CodedError RecordNotFound(std::string_view entity);
CodedError InvalidPropertyValue(const std::string& message);

// The schemas' string patterns (searched, not anchored, as ajv does with `pattern`).
bool IsFileIdString(std::string_view text);
bool IsMessageIdString(std::string_view text);
bool IsAddressString(std::string_view text);
bool IsIso8601DateTimeString(std::string_view text);

// UseCase.handleRequestError: the Backbone's error.platform.recordNotFound becomes
// error.runtime.recordNotFound with the Backbone's reason; everything else passes unchanged.
template <class Fn>
auto TranslateBackboneErrors(Fn&& fn) -> decltype(fn());
[[noreturn]] void RethrowTranslated();

// A query key of a list use case's JSON schema: the key and whether a repeated key (an array) is
// allowed ({"anyOf":[string, string[]]}) or only one value ({"type":"string"}).
struct QueryKey {
  std::string name;
  bool allow_array = true;
};
// The schema check of `query`: unknown keys -> "query must NOT have additional properties", a
// repeated single-value key -> "query/<key> must be string" (both invalidPropertyValue).
void ValidateQueryKeys(const storage::QueryParameters& query, std::initializer_list<QueryKey> keys);

// The members of `body` that are not in `allowed` -> "must NOT have additional properties";
// non-object bodies -> "must be object".
void RequireObjectWithOnly(const boost::json::value& body, std::initializer_list<std::string_view> allowed);

}  // namespace nmshd::transport::use_case

#include "transport/backbone/backbone_error.h"

namespace nmshd::transport::use_case {

template <class Fn>
auto TranslateBackboneErrors(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const BackboneError&) {
    RethrowTranslated();
  }
}

}  // namespace nmshd::transport::use_case
