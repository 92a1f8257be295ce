#include "consumption/requests/request_use_cases.h"

#include "base/coded_error.h"
#include "consumption/requests/request_errors.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"
#include "core/identity_address.h"
#include "storage/filter_syntax.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

CodedError InvalidPropertyValue(const std::string& message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

void CheckRequestId(const std::string& id) {
  if (id.size() != 20 || id.rfind("REQ", 0) != 0) {
    throw InvalidPropertyValue("requestId must match pattern REQ[A-Za-z0-9]{17}");
  }
}

const js::array& DecideItems(const js::value& body) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  const auto* items = body.get_object().if_contains("items");
  if (items == nullptr) throw InvalidPropertyValue("must have required property 'items'");
  if (!items->is_array()) throw InvalidPropertyValue("items must be array");
  return items->get_array();
}

storage::Filter RequestFilter(const RequestQueryParameters& query, bool incoming) {
  storage::FilterSyntaxOptions options;
  options.allowed_keys = {"id",
                          "peer",
                          "createdAt",
                          "status",
                          "content.expiresAt",
                          "content.items.@type",
                          "content.items.items.@type",
                          "source.type",
                          "source.reference",
                          "response.createdAt",
                          "response.source.type",
                          "response.source.reference",
                          "response.content.result",
                          "response.content.items.@type",
                          "response.content.items.items.@type"};
  if (incoming) options.allowed_keys.insert("wasAutomaticallyDecided");
  return storage::ParseRestFilter(query, options);
}

// The Request content of a create body: canonical (ServalError → its runtime code).
js::object RequestContentOf(const js::object& body) {
  const auto* content = body.if_contains("content");
  if (content == nullptr) throw InvalidPropertyValue("must have required property 'content'");
  if (!content->is_object()) throw InvalidPropertyValue("content must be object");
  auto with_type = content->get_object();
  with_type["@type"] = "Request";
  return content::NormalizeRequest(with_type);
}

}  // namespace

template <class Fn>
auto RequestUseCases::InTransaction(Fn&& fn) {
  transport::PendingEvents events;
  auto result = ctx_.db.WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
  events.PublishTo(ctx_.events);
  return result;
}

js::object RequestUseCases::CanAccept(const std::string& id, const js::value& body) {
  CheckRequestId(id);
  const auto& items = DecideItems(body);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    if (!incoming_.Get(tx, id, events)) throw request_errors::RecordNotFound();
    return incoming_.CanAccept(tx, id, items, events).ToDto();
  });
}

js::object RequestUseCases::CanReject(const std::string& id, const js::value& body) {
  CheckRequestId(id);
  const auto& items = DecideItems(body);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    if (!incoming_.Get(tx, id, events)) throw request_errors::RecordNotFound();
    return incoming_.CanReject(tx, id, items, events).ToDto();
  });
}

js::object RequestUseCases::Accept(const std::string& id, const js::value& body) {
  CheckRequestId(id);
  const auto& items = DecideItems(body);
  auto dto = InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    if (!incoming_.Get(tx, id, events)) throw request_errors::RecordNotFound();
    return incoming_.Accept(tx, id, items, events).ToDto();
  });
  if (on_decided_) on_decided_(id);
  return dto;
}

js::object RequestUseCases::Reject(const std::string& id, const js::value& body) {
  CheckRequestId(id);
  const auto& items = DecideItems(body);
  auto dto = InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    if (!incoming_.Get(tx, id, events)) throw request_errors::RecordNotFound();
    return incoming_.Reject(tx, id, items, events).ToDto();
  });
  if (on_decided_) on_decided_(id);
  return dto;
}

js::object RequestUseCases::GetIncoming(const std::string& id) {
  CheckRequestId(id);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    auto request = incoming_.Get(tx, id, events);
    if (!request) throw request_errors::RecordNotFound();
    return request->ToDto();
  });
}

js::array RequestUseCases::GetIncomingRequests(const RequestQueryParameters& query) {
  auto filter = RequestFilter(query, true);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    js::array out;
    for (const auto& r : incoming_.Find(tx, filter, events)) out.push_back(r.ToDto());
    return out;
  });
}

js::object RequestUseCases::CanCreate(const js::value& body) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  const auto content = RequestContentOf(body.get_object());
  std::optional<std::string> peer;
  if (const auto* p = body.get_object().if_contains("peer"); p != nullptr) {
    if (!p->is_string()) throw InvalidPropertyValue("peer must be string");
    peer = std::string(p->get_string());
  }
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents&) {
    return outgoing_.CanCreate(tx, content, peer).ToDto();
  });
}

js::object RequestUseCases::Create(const js::value& body) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  const auto content = RequestContentOf(body.get_object());
  const auto* p = body.get_object().if_contains("peer");
  if (p == nullptr) throw InvalidPropertyValue("must have required property 'peer'");
  if (!p->is_string()) throw InvalidPropertyValue("peer must be string");
  const std::string peer(p->get_string());
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    return outgoing_.Create(tx, content, peer, events).ToDto();
  });
}

js::object RequestUseCases::GetOutgoing(const std::string& id) {
  CheckRequestId(id);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    auto request = outgoing_.Get(tx, id, events);
    if (!request) throw request_errors::RecordNotFound();
    return request->ToDto();
  });
}

js::array RequestUseCases::GetOutgoingRequests(const RequestQueryParameters& query) {
  auto filter = RequestFilter(query, false);
  return InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    js::array out;
    for (const auto& r : outgoing_.Find(tx, filter, events)) out.push_back(r.ToDto());
    return out;
  });
}

void RequestUseCases::Discard(const std::string& id) {
  CheckRequestId(id);
  InTransaction([&](storage::Transaction& tx, transport::PendingEvents& events) {
    if (!outgoing_.Get(tx, id, events)) throw request_errors::RecordNotFound();
    outgoing_.Discard(tx, id, events);
    return 0;
  });
}

}  // namespace nmshd::consumption
