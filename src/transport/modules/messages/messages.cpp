#include "transport/modules/messages/messages.h"

#include <algorithm>
#include <any>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "base/coded_error.h"
#include "base/hex.h"
#include "core/backbone_ids.h"
#include "core/core_date.h"
#include "crypto/bytes.h"
#include "crypto/hash.h"
#include "transport/modules/files/use_case_support.h"
#include "transport/modules/messages/message_content.h"
#include "transport/modules/relationships/relationship_channel.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/transmission/message_seal.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
using use_case::InvalidPropertyValue;
using use_case::RecordNotFound;
using use_case::TranslateBackboneErrors;

constexpr std::string_view kAddressPattern =
    "did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22}";
constexpr std::string_view kFileIdPattern = "FIL[A-Za-z0-9]{17}";
constexpr std::string_view kMessageIdPattern = "MSG[A-Za-z0-9]{17}";

std::string SecretsContext(std::string_view id) {
  return std::string(Messages::kCollection) + "/" + std::string(id) + "/secrets";
}

std::string NormalizedDate(const js::value& v) { return core::CoreDate::Parse(std::string(v.as_string())).ToString(); }

std::string Quoted(const std::vector<std::string>& addresses) {
  std::string out;
  for (const auto& a : addresses) out += (out.empty() ? "'" : ", '") + a + "'";
  return out;
}

// A string array member of SendMessageRequest as ajv checks it: type, minItems, uniqueItems, then
// every item's type and pattern.
std::vector<std::string> StringArray(const js::value& value, std::string_view name, std::size_t min_items,
                                     bool (*matches)(std::string_view), std::string_view pattern) {
  const std::string n(name);
  if (!value.is_array()) throw InvalidPropertyValue(n + " must be array");
  const auto& array = value.as_array();
  if (array.size() < min_items) {
    throw InvalidPropertyValue(n + " must NOT have fewer than " + std::to_string(min_items) + " items");
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = array.size(); i-- > 0;) {
    const auto key = js::serialize(array[i]);
    if (auto it = seen.find(key); it != seen.end()) {
      throw InvalidPropertyValue(n + " must NOT have duplicate items (items ## " + std::to_string(it->second) +
                                 " and " + std::to_string(i) + " are identical)");
    }
    seen[key] = i;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) throw InvalidPropertyValue(n + "/" + std::to_string(i) + " must be string");
    if (!matches(array[i].as_string())) {
      throw InvalidPropertyValue(n + "/" + std::to_string(i) + " must match pattern " + std::string(pattern));
    }
    out.emplace_back(array[i].as_string());
  }
  return out;
}

std::optional<std::string> PeerDeletionStatus(storage::Transaction& tx, const std::string& relationship_id) {
  auto doc = tx.Get("relationships", relationship_id);
  if (!doc) return std::nullopt;
  const auto* info = doc->if_contains("peerDeletionInfo");
  if (info == nullptr || !info->is_object()) return std::nullopt;
  const auto* status = info->as_object().if_contains("deletionStatus");
  if (status == nullptr || !status->is_string()) return std::nullopt;
  return std::string(status->as_string());
}

// SendMessageUseCase.validateMessageRecipients: Active relationships (Terminated too for
// Notifications), peers neither in deletion nor deleted.
void ValidateRecipientRelationships(storage::Transaction& tx, const SecretBox& box,
                                    const std::vector<std::string>& recipients, bool is_notification) {
  std::vector<std::string> no_active, neither_active_nor_terminated, in_deletion, deleted;
  for (const auto& recipient : recipients) {
    const auto channel = FindRelationshipChannelWithPeer(tx, box, recipient);
    if (!channel || channel->status != "Active") {
      no_active.push_back(recipient);
      if (!channel || channel->status != "Terminated") neither_active_nor_terminated.push_back(recipient);
      continue;
    }
    const auto deletion = PeerDeletionStatus(tx, channel->relationship_id);
    if (deletion == "ToBeDeleted") {
      in_deletion.push_back(recipient);
      continue;
    }
    if (deletion == "Deleted") deleted.push_back(recipient);
  }
  if (!is_notification) {
    if (!no_active.empty()) {
      throw CodedError("error.runtime.messages.hasNoActiveRelationship",
                       "The Message cannot be sent as there is no active Relationship to the recipient(s) with the "
                       "following address(es): " +
                           Quoted(no_active) +
                           ". However, please note that Messages whose content is a Notification can be sent on "
                           "terminated Relationships as well.");
    }
    if (!in_deletion.empty()) {
      throw CodedError("error.runtime.messages.peerIsInDeletion",
                       "The Message cannot be sent as the recipient(s) with the following address(es) being in "
                       "deletion: " +
                           Quoted(in_deletion) +
                           ". However, please note that Messages whose content is a Notification can be sent to "
                           "recipients in deletion.");
    }
  }
  if (!neither_active_nor_terminated.empty()) {
    throw CodedError("error.transport.messages.hasNeitherActiveNorTerminatedRelationship",
                     "The Message cannot be sent as there is neither an active nor a terminated Relationship to the "
                     "recipient(s) with the following address(es): " +
                         Quoted(neither_active_nor_terminated) + ".");
  }
  if (!deleted.empty()) {
    throw CodedError("error.transport.messages.peerIsDeleted",
                     "The Message cannot be sent due to the deletion of the recipient(s) with the following "
                     "address(es): " +
                         Quoted(deleted));
  }
}

