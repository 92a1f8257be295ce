// birth/: BirthDate (day, month, year components; a real calendar date that is not in the future)
// and BirthPlace (city, ISO 3166 country, optional state).
#include <chrono>

#include "content/property_checks.h"
#include "content/serval_error.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

namespace {

ValueProperty NumberValue(CustomCheck check) {
  return ValueProperty{.name = "value", .kind = PropertyKind::kNumber, .custom = check, .schema = SchemaType::kNumber};
}

// BirthDate.postFrom: luxon DateTime.fromObject({day, month, year}).isValid, then not after now.
// Dates are compared in UTC, the zone the connector runs in (a birth date of today is accepted).
void CheckBirthDate(const boost::json::object& normalized) {
  using namespace std::chrono;
  const auto day = static_cast<unsigned>(normalized.at("day").to_number<double>());
  const auto month = static_cast<unsigned>(normalized.at("month").to_number<double>());
  const auto year = static_cast<int>(normalized.at("year").to_number<double>());
  const year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) throw ValidationErrorWithoutProperty("BirthDate", "The BirthDate is not a valid date.");
  const year_month_day today{floor<days>(system_clock::now())};
  if (sys_days{date} > sys_days{today}) {
    throw ValidationErrorWithoutProperty("BirthDate", "You cannot enter a BirthDate that is in the future.");
  }
}

}  // namespace

std::vector<ValueType> BirthValueTypes() {
  std::vector<ValueType> types;

  ValueType date;
  date.name = "BirthDate";
  date.properties = {Component("day", "BirthDay", NumberValue(checks::Day)),
                     Component("month", "BirthMonth", NumberValue(checks::Month)),
                     Component("year", "BirthYear", NumberValue(checks::Year))};
  date.post_check = CheckBirthDate;
  types.push_back(std::move(date));

  ValueType place;
  place.name = "BirthPlace";
  place.properties = {Component("city", "BirthCity", StringValue()),
                      Component("country", "BirthCountry", ValueProperty{.name = "value", .custom = checks::Country}),
                      Component("state", "BirthState", StringValue(), true)};
  types.push_back(std::move(place));
  return types;
}

}  // namespace nmshd::content::groups
