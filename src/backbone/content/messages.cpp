#include "content/messages.h"

#include <set>

#include "api/api_errors.h"
#include "content/content_common.h"
#include "content/content_store.h"
#include "content/relationships.h"
#include "core/backbone_ids.h"
#include "sync/external_events.h"

namespace nmshd::backbone::content {

namespace {

using storage::Condition;

constexpr std::string_view kRecord = "Message";
constexpr std::string_view kPrefix = core::backbone_ids::kMessage;

struct RecipientInput {
  std::string address;
  WireBytes encrypted_key;
};

const json::array& ArrayMember(const json::object& body, std::string_view name, bool& present) {
  static const json::array kEmpty;
  const auto* v = Member(body, name);
  present = v != nullptr && !v->is_null();
  if (v == nullptr || v->is_null()) return kEmpty;
  if (!v->is_array())
    throw CannotBeParsed(name, "The JSON value could not be converted to a list.");
  return v->get_array();
}

const json::object& ElementObject(const json::value& v, std::string_view name) {
  if (!v.is_object()) {
    throw CannotBeParsed(name, "The JSON value could not be converted to an object.");
  }
  return v.get_object();
}

bool Flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

// The arrays the queries use, recomputed from the recipient entries.
void RefreshDerived(json::object& doc) {
  json::array addresses, unreceived, visible;
  std::set<std::string> visible_set;
  auto created_by = Str(doc, "createdBy");
  bool sender_sees = false;
  for (const auto& r : doc.at("recipients").as_array()) {
    const auto& entry = r.as_object();
    auto address = Str(entry, "address");
    addresses.push_back(json::string(address));
    if (entry.at("receivedAt").is_null()) unreceived.push_back(json::string(address));
    if (!Flag(entry, "isRelationshipDecomposedBySender")) sender_sees = true;
    if (!Flag(entry, "isRelationshipDecomposedByRecipient") && visible_set.insert(address).second) {
      visible.push_back(json::string(address));
    }
  }
  if (sender_sees && visible_set.insert(created_by).second)
    visible.push_back(json::string(created_by));
  doc["recipientAddresses"] = std::move(addresses);
  doc["unreceivedBy"] = std::move(unreceived);
  doc["visibleTo"] = std::move(visible);
}

// The outstanding receipts of a message as the UnreceivedMessagesCounter keys of its sender and
// each recipient in unreceivedBy. Each counter is kept equal to the number of messages listing its
// pair here, so the unreceived quota of SendMessage reads one row. (Counting messages by the array
// unreceivedBy scanned every message the sender ever sent; a document per receipt, as in schema
// version 0, cost a send and a fetch three b-tree pages each; the counter is one row, on a send in
// the page of the event sequence that the same transaction advances.)
std::set<std::string> PendingPairs(const json::object& doc) {
  std::set<std::string> pairs;
  const auto sender = Str(doc, "createdBy");
  for (const auto& a : doc.at("unreceivedBy").as_array()) {
    pairs.insert(UnreceivedMessagesCounter(sender, a.as_string()));
  }
  return pairs;
}

// Brings the counters from `before` to `after` (PendingPairs of the stored and the new version of
// a message), in the transaction that stores the new version.
void UpdatePendingReceipts(storage::Transaction& tx, const std::set<std::string>& before,
                           const std::set<std::string>& after) {
  for (const auto& pair : before) {
    if (!after.contains(pair)) tx.AddToCounter(pair, -1);
  }
  for (const auto& pair : after) {
    if (!before.contains(pair)) tx.AddToCounter(pair, 1);
  }
}

// Message.HasParticipant.
bool IsVisibleTo(const json::object& doc, std::string_view caller) {
  for (const auto& v : doc.at("visibleTo").as_array()) {
    if (v.as_string() == caller) return true;
  }
  return false;
}

json::object MessageDto(const json::object& doc, std::string_view caller,
                        std::string_view did_domain_name) {
  json::object dto;
  dto["id"] = doc.at("id");
  dto["createdAt"] = doc.at("createdAt");
  dto["createdBy"] = doc.at("createdBy");
  dto["createdByDevice"] = doc.at("createdByDevice");
  dto["body"] = doc.at("body");
  json::array attachments;
  for (const auto& a : doc.at("attachments").as_array()) {
    attachments.push_back(json::object{{"id", a.as_object().at("id")}});
  }
  dto["attachments"] = std::move(attachments);
  json::array recipients;
  bool caller_is_sender = Str(doc, "createdBy") == caller;
  for (const auto& r : doc.at("recipients").as_array()) {
    const auto& entry = r.as_object();
    if (!caller_is_sender && Str(entry, "address") != caller) continue;
    json::object out;
    out["address"] = entry.at("address");
    out["encryptedKey"] = entry.at("encryptedKey");
    out["receivedAt"] = entry.at("receivedAt");
    out["receivedByDevice"] = entry.at("receivedByDevice");
    if (caller_is_sender && Flag(entry, "isRelationshipDecomposedBySender")) {
      out["address"] = AnonymizedAddress(did_domain_name);
    }
    recipients.push_back(std::move(out));
  }
  dto["recipients"] = std::move(recipients);
  return dto;
}

// RecipientInformation.FetchedMessage for the caller's entry; returns whether anything changed.
bool MarkReceived(json::object& doc, const BackboneContext& ctx, const Caller& caller) {
  for (auto& r : doc.at("recipients").as_array()) {
    auto& entry = r.as_object();
    if (Str(entry, "address") != caller.address) continue;
    if (!entry.at("receivedAt").is_null()) return false;
    entry["receivedAt"] = Iso(ctx.now());
    entry["receivedByDevice"] = caller.device_id;
    RefreshDerived(doc);
    return true;
  }
  return false;
}

}  // namespace

json::object SendMessage(const BackboneContext& ctx, const Caller& caller,
                         const json::object& body) {
  // Binding.
  bool recipients_present = false, attachments_present = false;
  const auto& recipients_json = ArrayMember(body, "recipients", recipients_present);
  std::vector<RecipientInput> recipients;
  for (const auto& r : recipients_json) {
    const auto& o = ElementObject(r, "recipients");
    recipients.push_back(
        RecipientInput{RequiredString(o, "address"), RequiredBytes(o, "encryptedKey")});
  }
  auto message_body = RequiredBytes(body, "body");
  const auto& attachments_json = ArrayMember(body, "attachments", attachments_present);
  std::vector<std::string> attachments;
  for (const auto& a : attachments_json) {
    attachments.push_back(RequiredString(ElementObject(a, "attachments"), "id"));
  }
  const auto* recipients_member = Member(body, "recipients");
  if (recipients_member != nullptr && recipients_member->is_null()) {
    throw InvalidPropertyValue("'recipients' must not be empty.");
  }

  // Validator rules in order.
  std::set<std::string> unique;
  for (const auto& r : recipients) {
    if (!unique.insert(r.address).second) {
      throw InvalidPropertyValue("The same item cannot be added more than once.");
    }
  }
  for (const auto& r : recipients) {
    RequireAddress(r.address, "address");
    if (r.encrypted_key.size < 30 || r.encrypted_key.size > 300) {
      throw WrongNumberOfBytes("encryptedKey", 30, 300, r.encrypted_key.size);
    }
  }
  auto max_recipients = static_cast<std::size_t>(ctx.config.limits.maxNumberOfMessageRecipients);
  if (recipients.empty() || recipients.size() > max_recipients) {
    throw InvalidPropertyValue("'count' must be between 1 and " + std::to_string(max_recipients) +
                               ". You entered " + std::to_string(recipients.size()) + ".");
  }
  auto max_body = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
  if (message_body.size < 1 || message_body.size > max_body) {
    throw WrongNumberOfBytes("body", 1, max_body, message_body.size);
  }
  for (const auto& id : attachments) {
    if (!core::IsBackboneId(id, core::backbone_ids::kFile)) {
      throw InvalidPropertyValue("id has an invalid format.");
    }
  }
  if (attachments.size() > kMaxAttachments) {
    throw InvalidPropertyValue("'count' must be between 0 and 20. You entered " +
                               std::to_string(attachments.size()) + ".");
  }

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto id = core::GenerateBackboneId(kPrefix);
    json::array recipient_entries;
    std::vector<std::pair<std::string, bool>> events;  // relationship id, blocked
    // Serialize with status changes of the relationships (locks taken in id order, so two
    // senders never wait for each other crosswise): a MessageReceived event is then never left
    // blocked by an acceptance that ran concurrently.
    std::vector<std::optional<std::string>> relationship_ids;
    std::set<std::string> to_lock;
    for (const auto& r : recipients) {
      auto relationship = YoungestRelationship(tx, caller.address, r.address);
      relationship_ids.push_back(relationship ? OptStr(*relationship, "id") : std::nullopt);
      if (relationship) to_lock.insert(Str(*relationship, "id"));
    }
    for (const auto& rid : to_lock) LockRelationship(tx, rid);
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      const auto& r = recipients[i];
      if (!relationship_ids[i]) {
        throw Validation(
            "error.platform.validation.message.noRelationshipToRecipientExists",
            "Cannot send message to " + r.address + " because there is no relationship to it.");
      }
      const auto& relationship_id = *relationship_ids[i];
      auto relationship = tx.Get(kRelationships, relationship_id);
      auto status = Str(*relationship, "status");
      if (status != "Active" && status != "Pending" && status != "Terminated") {
        auto from = Str(*relationship, "from");
        auto peer = from == caller.address ? Str(*relationship, "to") : from;
        throw Validation(
            "error.platform.validation.message.relationshipToRecipientNotActive",
            "Cannot send message to " + peer + " because the relationship to it is not active.");
      }
      // This message's receipt counted in advance (PendingPairs of the new message); a refusal rolls
      // it back with the transaction.
      const auto unreceived = tx.AddToCounter(UnreceivedMessagesCounter(caller.address, r.address), 1);
      if (unreceived > static_cast<std::int64_t>(kMaxUnreceivedMessagesFromOneSender)) {
        throw Validation("error.platform.validation.message.maxNumberOfUnreceivedMessagesReached",
                         "The message could not be sent because " + Str(*relationship, "to") +
                             " already has the maximum number of unread messages from you.");
      }
      json::object entry;
      entry["address"] = r.address;
      entry["encryptedKey"] = r.encrypted_key.b64u;
      entry["receivedAt"] = nullptr;
      entry["receivedByDevice"] = nullptr;
      entry["relationshipId"] = relationship_id;
      entry["isRelationshipDecomposedByRecipient"] = false;
      entry["isRelationshipDecomposedBySender"] = false;
      recipient_entries.push_back(std::move(entry));
      events.emplace_back(relationship_id, status == "Pending" || status == "Terminated");
    }
    json::array attachment_entries;
    for (const auto& a : attachments) attachment_entries.push_back(json::object{{"id", a}});

