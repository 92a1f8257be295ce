#include "consumption/requests/form_field_request_item_processor.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/js_json.h"
#include "consumption/requests/request_errors.h"
#include "core/core_date.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr int kMinRating = 1;

std::string TypeOf(const js::object& o) {
  const auto* t = o.if_contains("@type");
  return t != nullptr && t->is_string() ? std::string(t->get_string()) : std::string();
}

// A JS number member that is truthy (present and not 0), as `this.max && …` reads it.
std::optional<double> Truthy(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  const double d = v->to_number<double>();
  if (d == 0 || std::isnan(d)) return std::nullopt;
  return d;
}

// Number formatting as JavaScript's template literals print numbers.
std::string JsNumber(double d) { return json::Stringify(js::value(d)); }

std::vector<std::string> Options(const js::object& settings) {
  std::vector<std::string> out;
  if (const auto* o = settings.if_contains("options"); o != nullptr && o->is_array()) {
    for (const auto& v : o->get_array()) {
      if (v.is_string()) out.emplace_back(v.get_string());
    }
  }
  return out;
}

std::optional<std::string> CheckRange(const js::object& settings, double value, bool is_length) {
  const std::string subject = is_length ? "The length of the response" : "The response";
  if (auto max = Truthy(settings, "max"); max && value > *max) {
    return subject + " cannot be greater than the max " + JsNumber(*max) + ".";
  }
  if (auto min = Truthy(settings, "min"); min && value < *min) {
    return subject + " cannot be smaller than the min " + JsNumber(*min) + ".";
  }
  return std::nullopt;
}

bool IsInteger(const js::value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  return v.is_double() && std::isfinite(v.get_double()) && std::trunc(v.get_double()) == v.get_double();
}

// String length as JavaScript counts it (UTF-16 code units).
std::size_t Utf16Length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace

std::optional<std::string> FormFieldRequestItemProcessor::SettingsCanCreate(const js::object& settings) {
  const auto type = TypeOf(settings);
  if (type == "StringFormFieldSettings" || type == "IntegerFormFieldSettings" || type == "DoubleFormFieldSettings") {
    auto max = Truthy(settings, "max");
    auto min = Truthy(settings, "min");
    if (max && min && *max < *min) return "The max cannot be smaller than the min.";
  } else if (type == "SelectionFormFieldSettings") {
    const auto options = Options(settings);
    if (options.empty()) return "A selection form field must provide at least one option.";
    if (std::set<std::string>(options.begin(), options.end()).size() != options.size()) {
      return "A selection form field must provide unique options.";
    }
  }
  return std::nullopt;
}