// IdentityUtil.createAddress({algorithm: 1, publicKey: UTF-8 "deleted identity"}, <Backbone host>):
// the address that replaces a decomposed peer in own messages with other recipients.
std::string DeletedIdentityPseudonym(std::string_view base_url) {
  auto host = base_url.substr(base_url.find("://") == std::string_view::npos ? 0 : base_url.find("://") + 3);
  host = host.substr(0, std::min(host.find(':'), host.find('/')));
  const auto sha512 = crypto::Sha512(crypto::Utf8Bytes("deleted identity"));
  const auto hash = crypto::Sha256(std::span<const std::uint8_t>(sha512.data(), sha512.size()));
  const auto address = "did:e:" + std::string(host) + ":dids:" + ToHex(std::span<const std::uint8_t>(hash.data(), 10));
  const auto checksum = crypto::Sha256(address);
  return address + ToHex(std::span<const std::uint8_t>(checksum.data(), 1));
}

// The storage matches a path through an array of objects only at its end, so the recipients'
// addresses and relationship ids are kept as flat arrays too, for the filters
// recipients.address, recipients.relationshipId and participant.
void IndexRecipients(js::object& doc) {
  js::array addresses, relationship_ids;
  for (const auto& r : doc.at("recipients").as_array()) {
    const auto& o = r.as_object();
    addresses.push_back(o.at("address"));
    if (const auto* rel = o.if_contains("relationshipId"); rel != nullptr && rel->is_string()) {
      relationship_ids.push_back(*rel);
    }
  }
  doc["_recipientAddresses"] = std::move(addresses);
  doc["_recipientRelationshipIds"] = std::move(relationship_ids);
}

// The payload's message id; it becomes part of a Backbone path, so nothing else is accepted.
std::string MessageIdOf(const ExternalEvent& event) {
  auto id = event.PayloadString("id");
  if (!core::IsBackboneId(id, core::backbone_ids::kMessage)) {
    throw CodedError("error.transport.sync.invalidExternalEvent", "the payload's id is not a message id");
  }
  return id;
}