    json::object doc;
    doc["id"] = id;
    doc["createdAt"] = Iso(ctx.now());
    doc["createdBy"] = caller.address;
    doc["createdByDevice"] = caller.device_id;
    doc["body"] = std::move(message_body.b64u);
    doc["attachments"] = std::move(attachment_entries);
    doc["recipients"] = std::move(recipient_entries);
    RefreshDerived(doc);
    tx.Insert(kMessages, id, doc);
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      AppendExternalEvent(
          tx, ctx,
          NewExternalEvent{recipients[i].address, "MessageReceived", json::object{{"id", id}},
                           events[i].first, events[i].second});
    }
    return json::object{{"id", id}, {"createdAt", doc["createdAt"]}};
  });
}

json::object GetMessage(const BackboneContext& ctx, const Caller& caller, std::string_view id,
                        const std::optional<std::string>& no_body) {
  if (no_body && !no_body->empty() && *no_body != "true" && *no_body != "false" &&
      *no_body != "True" && *no_body != "False") {
    throw CannotBeParsed("noBody", "The value '" + *no_body + "' is not valid.");
  }
  RequireId(id, kPrefix, "id");
  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto doc = tx.Get(kMessages, id);
    if (!doc || !IsVisibleTo(*doc, caller.address)) throw RecordNotFound(kRecord);
    const auto before = PendingPairs(*doc);
    if (MarkReceived(*doc, ctx, caller)) {
      tx.Replace(kMessages, id, *doc);
      UpdatePendingReceipts(tx, before, PendingPairs(*doc));
    }
    return MessageDto(*doc, caller.address, ctx.config.didDomainName);
  });
}

