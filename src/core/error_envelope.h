#pragma once
// Error envelopes of the two official servers, as Boost.JSON objects in their key order (write them
// with nmshd::json::Stringify).
//
// Connector (packages/types HttpError.toJSON): {"error":{"code","message","id","time","docs"}},
// docs = "https://enmeshed.eu/integrate/error-codes#<code>", id from the Connector's ERR alphabet;
// in debug mode (toJSON("verbose")) "stacktrace" (string[]) and "details" follow when set
// (JSON.stringify drops undefined members).
//
// Backbone (BuildingBlocks.API HttpError, System.Text.Json camelCase):
// {"error":{"id","code","message","docs","time","data"}}, docs "" in practice, data null unless
// the error carries some (e.g. quota exhaustion); the declared type HttpError is serialized, so the
// dev-only stacktrace/details never appear on the wire.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/core_date.h"

namespace nmshd::core {

inline constexpr std::string_view kErrorDocsBaseUrl = "https://enmeshed.eu/integrate/error-codes#";

std::string ConnectorErrorDocsLink(std::string_view code);

struct ConnectorHttpError {
  std::string code;
  std::string message;
  std::string id;    // "ERR" + 17 from kConnectorErrorIdAlphabet
  CoreDate time;
  std::string docs;  // ConnectorErrorDocsLink(code)
  std::optional<std::vector<std::string>> stacktrace;
  std::optional<std::string> details;

  // A fresh error: new id, current time, docs link from the code.
  static ConnectorHttpError Create(std::string code, std::string message,
                                   std::optional<std::vector<std::string>> stacktrace = std::nullopt,
                                   std::optional<std::string> details = std::nullopt);

  // The inner object; verbose adds stacktrace/details (debug mode).
  boost::json::object ToJson(bool verbose) const;
  // {"error": ToJson(verbose)}
  boost::json::object ToEnvelope(bool verbose) const;
};

struct BackboneHttpError {
  std::string id;  // "ERR" + 17 from kBackboneErrorIdAlphabet
  std::string code;
  std::string message;
  std::string docs;
  CoreDate time;
  boost::json::value data;  // null unless set

  static BackboneHttpError Create(std::string code, std::string message,
                                  boost::json::value data = nullptr, std::string docs = "");

  boost::json::object ToJson() const;
  boost::json::object ToEnvelope() const;
  // Reads {"error":{...}} or the inner object as the TS client does: code and message required,
  // id/docs/time optional (time must be an ISO date when present). Throws
  // "error.base.invalidProperty" / "error.core.date.invalid".
  static BackboneHttpError FromJson(const boost::json::value& json);
};

}  // namespace nmshd::core
