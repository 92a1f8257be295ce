#pragma once
// The errors ts-serval throws when a content object cannot be built from JSON, with its exact
// message texts (clients compare them), coded as the runtime's use cases report them
// (UseCase.handleServalError): ParsingError and ValidationError -> error.runtime.requestDeserialization,
// an @type no class is registered for -> error.runtime.unknownType, any other ServalError ->
// error.runtime.servalError. A use case that answers differently (e.g. CanCreateOwnIdentityAttribute:
// error.runtime.validation.invalidPropertyValue) catches ServalError and re-codes it.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "base/coded_error.h"

namespace nmshd::content {

class ServalError : public CodedError {
 public:
  ServalError(std::string code, const std::string& message, boost::json::object data = {})
      : CodedError(std::move(code), message), data_(std::move(data)) {}

  // The error's own enumerable properties as JSON.stringify writes them ({"name","type","property",
  // "reason","cause"?}; {} for a plain ServalError): what a CoreError wrapping it appends as
  // " with data …".
  const boost::json::object& data() const noexcept { return data_; }

 private:
  boost::json::object data_;
};

inline constexpr std::string_view kRequestDeserialization = "error.runtime.requestDeserialization";

// ParsingError: "<type>.<property> :: <reason>" (a missing or mistyped value, a string rule).
ServalError ParsingError(std::string_view type, std::string_view property, std::string_view reason,
                         const ServalError* cause = nullptr);
// ValidationError of a property setter: "<type>.<property>:<designType> :: <reason>" (custom
// validators; designType is the TypeScript type: String, Number, Boolean, Array, Object).
ServalError PropertyValidationError(std::string_view type, std::string_view property, std::string_view design_type,
                                    std::string_view reason);
// ValidationError thrown by a class's own checks: "<type>.<property> :: <reason>".
ServalError ValidationError(std::string_view type, std::string_view property, std::string_view reason);
// ValidationErrorWithoutProperty: "<type> :: <reason>" (e.g. BirthDate's date checks).
ServalError ValidationErrorWithoutProperty(std::string_view type, std::string_view reason);
// "Type '<type>' with version <version> was not found within reflection classes. You might have to
// install a module first." (error.runtime.unknownType).
ServalError UnknownTypeError(std::string_view type, std::string_view version = "1");
// fromT's "<type>.from() :: Parameter must be an object - is '<value>'" for a non-object
// (`value` nullptr = undefined), the value written as a JavaScript template literal writes it.
ServalError ParameterMustBeAnObject(std::string_view type, const boost::json::value* value);
// A plain ServalError (error.runtime.servalError), e.g. "Value is not an Array.".
ServalError GeneralServalError(std::string_view message);

}  // namespace nmshd::content