http::Response ListMessages(const BackboneContext& ctx, const Caller& caller,
                            const http::Request& request) {
  auto ids = QueryList(request, "ids");
  auto page = ReadPage(request, ctx);
  for (const auto& id : ids) RequireId(id, kPrefix, "ids");

  json::array out;
  std::size_t total = 0;
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    std::vector<json::object> visible;
    if (ids.empty()) {
      for (auto& d : tx.Find(kMessages, storage::Query().Where(Condition::Equals(
                                            "visibleTo", json::string(caller.address))))) {
        visible.push_back(std::move(d.body));
      }
    } else {
      std::set<std::string> seen;
      for (const auto& id : ids) {
        if (!seen.insert(id).second) continue;
        auto doc = tx.Get(kMessages, id);
        if (doc && IsVisibleTo(*doc, caller.address)) visible.push_back(std::move(*doc));
      }
    }
    SortByCreatedAt(visible);
    total = visible.size();
    auto [first, last] = PageBounds(total, page);
    for (auto i = first; i < last; ++i) {
      auto& doc = visible[i];
      const auto before = PendingPairs(doc);
      if (MarkReceived(doc, ctx, caller)) {
        tx.Replace(kMessages, Str(doc, "id"), doc);
        UpdatePendingReceipts(tx, before, PendingPairs(doc));
      }
      out.push_back(MessageDto(doc, caller.address, ctx.config.didDomainName));
    }
  });
  return PagedResult(out, page, total);
}