js::array StringsToJson(const std::vector<std::string>& list) {
  js::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

Messages::Messages(TransportContext& ctx, Files& files) : ctx_(ctx), files_(files) {
  // Listing a peer's messages (createdBy, also through participant) is what a connector polling for
  // new mail does on every sync; without it each list reads every message.
  ctx_.db.EnsureIndex(kCollection, storage::IndexSpec{"createdBy", {"createdBy"}, false});
}

js::object Messages::ToDto(const js::object& doc) const {
  js::object dto;
  auto copy = [&](std::string_view key) {
    if (const auto* v = doc.if_contains(key)) dto[key] = *v;
  };
  copy("id");
  copy("isOwn");
  copy("content");
  copy("createdBy");
  copy("createdByDevice");
  js::array recipients;
  for (const auto& r : doc.at("recipients").as_array()) {
    js::object out;
    for (auto key : {"address", "receivedAt", "receivedByDevice", "relationshipId"}) {
      if (const auto* v = r.as_object().if_contains(key); v != nullptr && !v->is_null()) out[key] = *v;
    }
    recipients.push_back(std::move(out));
  }
  dto["recipients"] = std::move(recipients);
  copy("createdAt");
  copy("attachments");
  copy("wasReadAt");
  return dto;
}

js::object Messages::Send(const js::value& body) {
  if (!body.is_object()) throw InvalidPropertyValue("must be object");
  const auto& b = body.as_object();
  if (!b.contains("content")) throw InvalidPropertyValue("must have required property 'content'");
  if (!b.contains("recipients")) throw InvalidPropertyValue("must have required property 'recipients'");
  use_case::RequireObjectWithOnly(body, {"recipients", "content", "attachments"});
  const auto recipients = StringArray(b.at("recipients"), "recipients", 1, use_case::IsAddressString, kAddressPattern);
  std::vector<std::string> attachment_ids;
  if (const auto* a = b.if_contains("attachments")) {
    attachment_ids = StringArray(*a, "attachments", 0, use_case::IsFileIdString, kFileIdPattern);
  }
  const auto content = PrepareMessageContent(b.at("content"));
  if (content.at("@type") == "Request" && recipients.size() != 1) {
    throw InvalidPropertyValue("Only one recipient is allowed for sending Requests.");
  }
  const auto& me = ctx_.account.address();

  // Validation, sealing and the advanced counters in one transaction: bad input writes nothing.
  // The lock makes sealing and storing the advanced counters one step for concurrent sends (on
  // PostgreSQL two transactions could otherwise read the same counter). Its commit is not waited
  // for under the lock: the flush is, after it, so that the sends queued behind share one flush.
  std::optional<SealedMessage> sealed;
  std::vector<std::string> relationship_ids;
  {
    std::lock_guard lock(send_mutex_);
    storage::DeferredDurability flushed_after_the_lock;
    ctx_.db.WithTransaction([&](storage::Transaction& tx) {
      ValidateRecipientRelationships(tx, ctx_.box, recipients, IsNotificationContent(content));
      if (IsMailContent(content)) ValidateMailRecipients(content, recipients);
      if (send_content_validator_) send_content_validator_(tx, recipients, content);
      std::vector<core::Reference> attachments;
      for (const auto& id : attachment_ids) {
        auto file = files_.Find(tx, id);
        if (!file) throw RecordNotFound("File");
        attachments.push_back(files_.ReferenceOf(*file));
      }
      std::vector<RelationshipChannel> channels;
      for (const auto& recipient : recipients) {
        auto channel = FindRelationshipChannelWithPeer(tx, ctx_.box, recipient);
        if (!channel) {
          throw CodedError("error.transport.general",
                           "Due to the non-existence of a Relationship to the recipient with address '" + recipient +
                               "', the Message cannot be sent.");
        }
        channels.push_back(std::move(*channel));
      }
      std::vector<MessageRecipientSecrets> secrets;
      for (std::size_t i = 0; i < channels.size(); ++i)
        secrets.push_back({recipients[i], std::ref(channels[i].secrets)});
      sealed.emplace(SealMessage(content, me, secrets, attachments, core::CoreDate::Now()));
      for (const auto& channel : channels) {
        StoreRelationshipChannelSecrets(tx, ctx_.box, channel.relationship_id, channel.secrets);
        relationship_ids.push_back(channel.relationship_id);
      }
    });
  }
  // The advanced counters must be durable before a message sealed with them leaves the process: a
  // crash must never make the next send reuse them.
  ctx_.db.FlushCommitted();

  js::array envelope_recipients;
  for (const auto& r : sealed->recipients) {
    envelope_recipients.push_back(js::object{{"address", r.address}, {"encryptedKey", r.encrypted_key}});
  }
  js::array envelope_attachments;
  for (const auto& id : sealed->attachment_ids) envelope_attachments.push_back(js::object{{"id", id}});
  const auto response = TranslateBackboneErrors([&] {
    return ctx_.backbone.Post("/api/v2/Messages", js::object{{"attachments", std::move(envelope_attachments)},
                                                             {"body", sealed->body},
                                                             {"recipients", std::move(envelope_recipients)}});
  });
  const auto& r = response.as_object();
  const std::string id(r.at("id").as_string());

  js::object doc;
  doc["id"] = id;
  doc["isOwn"] = true;
  doc["content"] = content;
  doc["createdBy"] = me;
  doc["createdByDevice"] = ctx_.account.device().id;
  js::array stored_recipients;
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    stored_recipients.push_back(js::object{{"address", recipients[i]}, {"relationshipId", relationship_ids[i]}});
  }
  doc["recipients"] = std::move(stored_recipients);
  doc["createdAt"] = NormalizedDate(r.at("createdAt"));
  doc["attachments"] = StringsToJson(attachment_ids);
  doc["_hasAttachments"] = !attachment_ids.empty();
  IndexRecipients(doc);
  doc["secrets"] = ctx_.box.Seal(js::object{{"secretKey", sealed->message_key.ToJson(false)}}, SecretsContext(id));
  PendingEvents pending;
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Insert(kCollection, id, doc);
    const auto dto = ToDto(doc);
    pending.Add("transport.messageSent", dto);
    sent_observers_.Notify(tx, dto, pending);
  });
  pending.PublishTo(ctx_.events);
  return ToDto(doc);
}

