// Succeeding relationship attributes between our connector (REST) and an official @nmshd/runtime
// 7.0.0 peer (RequestModule, DeciderModule, NotificationModule), both on our backbone; then the
// request inputs both sides must refuse without storing anything.
//   onboarding                 our template creates a customer number we own (CreateAttribute); the
//                              peer accepts, we accept the relationship
//   weSucceedOurCustomerNumber POST /Attributes/{id}/Succeed: {predecessor, successor,
//                              notificationId}; the peer's PeerRelationshipAttribute copy gets the
//                              successor under our id (sourceReference = our notification id) and
//                              the notification is completed there; consumption.attributeSucceeded
//   successionRefusals         a second succession, a changed value type, succeeding the peer's copy:
//                              the same codes/messages as the official runtime for the same calls,
//                              nothing stored
//   peerOwnedAttribute         the peer asks us by message to create a relationship attribute it
//                              owns (CreateAttribute, owner = peer); we accept
//   peerSucceedsItsAttribute   the peer succeeds it: our copy follows under the peer's id,
//                              consumption.attributeSucceeded by webhook
//   unknownRequestItemType     POST /Requests/Outgoing with an unknown item @type: the official
//                              error, nothing stored
//   wrongOwner                 a CreateAttribute item for a third party's attribute: the official
//                              error, nothing stored
//   expiredRequest             a request of each side expires before the other accepts: accepting
//                              fails with the same error on both sides, status Expired, no attribute
//   mismatchedResponse         each side answers the other's request by a ResponseWrapper whose
//                              Response has more items than the Request: the message is processed,
//                              the request stays Open without a response on both sides, no attribute
//
//   node relationship_attribute_succession.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, notificationModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until, sleep } = require("../connector/flow_helpers");
const { MessageProcessedEvent } = require("@nmshd/runtime");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

// A failing REST call as {status, error: {code, message}}.
async function restError(method, path, body) {
    try {
        await rest(method, path, body);
    } catch (e) {
        const m = /: (\d{3}) (.*)$/s.exec(e.message);
        if (!m) throw e;
        return { status: Number(m[1]), error: JSON.parse(m[2]).error };
    }
    throw new Error(`${method} ${path} succeeded unexpectedly`);
}
// A failing runtime call as {code, message}.
function officialError(result, what) {
    expect(result.isError, `${what} succeeded unexpectedly`);
    return { code: result.error.code, message: result.error.message };
}

const receiver = webhookReceiver();
const { hooks } = receiver;