void DecomposeMessages(storage::Transaction& tx, const BackboneContext& ctx,
                       std::string_view initiator, std::string_view peer) {
  auto anonymized = AnonymizedAddress(ctx.config.didDomainName);
  auto exchanged = [&](std::string_view sender, std::string_view recipient) {
    return tx.Find(kMessages,
                   storage::Query()
                       .Where(Condition::Equals("createdBy", json::string(sender)).ScalarOnly())
                       .Where(Condition::Equals("recipientAddresses", json::string(recipient))));
  };
  auto messages = exchanged(initiator, peer);
  auto received = exchanged(peer, initiator);
  messages.insert(messages.end(), std::make_move_iterator(received.begin()),
                  std::make_move_iterator(received.end()));
  for (auto& message : messages) {
    auto& doc = message.body;
    const auto before = PendingPairs(doc);
    auto& recipients = doc.at("recipients").as_array();
    json::object* recipient = nullptr;
    for (auto& r : recipients) {
      auto address = Str(r.as_object(), "address");
      if (address == initiator || address == peer) {
        recipient = &r.as_object();
        break;
      }
    }
    if (recipient == nullptr) continue;
    if (Str(*recipient, "address") == initiator)
      (*recipient)["isRelationshipDecomposedByRecipient"] = true;
    if (Str(doc, "createdBy") == initiator) (*recipient)["isRelationshipDecomposedBySender"] = true;
    auto fully = [](const json::object& r) {
      return Flag(r, "isRelationshipDecomposedByRecipient") &&
             Flag(r, "isRelationshipDecomposedBySender");
    };
    if (fully(*recipient)) (*recipient)["address"] = anonymized;
    bool all_fully = true;
    for (const auto& r : recipients) all_fully = all_fully && fully(r.as_object());
    if (all_fully) doc["createdBy"] = anonymized;
    RefreshDerived(doc);
    tx.Replace(kMessages, message.id, doc);
    UpdatePendingReceipts(tx, before, PendingPairs(doc));
  }
}

void RegisterMessageRoutes(ApiRoutes& routes, BackboneContext& ctx) {
  const BackboneContext* c = &ctx;
  routes.Authenticated("POST", "/api/v2/Messages",
                       [c](http::Request& request, const Caller& caller) {
                         return Result(SendMessage(*c, caller, JsonBody(request)), 201);
                       });
  routes.Authenticated("GET", "/api/v2/Messages",
                       [c](http::Request& request, const Caller& caller) {
                         return ListMessages(*c, caller, request);
                       });
  routes.Authenticated(
      "GET", "/api/v2/Messages/{id}", [c](http::Request& request, const Caller& caller) {
        return Result(
            GetMessage(*c, caller, request.PathParam("id"), request.QueryValue("noBody")));
      });
}

}  // namespace nmshd::backbone::content