js::object Messages::ReadMessage(const std::string& id, std::string_view id_member) {
  if (!use_case::IsMessageIdString(id)) {
    throw InvalidPropertyValue(std::string(id_member) + " must match pattern " + std::string(kMessageIdPattern));
  }
  auto doc = ctx_.db.Get(kCollection, id);
  if (!doc) throw RecordNotFound("Message");
  return *doc;
}

js::object Messages::GetDto(const std::string& id) {
  const auto doc = ReadMessage(id);
  auto dto = ToDto(doc);
  js::array attachments;
  for (const auto& attachment : doc.at("attachments").as_array()) {
    auto file = files_.Find(std::string(attachment.as_string()));
    if (!file) throw std::runtime_error("A file could not be fetched.");
    attachments.push_back(files_.ToDto(*file));
  }
  dto["attachments"] = std::move(attachments);
  return dto;
}

std::string Messages::CheckedAttachment(const js::object& message, const std::string& attachment_id) {
  if (!use_case::IsFileIdString(attachment_id)) {
    throw InvalidPropertyValue("attachmentId must match pattern " + std::string(kFileIdPattern));
  }
  const auto& list = message.at("attachments").as_array();
  if (std::find(list.begin(), list.end(), js::value(attachment_id)) == list.end()) {
    throw CodedError("error.runtime.messages.fileNotFoundInMessage",
                     "The requested File '" + attachment_id + "' was not found in the given Message.");
  }
  return attachment_id;
}

js::object Messages::GetAttachment(const std::string& id, const std::string& attachment_id) {
  const auto message = ReadMessage(id);
  auto file = files_.Find(CheckedAttachment(message, attachment_id));
  if (!file) throw RecordNotFound("File");
  return files_.ToDto(*file);
}

FileDownload Messages::DownloadAttachment(const std::string& id, const std::string& attachment_id) {
  const auto message = ReadMessage(id);
  return files_.Download(CheckedAttachment(message, attachment_id));
}