// The keys as they travel in JSON (the runtime's DTOs carry undefined members that REST drops).
const keys = (o) => Object.keys(JSON.parse(JSON.stringify(o))).join(",");
const customerNumber = (v) => ({ "@type": "ProprietaryString", title: "Customer number", value: v });
// Both error messages after replacing the ids/addresses each side names.
const sameError = (what, ours, theirs, replace = []) => {
    let message = ours.message;
    for (const [a, b] of replace) message = message.split(a).join(b);
    expect(ours.code === theirs.code && message === theirs.message, `${what}:\n ours     ${JSON.stringify(ours)}\n official ${JSON.stringify(theirs)}`);
};

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("succession-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: notificationModules
    });
    const C = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const peerSync = async () => value(await P.transport.account.syncEverything(), "peer sync");
    const ourAttributeCount = async () => (await rest("GET", "/Attributes")).length;

    // ---- onboarding with a customer number we own ----------------------------------------------
    const customerNumberId = await step(
        "onboarding",
        async () => {
            const items = [
                {
                    "@type": "CreateAttributeRequestItem",
                    mustBeAccepted: true,
                    attribute: { "@type": "RelationshipAttribute", owner: self, key: "customerNumber", confidentiality: "protected", value: customerNumber("C-4711") }
                }
            ];
            const template = await rest("POST", "/RelationshipTemplates/Own", {
                content: { "@type": "RelationshipTemplateContent", title: "ACME onboarding", onNewRelationship: { "@type": "Request", items } },
                expiresAt: inOneHour()
            });
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            const request = await until("the peer's request to need a manual decision", async () => {
                const list = value(await C.incomingRequests.getRequests({ query: { "source.reference": template.id } }), "getRequests");
                return list.find((r) => r.status === "ManualDecisionRequired");
            });
            value(await C.incomingRequests.accept({ requestId: request.id, items: [{ accept: true }] }), "accept");
            const completed = await until("the peer's request to be Completed", async () => {
                const r = value(await C.incomingRequests.getRequest({ id: request.id }), "get");
                return r.status === "Completed" ? r : undefined;
            });
            const relationshipId = completed.response.source.reference;
            await sync();
            await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
            await peerSync();
            const status = value(await P.transport.relationships.getRelationship({ id: relationshipId }), "get").status;
            expect(status === "Active", status);
            const id = completed.response.content.items[0].attributeId;
            const ours = await rest("GET", `/Attributes/${id}`);
            expect(ours["@type"] === "OwnRelationshipAttribute", JSON.stringify(ours));
            return id;
        },
        { fatal: true }
    );

    // ---- we succeed our customer number ---------------------------------------------------------
    const ourSuccession = await step("weSucceedOurCustomerNumber", async () => {
        const result = await rest("POST", `/Attributes/${customerNumberId}/Succeed`, { successorContent: { value: customerNumber("C-4712") } });
        expect(keys(result) === "predecessor,successor,notificationId", keys(result));
        const { predecessor, successor, notificationId } = result;
        expect(predecessor.id === customerNumberId && predecessor.succeededBy === successor.id, JSON.stringify(predecessor));
        expect(successor["@type"] === "OwnRelationshipAttribute" && successor.succeeds === customerNumberId, JSON.stringify(successor));
        expect(successor.peer === P.address && successor.sourceReference === notificationId, JSON.stringify(successor));
        expect(successor.content.key === "customerNumber" && successor.content.confidentiality === "protected", JSON.stringify(successor.content));
        expect(successor.content.value.value === "C-4712", JSON.stringify(successor.content));
        await until("consumption.attributeSucceeded for our successor", async () =>
            hooks("consumption.attributeSucceeded", (d) => d.successor && d.successor.id === successor.id).length === 1);

        await peerSync();
        const theirs = await until("the peer's copy of the successor", async () => {
            const r = await C.attributes.getAttribute({ id: successor.id });
            return r.isError ? undefined : r.value;
        });
        expect(theirs["@type"] === "PeerRelationshipAttribute" && theirs.peer === self, JSON.stringify(theirs));
        expect(theirs.succeeds === customerNumberId && theirs.sourceReference === notificationId, JSON.stringify(theirs));
        expect(JSON.stringify(theirs.content) === JSON.stringify(successor.content), `${JSON.stringify(theirs.content)} / ${JSON.stringify(successor.content)}`);
        const theirPredecessor = value(await C.attributes.getAttribute({ id: customerNumberId }), "peer's predecessor");
        expect(theirPredecessor.succeededBy === successor.id, JSON.stringify(theirPredecessor));
        const received = value(await C.notifications.getNotification({ id: notificationId }), "peer's notification");
        expect(received.status === "Completed" && received.isOwn === false, JSON.stringify(received));
        return result;
    });

    // ---- refusals, compared with the official runtime doing the same --------------------------
    await step("successionRefusals", async () => {
        expect(ourSuccession !== undefined, "needs weSucceedOurCustomerNumber");
        const count = await ourAttributeCount();
        const again = await restError("POST", `/Attributes/${customerNumberId}/Succeed`, { successorContent: { value: customerNumber("C-4713") } });
        expect(again.status === 400 && again.error.code === "error.consumption.attributes.cannotSucceedAttributesWithASuccessor", JSON.stringify(again));
        const latest = ourSuccession.successor.id;
        const valueType = await restError("POST", `/Attributes/${latest}/Succeed`, {
            successorContent: { value: { "@type": "ProprietaryInteger", title: "Customer number", value: 4713 } }
        });
        expect(valueType.status === 400 && valueType.error.code === "error.consumption.attributes.successionMustNotChangeValueType", JSON.stringify(valueType));
        const schema = await restError("POST", `/Attributes/${latest}/Succeed`, { successorContent: { value: { "@type": "GivenName", value: "X" } } });
        // The official runtime refuses the same bodies for its own relationship attribute in the
        // same way (its own one comes below; here: the peer tries to succeed its copy of ours).
        const theirsOfOurs = officialError(
            await C.attributes.succeedRelationshipAttributeAndNotifyPeer({ predecessorId: latest, successorContent: { value: customerNumber("C-9") } }),
            "peer succeeds our attribute"
        );
        expect(theirsOfOurs.code === "error.runtime.attributes.isNotOwnRelationshipAttribute", JSON.stringify(theirsOfOurs));
        const theirSchema = officialError(
            await C.attributes.succeedRelationshipAttributeAndNotifyPeer({ predecessorId: latest, successorContent: { value: { "@type": "GivenName", value: "X" } } }),
            "peer: schema"
        );
        sameError("schema refusal", schema.error, theirSchema);
        expect((await ourAttributeCount()) === count, "a refused succession stored something");
    });

    // ---- the peer owns a relationship attribute shared with us ----------------------------------
    const peerAttributeId = await step("peerOwnedAttribute", async () => {
        const request = value(
            await C.outgoingRequests.create({
                peer: self,
                content: {
                    items: [
                        {
                            "@type": "CreateAttributeRequestItem",
                            mustBeAccepted: true,
                            attribute: { "@type": "RelationshipAttribute", owner: P.address, key: "supportLevel", confidentiality: "public", value: customerNumber("gold") }
                        }
                    ]
                }
            }),
            "create request"
        );
        value(await P.transport.messages.sendMessage({ recipients: [self], content: request.content }), "send");
        await until("our incoming request", async () => {
            await sync();
            const r = await rest("GET", `/Requests/Incoming/${request.id}`).catch(() => undefined);
            return r && r.status === "ManualDecisionRequired" ? r : undefined;
        });
        await rest("PUT", `/Requests/Incoming/${request.id}/Accept`, { items: [{ accept: true }] });
        const completed = await until("the peer's request to be Completed", async () => {
            await peerSync();
            const r = value(await C.outgoingRequests.getRequest({ id: request.id }), "get");
            return r.status === "Completed" ? r : undefined;
        });
        const id = completed.response.content.items[0].attributeId;
        const ours = await rest("GET", `/Attributes/${id}`);
        expect(ours["@type"] === "PeerRelationshipAttribute" && ours.content.owner === P.address, JSON.stringify(ours));
        const theirs = value(await C.attributes.getAttribute({ id }), "peer's own");
        expect(theirs["@type"] === "OwnRelationshipAttribute", JSON.stringify(theirs));
        return id;
    });

    await step("peerSucceedsItsAttribute", async () => {
        expect(peerAttributeId !== undefined, "needs peerOwnedAttribute");
        // What we answer for succeeding the peer's attribute, next to what the peer answers for ours.
        const ourRefusal = await restError("POST", `/Attributes/${peerAttributeId}/Succeed`, { successorContent: { value: customerNumber("platinum") } });
        const theirRefusal = officialError(
            await C.attributes.succeedRelationshipAttributeAndNotifyPeer({ predecessorId: ourSuccession.successor.id, successorContent: { value: customerNumber("x") } }),
            "peer succeeds ours"
        );
        sameError("isNotOwnRelationshipAttribute", ourRefusal.error, theirRefusal, [[peerAttributeId, ourSuccession.successor.id]]);

        const result = value(
            await C.attributes.succeedRelationshipAttributeAndNotifyPeer({ predecessorId: peerAttributeId, successorContent: { value: customerNumber("platinum") } }),
            "peer succeeds"
        );
        expect(keys(result) === keys(ourSuccession), `${keys(result)} / ${keys(ourSuccession)}`);
        expect(keys(result.successor) === keys(ourSuccession.successor), `successor keys: official ${keys(result.successor)} / ours ${keys(ourSuccession.successor)}`);
        const ours = await until("our copy of the peer's successor", async () => {
            await sync();
            return await rest("GET", `/Attributes/${result.successor.id}`).catch(() => undefined);
        });
        expect(ours["@type"] === "PeerRelationshipAttribute" && ours.succeeds === peerAttributeId, JSON.stringify(ours));
        expect(ours.sourceReference === result.notificationId && ours.peer === P.address, JSON.stringify(ours));
        expect(JSON.stringify(ours.content) === JSON.stringify(result.successor.content), JSON.stringify(ours.content));
        const predecessor = await rest("GET", `/Attributes/${peerAttributeId}`);
        expect(predecessor.succeededBy === result.successor.id, JSON.stringify(predecessor));
        await until("consumption.attributeSucceeded for the peer's successor", async () =>
            hooks("consumption.attributeSucceeded", (d) => d.successor && d.successor.id === result.successor.id).length === 1);
    });

    // ---- bad request input: the official answers, nothing stored --------------------------------
    const outgoingCount = async () => (await rest("GET", "/Requests/Outgoing")).length;
    await step("unknownRequestItemType", async () => {
        const before = await outgoingCount();
        const content = { items: [{ "@type": "TeleportRequestItem", mustBeAccepted: true }] };
        const ours = await restError("POST", "/Requests/Outgoing", { content, peer: P.address });
        const theirs = officialError(await C.outgoingRequests.create({ content, peer: self }), "peer: unknown type");
        sameError("unknown item type", ours.error, theirs);
        expect(ours.status === 400, JSON.stringify(ours));
        expect((await outgoingCount()) === before, "a refused request was stored");
    });

    await step("wrongOwner", async () => {
        const before = await outgoingCount();
        const stranger = "did:e:localhost:dids:0000000000000000000009";
        const content = {
            items: [
                {
                    "@type": "CreateAttributeRequestItem",
                    mustBeAccepted: true,
                    attribute: { "@type": "RelationshipAttribute", owner: stranger, key: "someoneElses", confidentiality: "public", value: customerNumber("1") }
                }
            ]
        };
        const ours = await restError("POST", "/Requests/Outgoing", { content, peer: P.address });
        const theirs = officialError(await C.outgoingRequests.create({ content, peer: self }), "peer: wrong owner");
        sameError("wrong owner", ours.error, theirs);
        expect((await outgoingCount()) === before, "a refused request was stored");
    });

    await step("expiredRequest", async () => {
        const attributesBefore = await ourAttributeCount();
        const item = (owner, key) => ({
            "@type": "CreateAttributeRequestItem",
            mustBeAccepted: true,
            attribute: { "@type": "RelationshipAttribute", owner, key, confidentiality: "public", value: customerNumber("soon gone") }
        });
        const expiresAt = new Date(Date.now() + 6000).toISOString();
        // The peer's request to us, and ours to the peer, both expiring in 6 s.
        const theirs = value(await C.outgoingRequests.create({ peer: self, content: { expiresAt, items: [item(P.address, "expiringA")] } }), "peer request");
        value(await P.transport.messages.sendMessage({ recipients: [self], content: theirs.content }), "peer send");
        const ours = await rest("POST", "/Requests/Outgoing", { content: { expiresAt, items: [item(self, "expiringB")] }, peer: P.address });
        await rest("POST", "/Messages", { recipients: [P.address], content: ours.content });
        await until("our copy of the peer's request", async () => {
            await sync();
            return await rest("GET", `/Requests/Incoming/${theirs.id}`).catch(() => undefined);
        });
        await until("the peer's copy of our request", async () => {
            await peerSync();
            const r = await C.incomingRequests.getRequest({ id: ours.id });
            return r.isError ? undefined : r.value;
        });
        await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 500);

        const ourRefusal = await restError("PUT", `/Requests/Incoming/${theirs.id}/Accept`, { items: [{ accept: true }] });
        const theirRefusal = officialError(await C.incomingRequests.accept({ requestId: ours.id, items: [{ accept: true }] }), "peer accepts expired");
        sameError("accepting an expired request", ourRefusal.error, theirRefusal, [[theirs.id, ours.id]]);
        const ourStatus = (await rest("GET", `/Requests/Incoming/${theirs.id}`)).status;
        const theirStatus = value(await C.incomingRequests.getRequest({ id: ours.id }), "get").status;
        expect(ourStatus === "Expired" && theirStatus === "Expired", `ours ${ourStatus}, official ${theirStatus}`);
        // Neither side stored the attribute the expired request asked for.
        const ourKeys = (await rest("GET", "/Attributes")).map((a) => a.content.key);
        expect(!ourKeys.includes("expiringA") && !ourKeys.includes("expiringB"), JSON.stringify(ourKeys));
        const theirKeys = value(await C.attributes.getAttributes({ query: {} }), "peer attributes").map((a) => a.content.key);
        expect(!theirKeys.includes("expiringA") && !theirKeys.includes("expiringB"), JSON.stringify(theirKeys));
        expect((await ourAttributeCount()) === attributesBefore, "accepting an expired request stored an attribute");
        return `${ourRefusal.error.code}`;
    });

    await step("mismatchedResponse", async () => {
        const attributesBefore = await ourAttributeCount();
        const item = (owner, key) => ({
            "@type": "CreateAttributeRequestItem",
            mustBeAccepted: true,
            attribute: { "@type": "RelationshipAttribute", owner, key, confidentiality: "public", value: customerNumber("never") }
        });
        // A Response with two items for a Request with one, wrapped as the RequestModule wraps it.
        const wrapper = (requestId, messageId) => ({
            "@type": "ResponseWrapper",
            requestId,
            requestSourceReference: messageId,
            requestSourceType: "Message",
            response: {
                "@type": "Response",
                result: "Accepted",
                requestId,
                items: [
                    { "@type": "AcceptResponseItem", result: "Accepted" },
                    { "@type": "AcceptResponseItem", result: "Accepted" }
                ]
            }
        });
        const peerProcessed = [];
        P.runtime.eventBus.subscribe(MessageProcessedEvent, (event) => peerProcessed.push(event.data.message.id));

        // Our request to the peer, answered by the peer with the mismatched Response.
        const ours = await rest("POST", "/Requests/Outgoing", { content: { items: [item(self, "mismatchA")] }, peer: P.address });
        const ourMessage = await rest("POST", "/Messages", { recipients: [P.address], content: ours.content });
        await peerSync();
        const theirAnswer = value(await P.transport.messages.sendMessage({ recipients: [self], content: wrapper(ours.id, ourMessage.id) }), "peer answers");
        await until("our RequestModule to process the answer", async () => {
            await sync();
            return hooks("consumption.messageProcessed", (d) => d.message && d.message.id === theirAnswer.id).length > 0;
        });
        const ourRequest = await rest("GET", `/Requests/Outgoing/${ours.id}`);

        // The peer's request to us, answered by us with the mismatched Response.
        const theirs = value(await C.outgoingRequests.create({ peer: self, content: { items: [item(P.address, "mismatchB")] } }), "peer request");
        const theirMessage = value(await P.transport.messages.sendMessage({ recipients: [self], content: theirs.content }), "peer send");
        await sync();
        const ourAnswer = await rest("POST", "/Messages", { recipients: [P.address], content: wrapper(theirs.id, theirMessage.id) });
        await until("the peer's RequestModule to process our answer", async () => {
            await peerSync();
            return peerProcessed.includes(ourAnswer.id);
        });
        const theirRequest = value(await C.outgoingRequests.getRequest({ id: theirs.id }), "get");

        expect(ourRequest.status === "Open" && ourRequest.response === undefined, `ours ${JSON.stringify(ourRequest)}`);
        expect(theirRequest.status === "Open" && theirRequest.response === undefined, `official ${JSON.stringify(theirRequest)}`);
        const ourKeys = (await rest("GET", "/Attributes")).map((a) => a.content.key);
        expect(!ourKeys.includes("mismatchA") && !ourKeys.includes("mismatchB"), JSON.stringify(ourKeys));
        const theirKeys = value(await C.attributes.getAttributes({ query: {} }), "peer attributes").map((a) => a.content.key);
        expect(!theirKeys.includes("mismatchA") && !theirKeys.includes("mismatchB"), JSON.stringify(theirKeys));
        expect((await ourAttributeCount()) === attributesBefore, "a mismatched response stored an attribute");
        return `${ourRequest.status}/${theirRequest.status}`;
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
