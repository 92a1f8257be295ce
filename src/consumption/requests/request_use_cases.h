#pragma once
// The runtime's request use cases the Connector's REST API calls (useCases/consumption/requests/*):
// input checks, one transaction each, events published after the commit, LocalRequestDTOs and
// RequestValidationResultDTOs out.
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/outgoing_requests_controller.h"

namespace nmshd::consumption {

using RequestQueryParameters = std::vector<std::pair<std::string, std::string>>;

class RequestUseCases {
 public:
  // `on_decided` runs after an accept/reject committed (the RequestModule sends the response).
  RequestUseCases(ConsumptionContext& ctx, IncomingRequestsController& incoming, OutgoingRequestsController& outgoing,
                  std::function<void(const std::string& request_id)> on_decided = {})
      : ctx_(ctx), incoming_(incoming), outgoing_(outgoing), on_decided_(std::move(on_decided)) {}

  void SetOnDecided(std::function<void(const std::string& request_id)> on_decided) { on_decided_ = std::move(on_decided); }

  // Incoming. `body` is the REST body {items:[…]}.
  boost::json::object CanAccept(const std::string& id, const boost::json::value& body);
  boost::json::object Accept(const std::string& id, const boost::json::value& body);
  boost::json::object CanReject(const std::string& id, const boost::json::value& body);
  boost::json::object Reject(const std::string& id, const boost::json::value& body);
  boost::json::object GetIncoming(const std::string& id);
  boost::json::array GetIncomingRequests(const RequestQueryParameters& query);

  // Outgoing. `body` is {content, peer?}.
  boost::json::object CanCreate(const boost::json::value& body);
  boost::json::object Create(const boost::json::value& body);
  boost::json::object GetOutgoing(const std::string& id);
  boost::json::array GetOutgoingRequests(const RequestQueryParameters& query);
  void Discard(const std::string& id);

 private:
  template <class Fn>
  auto InTransaction(Fn&& fn);

  ConsumptionContext& ctx_;
  IncomingRequestsController& incoming_;
  OutgoingRequestsController& outgoing_;
  std::function<void(const std::string&)> on_decided_;
};

}  // namespace nmshd::consumption