js::array Messages::List(const storage::QueryParameters& query) {
  use_case::ValidateQueryKeys(query, {{"isOwn", false},
                                      {"createdBy"},
                                      {"createdByDevice"},
                                      {"createdAt"},
                                      {"content.@type"},
                                      {"content.body"},
                                      {"content.subject"},
                                      {"attachments"},
                                      {"recipients.address"},
                                      {"recipients.relationshipId"},
                                      {"wasReadAt"},
                                      {"participant"}});
  storage::QueryParameters standard;
  storage::QueryParameters participant;
  std::vector<js::value> attachments;
  for (const auto& [key, value] : query) {
    if (key == "participant") {
      participant.emplace_back(key, value);
    } else if (key == "attachments") {
      attachments.emplace_back(value);
    } else {
      standard.emplace_back(key, value);
    }
  }
  storage::FilterSyntaxOptions standard_options;
  standard_options.aliases = {{"recipients.address", "_recipientAddresses"},
                              {"recipients.relationshipId", "_recipientRelationshipIds"}};
  // Written by us as strings (the sender's address, a normalized date), never arrays.
  standard_options.scalar_fields = {"createdBy", "createdAt"};
  storage::Query base;
  base.filter = storage::ParseRestFilter(standard, standard_options);
  // attachments: "+" alone means "has any"; otherwise the raw ids, any of which must be attached.
  if (attachments.size() == 1 && attachments.front().as_string() == "+") {
    base.Where(storage::Condition::Equals("_hasAttachments", true));
  } else if (!attachments.empty()) {
    base.Where(storage::Condition::In("attachments", attachments));
  }
  base.OrderBy("createdAt");

  std::vector<storage::Document> docs;
  if (participant.empty()) {
    docs = ctx_.db.Find(kCollection, base);
  } else {
    // participant: {$or: [{createdBy: q}, {recipients.address: q}]}, as the union of both queries.
    std::map<std::string, storage::Document> merged;
    for (const char* field : {"createdBy", "_recipientAddresses"}) {
      storage::FilterSyntaxOptions options;
      options.aliases["participant"] = field;
      options.scalar_fields = {"createdBy"};
      auto q = base;
      for (auto& c : storage::ParseRestFilter(participant, options).conditions) q.Where(std::move(c));
      for (auto& doc : ctx_.db.Find(kCollection, q)) merged.emplace(doc.id, std::move(doc));
    }
    for (auto& [id, doc] : merged) docs.push_back(std::move(doc));
    std::stable_sort(docs.begin(), docs.end(), [](const storage::Document& a, const storage::Document& b) {
      return a.body.at("createdAt").as_string() < b.body.at("createdAt").as_string();
    });
  }
  js::array result;
  for (const auto& doc : docs) result.push_back(ToDto(doc.body));
  return result;
}

void Messages::CleanupDecomposedRelationship(storage::Transaction& tx, const std::string& relationship_id) const {
  storage::Query query;
  query.Where(storage::Condition::Equals("_recipientRelationshipIds", js::value(relationship_id)));
  const auto pseudonym = DeletedIdentityPseudonym(ctx_.base_url);
  for (auto& doc : tx.Find(kCollection, query)) {
    auto& recipients = doc.body.at("recipients").as_array();
    if (!doc.body.at("isOwn").as_bool() || recipients.size() == 1) {
      tx.Delete(kCollection, doc.id);
      continue;
    }
    bool all_pseudonyms = true;
    for (auto& r : recipients) {
      auto& o = r.as_object();
      if (const auto* rel = o.if_contains("relationshipId"); rel != nullptr && *rel == js::value(relationship_id)) {
        o["address"] = pseudonym;
        o.erase("relationshipId");
      }
      all_pseudonyms = all_pseudonyms && o.at("address") == js::value(pseudonym);
    }
    if (all_pseudonyms) {
      tx.Delete(kCollection, doc.id);
    } else {
      IndexRecipients(doc.body);
      tx.Replace(kCollection, doc.id, doc.body);
    }
  }
}

void Messages::RegisterProcessors(SyncEngine& sync) {
  sync.Register(
      "MessageReceived",
      [this](const ExternalEvent& event, EventApplier& applier) { ProcessMessageReceived(event, applier); },
      [this](const ExternalEvent& event) -> std::any {
        auto message = ReadReceivedMessage(event);
        return message ? std::any(std::move(message)) : std::any();
      });
  sync.Register("MessageDelivered",
                [this](const ExternalEvent& event, EventApplier& applier) { ProcessMessageDelivered(event, applier); });
}

struct Messages::ReceivedMessage {
  std::string id;
  boost::json::object doc;       // the record to store
  std::vector<LocalFile> files;  // attachments not stored yet
};