std::optional<std::string> FormFieldRequestItemProcessor::SettingsCanAccept(const js::object& settings,
                                                                            const js::value& response) {
  const auto type = TypeOf(settings);
  if (type == "StringFormFieldSettings") {
    if (!response.is_string()) return "A string form field must be accepted with a string.";
    return CheckRange(settings, static_cast<double>(Utf16Length(response.get_string())), true);
  }
  if (type == "IntegerFormFieldSettings") {
    if (!response.is_number() || !IsInteger(response)) return "An integer form field must be accepted with an integer.";
    return CheckRange(settings, response.to_number<double>(), false);
  }
  if (type == "DoubleFormFieldSettings") {
    if (!response.is_number()) return "A double form field must be accepted with a double.";
    return CheckRange(settings, response.to_number<double>(), false);
  }
  if (type == "BooleanFormFieldSettings") {
    if (!response.is_bool()) return "A boolean form field must be accepted with a boolean.";
    return std::nullopt;
  }
  if (type == "DateFormFieldSettings") {
    bool valid = response.is_string();
    if (valid) {
      try {
        (void)core::CoreDate::Parse(response.get_string());
      } catch (const std::exception&) {
        valid = false;
      }
    }
    if (!valid) return "A date form field must be accepted with a valid date string in ISO 8601 format.";
    return std::nullopt;
  }
  if (type == "RatingFormFieldSettings") {
    const auto* max_rating = settings.if_contains("maxRating");
    const double max = max_rating != nullptr && max_rating->is_number() ? max_rating->to_number<double>() : 0;
    if (!response.is_number() || !IsInteger(response) || response.to_number<double>() < kMinRating ||
        response.to_number<double>() > max) {
      return "The rating form field must be accepted with an integer between " + std::to_string(kMinRating) +
             " and " + JsNumber(max) + ".";
    }
    return std::nullopt;
  }
  if (type == "SelectionFormFieldSettings") {
    const auto options = Options(settings);
    const auto* multiple = settings.if_contains("allowMultipleSelection");
    if (multiple == nullptr || !multiple->is_bool() || !multiple->get_bool()) {
      if (!response.is_string()) {
        return "A selection form field that does not allow multiple selection must be accepted with a string.";
      }
      const std::string chosen(response.get_string());
      if (std::find(options.begin(), options.end(), chosen) == options.end()) {
        return "The selection form field does not provide the option '" + chosen + "' for selection.";
      }
      return std::nullopt;
    }
    const bool all_strings = response.is_array() && std::all_of(response.get_array().begin(), response.get_array().end(),
                                                                 [](const js::value& v) { return v.is_string(); });
    if (!all_strings) {
      return "A selection form field that allows multiple selection must be accepted with a string array.";
    }
    const auto& chosen = response.get_array();
    if (chosen.empty()) return "At least one option must be specified to accept a selection form field.";
    std::set<std::string> unique;
    for (const auto& v : chosen) unique.emplace(v.get_string());
    if (unique.size() != chosen.size()) {
      return "The options specified for accepting a selection form field must be unique.";
    }
    std::string unknown;
    for (const auto& v : chosen) {
      const std::string s(v.get_string());
      if (std::find(options.begin(), options.end(), s) != options.end()) continue;
      if (!unknown.empty()) unknown += ", ";
      unknown += "'" + s + "'";
    }
    if (!unknown.empty()) {
      return "The selection form field does not provide the following option(s) for selection: " + unknown + ".";
    }
    return std::nullopt;
  }
  return "Unknown form field settings '" + type + "'.";
}

ValidationResult FormFieldRequestItemProcessor::CanCreateOutgoingRequestItem(storage::Transaction&,
                                                                             const js::object& item, const js::object&,
                                                                             const std::optional<std::string>&) {
  const auto* settings = item.if_contains("settings");
  if (settings == nullptr || !settings->is_object()) {
    return ValidationResult::Error(request_errors::InvalidRequestItem("FormFieldRequestItem.settings is missing."));
  }
  if (auto problem = SettingsCanCreate(settings->get_object())) {
    return ValidationResult::Error(request_errors::InvalidRequestItem(*problem));
  }
  return ValidationResult::Success();
}

ValidationResult FormFieldRequestItemProcessor::CanAccept(storage::Transaction&, const js::object& item,
                                                          const js::object& params, const LocalRequest&) {
  // AcceptFormFieldRequestItemParameters.from(params): a ServalError for a bad response reaches
  // canDecideItem, which reports it as servalErrorDuringRequestItemProcessing.
  const auto* response = params.if_contains("response");
  if (response == nullptr || response->is_null()) {
    return ValidationResult::Error(CodedError("error.consumption.requests.servalErrorDuringRequestItemProcessing",
                                              "AcceptFormFieldRequestItemParameters.response :: Value is not defined"));
  }
  if (!(response->is_string() || response->is_number() || response->is_bool() || response->is_array())) {
    return ValidationResult::Error(CodedError("error.consumption.requests.servalErrorDuringRequestItemProcessing",
                                              "AcceptFormFieldRequestItemParameters.response :: Value is not of an allowed type"));
  }
  if (response->is_array() && !std::all_of(response->get_array().begin(), response->get_array().end(),
                                           [](const js::value& v) { return v.is_string(); })) {
    return ValidationResult::Error(CodedError("error.consumption.requests.servalErrorDuringRequestItemProcessing",
                                              "AcceptFormFieldRequestItemParameters.response :: If the response is an "
                                              "array, it must be a string array."));
  }
  const auto& settings = item.at("settings").as_object();
  if (auto problem = SettingsCanAccept(settings, *response)) {
    return ValidationResult::Error(request_errors::InvalidAcceptParameters(*problem));
  }
  return ValidationResult::Success();
}

js::object FormFieldRequestItemProcessor::Accept(storage::Transaction&, const js::object&, const js::object& params,
                                                 const LocalRequest&, transport::PendingEvents&) {
  return js::object{{"@type", "FormFieldAcceptResponseItem"}, {"response", params.at("response")}, {"result", "Accepted"}};
}

}  // namespace nmshd::consumption
