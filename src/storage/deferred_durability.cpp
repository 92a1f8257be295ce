#include "storage/deferred_durability.h"

#include <algorithm>
#include <memory>
#include <mutex>

namespace nmshd::storage {

namespace {
thread_local DeferredDurability* current_scope = nullptr;
}  // namespace

void DurabilityDebt::Add(DurabilitySource& source, std::uint64_t seq) {
  auto it = std::find_if(owed_.begin(), owed_.end(), [&](const auto& entry) { return entry.first == &source; });
  if (it == owed_.end()) {
    owed_.emplace_back(&source, seq);
  } else {
    it->second = std::max(it->second, seq);
  }
}

void DurabilityDebt::Add(const DurabilityDebt& other) {
  for (const auto& [source, seq] : other.owed_) Add(*source, seq);
}

void DurabilityDebt::WhenSettled(std::function<void(const std::string& failure)> done) const {
  if (owed_.empty()) {
    done("");
    return;
  }
  // The sources answer on their own threads, in any order; the last answer (or the first failure) calls `done`.
  struct Pending {
    std::mutex mutex;
    std::size_t remaining;
    std::function<void(const std::string&)> done;
  };
  auto pending = std::make_shared<Pending>();
  pending->remaining = owed_.size();
  pending->done = std::move(done);
  for (const auto& [source, seq] : owed_) {
    source->WhenDurable(seq, [pending](const std::string& failure) {
      std::function<void(const std::string&)> call;
      {
        std::lock_guard lock(pending->mutex);
        if (!pending->done) return;  // an earlier failure already answered
        if (failure.empty() && --pending->remaining > 0) return;
        call = std::move(pending->done);
        pending->done = nullptr;
      }
      call(failure);
    });
  }
}

DeferredDurability::DeferredDurability() : enclosing_(current_scope) { current_scope = this; }

DeferredDurability::~DeferredDurability() {
  current_scope = enclosing_;
  if (enclosing_) enclosing_->debt_.Add(debt_);
}

bool DeferredDurability::Active() { return current_scope != nullptr; }

void DeferredDurability::Owe(DurabilitySource& source, std::uint64_t seq) {
  if (current_scope) current_scope->debt_.Add(source, seq);
}

}  // namespace nmshd::storage