// loadPeerMessage: the envelope, our relationship with the sender, the attachments' metadata.
std::shared_ptr<const Messages::ReceivedMessage> Messages::ReadReceivedMessage(const ExternalEvent& event) {
  const auto id = MessageIdOf(event);
  if (ctx_.db.Get(kCollection, id)) return nullptr;  // already stored: nothing to apply
  const auto& me = ctx_.account.address();
  // Backbone reads first (message, then the attachments' metadata), outside any transaction.
  const auto envelope = TranslateBackboneErrors([&] { return ctx_.backbone.Get("/api/v2/Messages/" + id); });
  const auto& e = envelope.as_object();
  const std::string sender(e.at("createdBy").as_string());
  std::vector<MessageEnvelopeRecipient> envelope_recipients;
  js::object own_entry;
  for (const auto& r : e.at("recipients").as_array()) {
    const auto& o = r.as_object();
    envelope_recipients.push_back(
        {std::string(o.at("address").as_string()), std::string(o.at("encryptedKey").as_string())});
    if (o.at("address").as_string() == me) own_entry = o;
  }
  std::optional<RelationshipChannel> channel;
  {
    auto tx = ctx_.db.Begin(storage::TransactionMode::kReadOnly);
    channel = FindRelationshipChannelWithPeer(*tx, ctx_.box, sender);
  }
  if (!channel) throw CodedError("error.transport.recordNotFound", "'Relationship' not found.");
  const auto& own = FindOwnRecipient(envelope_recipients, me);
  auto opened = OpenMessage(e.at("body").as_string(), own.encrypted_key, me, channel->secrets);
  auto message = std::make_shared<ReceivedMessage>();
  message->id = id;
  js::array attachment_ids;
  for (const auto& reference : opened.attachments) {
    attachment_ids.emplace_back(reference.id());
    if (auto local = files_.Find(reference.id())) continue;
    message->files.push_back(files_.FetchPeer(reference.id(), reference.key()));
  }

  auto& doc = message->doc;
  doc["id"] = id;
  doc["isOwn"] = false;
  doc["content"] = MessageContentForDto(opened.content);
  doc["createdBy"] = sender;
  doc["createdByDevice"] = e.at("createdByDevice");
  js::object recipient{{"address", me}};
  for (auto key : {"receivedAt", "receivedByDevice"}) {
    if (const auto* v = own_entry.if_contains(key); v != nullptr && v->is_string()) {
      recipient[key] = std::string_view(key) == "receivedAt" ? js::value(NormalizedDate(*v)) : *v;
    }
  }
  recipient["relationshipId"] = channel->relationship_id;
  doc["recipients"] = js::array{std::move(recipient)};
  doc["createdAt"] = NormalizedDate(e.at("createdAt"));
  doc["_hasAttachments"] = !attachment_ids.empty();
  doc["attachments"] = std::move(attachment_ids);
  IndexRecipients(doc);
  doc["secrets"] = ctx_.box.Seal(js::object{{"secretKey", opened.message_key.ToJson(false)}}, SecretsContext(id));
  return message;
}

void Messages::ProcessMessageReceived(const ExternalEvent& event, EventApplier& applier) {
  std::shared_ptr<const ReceivedMessage> message;
  const auto* prefetched = std::any_cast<std::shared_ptr<const ReceivedMessage>>(&applier.prefetched());
  if (prefetched != nullptr && *prefetched) {
    message = *prefetched;
    if (ctx_.db.Get(kCollection, message->id)) return;
  } else {
    message = ReadReceivedMessage(event);
    if (!message) return;
  }
  applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
    for (const auto& file : message->files) files_.StoreIfAbsent(tx, file);
    tx.Insert(kCollection, message->id, message->doc);
    const auto dto = ToDto(message->doc);
    pending.Add("transport.messageReceived", dto);
    received_observers_.Notify(tx, dto, pending);
  });
}

// updateBackboneData: the recipients' delivery state of an own message.
void Messages::ProcessMessageDelivered(const ExternalEvent& event, EventApplier& applier) {
  const auto id = MessageIdOf(event);
  const auto items = TranslateBackboneErrors([&] {
    return ctx_.backbone.GetAllPages("/api/v2/Messages", QueryParams{{"ids", id}});
  });
  if (items.empty()) throw CodedError("error.transport.recordNotFound", "'Message' not found.");
  const auto& remote = items.front().as_object();
  applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
    auto doc = tx.Get(kCollection, id);
    if (!doc) throw CodedError("error.transport.recordNotFound", "'Message' not found.");
    for (auto& local : doc->at("recipients").as_array()) {
      auto& l = local.as_object();
      for (const auto& r : remote.at("recipients").as_array()) {
        const auto& o = r.as_object();
        if (o.at("address") != l.at("address")) continue;
        if (const auto* v = o.if_contains("receivedAt"); v != nullptr && v->is_string())
          l["receivedAt"] = NormalizedDate(*v);
        if (const auto* v = o.if_contains("receivedByDevice"); v != nullptr && v->is_string())
          l["receivedByDevice"] = *v;
      }
    }
    tx.Replace(kCollection, id, *doc);
    pending.Add("transport.messageDelivered", ToDto(*doc));
  });
}

}  // namespace nmshd::transport
