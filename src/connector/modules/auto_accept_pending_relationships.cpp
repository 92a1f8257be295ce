#include "connector/modules/auto_accept_pending_relationships.h"

#include "connector/events/event_names.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

AutoAcceptPendingRelationships::AutoAcceptPendingRelationships(EventBus& bus, transport::Relationships& relationships)
    : AutoAcceptPendingRelationships(bus, relationships, relationships.OwnAddress()) {}

AutoAcceptPendingRelationships::AutoAcceptPendingRelationships(EventBus& bus, transport::Relationships& relationships,
                                                               std::string own_address)
    : bus_(bus), relationships_(relationships), own_address_(std::move(own_address)) {}

AutoAcceptPendingRelationships::~AutoAcceptPendingRelationships() { Stop(); }

bool AutoAcceptPendingRelationships::IsIncomingRequest(const js::value& relationship_dto,
                                                       const std::string& own_address) {
  if (!relationship_dto.is_object()) return false;
  const auto& dto = relationship_dto.as_object();
  if (StringOf(dto, "status") != "Pending") return false;
  const auto* log = dto.if_contains("auditLog");
  if (log == nullptr || !log->is_array() || log->as_array().size() != 1) return false;
  const auto& entry = log->as_array().front();
  return entry.is_object() && StringOf(entry.as_object(), "createdBy") != own_address;
}

void AutoAcceptPendingRelationships::Start() {
  if (subscription_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  worker_ = std::thread([this] { Run(); });
  subscription_ = bus_.Subscribe(event_names::kRelationshipChanged, [this](const Event& event) {
    if (!event.data || !IsIncomingRequest(*event.data, own_address_)) return;
    const auto id = StringOf(event.data->as_object(), "id");
    std::lock_guard lock(mutex_);
    queue_.emplace_back(id, event.correlationId);
    wake_.notify_one();
  });
}

void AutoAcceptPendingRelationships::Stop() {
  if (subscription_) {
    bus_.Unsubscribe(*subscription_);
    subscription_.reset();
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void AutoAcceptPendingRelationships::Run() {
  auto log = logging::GetLogger("modules.autoAcceptPendingRelationships");
  for (;;) {
    std::string id;
    std::string correlation_id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = std::move(queue_.front().first);
      correlation_id = std::move(queue_.front().second);
      queue_.pop_front();
    }
    // The accept and the events it publishes belong to the sync that brought the request, as
    // officially (the handler runs in that sync's async context).
    logging::CorrelationScope scope(correlation_id.empty() ? logging::NewCorrelationId() : correlation_id);
    try {
      relationships_.Accept(id);
      log.Info("accepted the pending relationship {}", id);
    } catch (const std::exception& e) {
      log.Error("could not accept the pending relationship {}: {}", id, e.what());
    }
  }
}

}  // namespace nmshd::connector
