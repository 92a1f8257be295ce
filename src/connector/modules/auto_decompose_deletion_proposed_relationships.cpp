#include "connector/modules/auto_decompose_deletion_proposed_relationships.h"

#include "connector/events/event_names.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

constexpr std::string_view kDeletionProposed = "DeletionProposed";

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

AutoDecomposeDeletionProposedRelationships::AutoDecomposeDeletionProposedRelationships(
    EventBus& bus, transport::Relationships& relationships, std::chrono::milliseconds delay)
    : bus_(bus), relationships_(relationships), delay_(delay) {}

AutoDecomposeDeletionProposedRelationships::~AutoDecomposeDeletionProposedRelationships() { Stop(); }

void AutoDecomposeDeletionProposedRelationships::DecomposeLogged(const std::string& id) {
  auto log = logging::GetLogger("modules.autoDecomposeDeletionProposedRelationships");
  try {
    relationships_.Decompose(id);
    log.Info("decomposed the relationship {}", id);
  } catch (const std::exception& e) {
    log.Error("could not decompose the relationship {}: {}", id, e.what());
  }
}

void AutoDecomposeDeletionProposedRelationships::Start() {
  if (subscription_) return;
  try {
    const auto proposed = relationships_.List({{"status", std::string(kDeletionProposed)}});
    for (const auto& dto : proposed) DecomposeLogged(StringOf(dto.as_object(), "id"));
  } catch (const std::exception& e) {
    logging::GetLogger("modules.autoDecomposeDeletionProposedRelationships")
        .Error("could not list the relationships proposed for deletion: {}", e.what());
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  worker_ = std::thread([this] { Run(); });
  subscription_ = bus_.Subscribe(event_names::kRelationshipChanged, [this](const Event& event) {
    if (!event.data || !event.data->is_object()) return;
    const auto& dto = event.data->as_object();
    if (StringOf(dto, "status") != kDeletionProposed) return;
    std::lock_guard lock(mutex_);
    tasks_.push_back({std::chrono::steady_clock::now() + delay_, StringOf(dto, "id"), event.correlationId});
    wake_.notify_one();
  });
}

void AutoDecomposeDeletionProposedRelationships::Stop() {
  if (subscription_) {
    bus_.Unsubscribe(*subscription_);
    subscription_.reset();
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    tasks_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void AutoDecomposeDeletionProposedRelationships::Run() {
  for (;;) {
    std::string id;
    std::string correlation_id;
    {
      std::unique_lock lock(mutex_);
      for (;;) {
        if (stopping_) return;
        if (tasks_.empty()) {
          wake_.wait(lock);
          continue;
        }
        const auto due = tasks_.front().due;
        if (std::chrono::steady_clock::now() >= due) break;
        wake_.wait_until(lock, due);
      }
      id = std::move(tasks_.front().id);
      correlation_id = std::move(tasks_.front().correlation_id);
      tasks_.erase(tasks_.begin());
    }
    logging::CorrelationScope scope(correlation_id.empty() ? logging::NewCorrelationId() : correlation_id);
    DecomposeLogged(id);
  }
}

}  // namespace nmshd::connector
