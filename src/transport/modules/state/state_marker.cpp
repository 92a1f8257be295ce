#include "transport/modules/state/state_marker.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/cipher.h"
#include "crypto/encryption.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

constexpr std::string_view kPath = "/api/v2/Datawallet/Modifications";
constexpr std::string_view kNotUpToDate = "datawalletNotUpToDate";
constexpr std::string_view kDuringSyncRun = "DuringActiveSyncRun";
// The datawallet version transport 7 (and our account registration) sets up.
constexpr int kDatawalletVersion = 1;
const HeaderList kHeaders = {{"x-supported-datawallet-version", "1"}};

std::optional<std::int64_t> IndexOf(const js::value& item) {
  const auto* index = item.is_object() ? item.as_object().if_contains("index") : nullptr;
  if (index == nullptr || !(index->is_int64() || index->is_uint64())) return std::nullopt;
  return index->to_number<std::int64_t>();
}

std::string StringOf(const js::object& o, std::string_view member) {
  const auto* v = o.if_contains(member);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

StateMarker::StateMarker(BackboneClient& client, crypto::SecretKey key) : client_(client), key_(std::move(key)) {}

std::string StateMarker::Seal(const StateSummary& summary) const {
  const auto text = json::Stringify(js::object{{"connectorState", summary.ToJson()}});
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  return crypto::Encrypt(bytes, key_).ToBase64();
}

std::optional<StateSummary> StateMarker::Open(std::string_view encrypted_payload) const {
  try {
    const auto plain = crypto::Decrypt(crypto::Cipher::FromBase64(encrypted_payload), key_);
    const auto value =
        json::Parse(std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()), "state marker");
    const auto* state = value.is_object() ? value.as_object().if_contains("connectorState") : nullptr;
    if (state == nullptr) return std::nullopt;
    return StateSummary::FromJson(*state);
  } catch (const CodedError&) {
    return std::nullopt;
  }
}

std::optional<StateMarkerRecord> StateMarker::FetchNewest() {
  const auto items = client_.GetAllPages(kPath, {}, Auth::kDevice, kHeaders);
  std::optional<std::int64_t> latest;
  const js::object* newest = nullptr;
  std::int64_t newest_index = -1;
  for (const auto& item : items) {
    const auto index = IndexOf(item);
    if (!index) continue;
    latest = std::max(latest.value_or(*index), *index);
    const auto& o = item.as_object();
    if (StringOf(o, "objectIdentifier") != kObjectIdentifier || StringOf(o, "collection") != kDatawalletCollection) {
      continue;
    }
    if (*index > newest_index) {
      newest = &o;
      newest_index = *index;
    }
  }
  latest_index_ = latest;
  latest_known_ = true;
  if (newest == nullptr) return std::nullopt;
  StateMarkerRecord record;
  record.index = newest_index;
  record.created_at = StringOf(*newest, "createdAt");
  const auto payload = StringOf(*newest, "encryptedPayload");
  if (!payload.empty()) record.summary = Open(payload);
  return record;
}

std::int64_t StateMarker::Publish(const StateSummary& summary) {
  if (!latest_known_) FetchNewest();
  js::object modification{{"objectIdentifier", kObjectIdentifier},
                          {"collection", kDatawalletCollection},
                          {"type", "Update"},
                          {"encryptedPayload", Seal(summary)},
                          {"datawalletVersion", kDatawalletVersion}};
  for (int attempt = 0;; ++attempt) {
    js::object body{{"modifications", js::array{modification}}};
    if (latest_index_) body["localIndex"] = *latest_index_;
    try {
      const auto created = client_.Post(kPath, body, Auth::kDevice, kHeaders);
      const auto* index = created.is_object() ? created.as_object().if_contains("newIndex") : nullptr;
      if (index == nullptr || !(index->is_int64() || index->is_uint64())) {
        throw CodedError("error.transport.state.unexpectedAnswer", "the Backbone's answer to the marker push lacks newIndex");
      }
      latest_index_ = index->to_number<std::int64_t>();
      return *latest_index_;
    } catch (const BackboneError& e) {
      if (attempt > 0 || e.code().find(kNotUpToDate) == std::string::npos) {
        // Refused during our own sync run: nothing was written. Anything else (a lost answer
        // included) may have moved the index: read it again before the next push.
        if (e.code().find(kDuringSyncRun) == std::string::npos) latest_known_ = false;
        throw;
      }
      FetchNewest();
    }
  }
}

}  // namespace nmshd::transport
