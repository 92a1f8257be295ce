#include "content/serval_error.h"

#include "base/js_json.h"

namespace nmshd::content {

namespace {

// The constructor of ts-serval's ParsingError / ValidationError: message "<type>.<property> ::
// <reason>", own properties name, type, property, reason (and cause).
ServalError TypedError(std::string_view name, std::string_view type, std::string_view property,
                       std::string_view reason, const ServalError* cause = nullptr) {
  boost::json::object data{{"name", name}, {"type", type}, {"property", property}, {"reason", reason}};
  if (cause != nullptr) data["cause"] = cause->data();
  return ServalError(std::string(kRequestDeserialization),
                     std::string(type) + "." + std::string(property) + " :: " + std::string(reason), std::move(data));
}

}  // namespace

ServalError ParsingError(std::string_view type, std::string_view property, std::string_view reason,
                         const ServalError* cause) {
  return TypedError("ParsingError", type, property, reason, cause);
}

ServalError PropertyValidationError(std::string_view type, std::string_view property, std::string_view design_type,
                                    std::string_view reason) {
  return TypedError("ValidationError", type, std::string(property) + ":" + std::string(design_type), reason);
}

ServalError ValidationError(std::string_view type, std::string_view property, std::string_view reason) {
  return TypedError("ValidationError", type, property, reason);
}

ServalError ValidationErrorWithoutProperty(std::string_view type, std::string_view reason) {
  auto error = TypedError("ValidationError", type, "n/a", reason);
  return ServalError(error.code(), std::string(type) + " :: " + std::string(reason), error.data());
}

ServalError UnknownTypeError(std::string_view type, std::string_view version) {
  return ServalError("error.runtime.unknownType",
                     "Type '" + std::string(type) + "' with version " + std::string(version) +
                         " was not found within reflection classes. You might have to install a "
                         "module first.");
}

ServalError ParameterMustBeAnObject(std::string_view type, const boost::json::value* value) {
  std::string text;
  if (value == nullptr) {
    text = "undefined";
  } else if (value->is_string()) {
    text = std::string(value->get_string());
  } else if (value->is_object()) {
    text = "[object Object]";
  } else if (value->is_array()) {
    // Array.prototype.toString: the items joined with ',' (null and nested arrays as JS prints them).
    for (std::size_t i = 0; i < value->get_array().size(); ++i) {
      const auto& item = value->get_array()[i];
      if (i > 0) text += ",";
      if (item.is_string()) text += std::string(item.get_string());
      else if (!item.is_null()) text += item.is_object() ? "[object Object]" : json::Stringify(item);
    }
  } else {
    text = json::Stringify(*value);
  }
  return ParsingError(type, "from()", "Parameter must be an object - is '" + text + "'");
}

ServalError GeneralServalError(std::string_view message) {
  return ServalError("error.runtime.servalError", std::string(message));
}

}  // namespace nmshd::content
