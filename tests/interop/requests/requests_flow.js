// Requests between our `connector` (driven over REST) and an official @nmshd/runtime 7.0.0 peer with
// its RequestModule and DeciderModule, both on our backbone:
//   (a) onboarding: our template carries an onNewRelationship Request (Consent, Authentication,
//       FormField); the peer loads it, accepts, its RequestModule creates the relationship with the
//       response; our sync creates and completes the outgoing request and fires
//       consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted;
//   (b) a request by message from us, accepted and then one rejected by the peer;
//   (c) a request by message from the peer, accepted and then one rejected by us over REST.
// Contents and responses are compared across the sides byte for byte, our DTOs' keys with the
// official DTOs' keys of the same kind, statuses on both sides, and the webhook events.
//
//   node requests_flow.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

// The HTTP status and error code of a REST call expected to fail.
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

const receiver = webhookReceiver();
const { webhooks, hooks } = receiver;
// The "old>new" status changes of one request the webhooks reported, once `count` of them arrived
// (several delivery threads post them, so the last ones may still be on their way).
async function transitions(trigger, requestId, count) {
    const list = () => hooks(trigger, (d) => d.request.id === requestId).map((w) => `${w.data.oldStatus}>${w.data.newStatus}`);
    await until(`${count} ${trigger} webhooks`, async () => list().length >= count);
    await new Promise((r) => setTimeout(r, 300)); // time for an unexpected extra one to show up
    return list();
}


const same = (what, a, b) => expect(JSON.stringify(a) === JSON.stringify(b), `${what} differ:\n ours    ${JSON.stringify(a)}\n official ${JSON.stringify(b)}`);
// The official DTO as the official Connector answers it: JSON drops the members that are undefined.
const sameKeys = (what, ours, official) => same(`${what} keys`, Object.keys(ours), Object.keys(JSON.parse(JSON.stringify(official))));

const consent = { "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree to the terms." };
const authentication = { "@type": "AuthenticationRequestItem", mustBeAccepted: false, title: "Log in to ACME" };
const formField = { "@type": "FormFieldRequestItem", mustBeAccepted: false, title: "Your name", settings: { "@type": "StringFormFieldSettings", max: 20 } };

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("requests-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: requestModules
    });
    const peerRequests = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const peerSync = async () => value(await P.transport.account.syncEverything(), "peer sync");
    let relationshipId;
    let peerIncomingCompleted; // an official incoming DTO (Completed) for the key comparison
    let peerOutgoingCompleted; // an official outgoing DTO (Completed)

    // ---- (a) onboarding by template ----------------------------------------------------------
    const onNewRelationship = { "@type": "Request", title: "Welcome", items: [consent, authentication, formField] };
    const template = await step(
        "a.template",
        async () =>
            await rest("POST", "/RelationshipTemplates/Own", {
                content: { "@type": "RelationshipTemplateContent", title: "ACME onboarding", onNewRelationship },
                expiresAt: inOneHour()
            }),
        { fatal: true }
    );
    const peerTemplateRequest = await step(
        "a.peerLoadsAndDecidesManually",
        async () => {
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            return await until("the peer's request to need a manual decision", async () => {
                const list = value(await peerRequests.incomingRequests.getRequests({ query: { "source.reference": template.id } }), "getRequests");
                return list.find((r) => r.status === "ManualDecisionRequired");
            });
        },
        { fatal: true }
    );
    await step(
        "a.peerAcceptsAndCreatesTheRelationship",
        async () => {
            value(
                await peerRequests.incomingRequests.accept({
                    requestId: peerTemplateRequest.id,
                    items: [{ accept: true }, { accept: true }, { accept: true, response: "Ada" }]
                }),
                "accept"
            );
            const completed = await until("the peer's template request to be Completed", async () => {
                const r = value(await peerRequests.incomingRequests.getRequest({ id: peerTemplateRequest.id }), "get");
                return r.status === "Completed" ? r : undefined;
            });
            expect(completed.response.source.type === "Relationship", JSON.stringify(completed.response));
            relationshipId = completed.response.source.reference;
            peerIncomingCompleted = completed;
            return relationshipId;
        },
        { fatal: true }
    );
    await step("a.ourOutgoingRequestCompleted", async () => {
        await sync();
        const list = await rest("GET", `/Requests/Outgoing?source.reference=${template.id}`);
        expect(list.length === 1, `${list.length} outgoing requests for the template`);
        const ours = list[0];
        const theirs = value(await peerRequests.incomingRequests.getRequest({ id: peerTemplateRequest.id }), "get");
        expect(ours.id === theirs.id, `ids ${ours.id} / ${theirs.id}`);
        expect(ours.isOwn === true && ours.peer === P.address && ours.status === "Completed", JSON.stringify(ours));
        same("source", ours.source, { type: "RelationshipTemplate", reference: template.id });
        same("response.source", ours.response.source, { type: "Relationship", reference: relationshipId });
        same("request content", ours.content, theirs.content);
        same("response content", ours.response.content, theirs.response.content);
        expect(ours.response.content.items[2].response === "Ada", JSON.stringify(ours.response.content));
        same("GET by id", await rest("GET", `/Requests/Outgoing/${ours.id}`), ours);
        return ours.id;
    });
    await step("a.onboardingEvents", async () => {
        const id = peerTemplateRequest.id;
        await until("the onboarding webhooks", async () =>
            hooks("consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted").length > 0 &&
            hooks("consumption.outgoingRequestCreatedAndCompleted").length > 0);
        const createdAndCompleted = hooks("consumption.outgoingRequestCreatedAndCompleted", (d) => d.id === id);
        const fromRelationship = hooks("consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted", (d) => d.id === id);
        expect(createdAndCompleted.length === 1 && fromRelationship.length === 1, `${createdAndCompleted.length} / ${fromRelationship.length}`);
        expect(fromRelationship[0].data.status === "Completed", fromRelationship[0].data.status);
    });
    await step("a.relationshipAccepted", async () => {
        await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
        await peerSync();
        const status = value(await P.transport.relationships.getRelationship({ id: relationshipId }), "get").status;
        expect(status === "Active", status);
    });

    // ---- (b) a request by message from us -----------------------------------------------------
    const sendOurs = async (items, title) => {
        const content = { items, title };
        const validation = await rest("POST", "/Requests/Outgoing/Validate", { content, peer: P.address });
        expect(validation.isSuccess === true, JSON.stringify(validation));
        const draft = await rest("POST", "/Requests/Outgoing", { content, peer: P.address });
        expect(draft.status === "Draft" && draft.content.id === draft.id, JSON.stringify(draft));
        const message = await rest("POST", "/Messages", { recipients: [P.address], content: draft.content });
        const open = await rest("GET", `/Requests/Outgoing/${draft.id}`);
        expect(open.status === "Open", open.status);
        same("source", open.source, { type: "Message", reference: message.id });
        return { draft, message };
    };
    const peerDecides = async (id, decide) => {
        await peerSync();
        await until("the peer's request to need a manual decision", async () => {
            const r = await peerRequests.incomingRequests.getRequest({ id });
            return r.isSuccess && r.value.status === "ManualDecisionRequired";
        });
        value(await decide(), "decide");
        return await until("the peer's request to be Completed", async () => {
            const r = value(await peerRequests.incomingRequests.getRequest({ id }), "get");
            return r.status === "Completed" ? r : undefined;
        });
    };
    await step("b.sendChecks", async () => {
        const { draft } = await sendOurs([consent], "Terms");
        const again = await restError("POST", "/Messages", { recipients: [P.address], content: draft.content });
        expect(again.error.code === "error.runtime.messages.cannotSendRequestThatWasAlreadySent", JSON.stringify(again));
        const other = await rest("POST", "/Requests/Outgoing", { content: { items: [consent] }, peer: P.address });
        const changed = await restError("POST", "/Messages", { recipients: [P.address], content: { ...other.content, title: "changed" } });
        expect(changed.status === 400 && changed.error.code === "error.runtime.validation.invalidPropertyValue", JSON.stringify(changed));
        const unknown = await restError("POST", "/Messages", { recipients: [P.address], content: { ...other.content, id: "REQ00000000000000000" } });
        expect(unknown.status === 404 && unknown.error.code === "error.runtime.recordNotFound", JSON.stringify(unknown));
        // The first one stays Open for the peer: it accepts it.
        const theirs = await peerDecides(draft.id, () => peerRequests.incomingRequests.accept({ requestId: draft.id, items: [{ accept: true }] }));
        expect(theirs.response.content.result === "Accepted" && theirs.response.source.type === "Message", JSON.stringify(theirs.response));
        peerIncomingCompleted = theirs;
        await sync();
        const ours = await rest("GET", `/Requests/Outgoing/${draft.id}`);
        expect(ours.status === "Completed", ours.status);
        same("response content", ours.response.content, theirs.response.content);
        same("response source", ours.response.source, theirs.response.source);
        same("request content", ours.content, theirs.content);
    });
    await step("b.peerRejects", async () => {
        const { draft } = await sendOurs([formField], "Question");
        const theirs = await peerDecides(draft.id, () => peerRequests.incomingRequests.reject({ requestId: draft.id, items: [{ accept: false, code: "some.code", message: "no" }] }));
        await sync();
        const ours = await rest("GET", `/Requests/Outgoing/${draft.id}`);
        expect(ours.status === "Completed" && ours.response.content.result === "Rejected", JSON.stringify(ours));
        same("response content", ours.response.content, theirs.response.content);
        const changed = await transitions("consumption.outgoingRequestStatusChanged", draft.id, 2);
        // Webhooks are posted by several delivery threads (the official module posts them concurrently
        // too), so they may arrive in any order: the transitions are compared as a set.
        same("status changes", changed.sort(), ["Draft>Open", "Open>Completed"].sort());
    });

    // ---- (c) a request by message from the peer -------------------------------------------------
    const peerSends = async (items) => {
        const created = value(await peerRequests.outgoingRequests.create({ content: { items }, peer: self }), "create");
        value(await P.transport.messages.sendMessage({ recipients: [self], content: created.content }), "send");
        await until("the peer's request to be Open", async () => value(await peerRequests.outgoingRequests.getRequest({ id: created.id }), "get").status === "Open");
        await sync();
        const ours = await rest("GET", `/Requests/Incoming/${created.id}`);
        expect(ours.status === "ManualDecisionRequired" && ours.isOwn === false && ours.peer === P.address, JSON.stringify(ours));
        same("request content", ours.content, value(await peerRequests.outgoingRequests.getRequest({ id: created.id }), "get").content);
        return created.id;
    };
    const weAnswer = async (id) => {
        const ours = await until("our request to be Completed", async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
        expect(ours.response.source.type === "Message", JSON.stringify(ours.response));
        await until("the peer's request to be Completed", async () => {
            await peerSync();
            return value(await peerRequests.outgoingRequests.getRequest({ id }), "get").status === "Completed";
        });
        const theirs = value(await peerRequests.outgoingRequests.getRequest({ id }), "get");
        same("response content", ours.response.content, theirs.response.content);
        same("response source", ours.response.source, theirs.response.source);
        return { ours, theirs };
    };
    await step("c.weAccept", async () => {
        const id = await peerSends([consent, formField]);
        const bad = await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items: [{ accept: true }, { accept: true, response: 5 }] });
        expect(bad.isSuccess === false, JSON.stringify(bad));
        const missing = await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items: [{ accept: false }, { accept: false }] });
        expect(missing.isSuccess === false, JSON.stringify(missing));
        const automation = await restError("PUT", `/Requests/Incoming/${id}/Accept`, { items: [{ accept: true }, { accept: true, response: "x" }], decidedByAutomation: true });
        expect(automation.status === 400 && automation.error.code === "error.connector.incomingRequests.decidedByAutomation", JSON.stringify(automation));
        const can = await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items: [{ accept: true }, { accept: true, response: "Grace" }] });
        expect(can.isSuccess === true, JSON.stringify(can));
        const decided = await rest("PUT", `/Requests/Incoming/${id}/Accept`, { items: [{ accept: true }, { accept: true, response: "Grace" }] });
        expect(decided.status === "Decided" && decided.response.content.result === "Accepted", JSON.stringify(decided));
        const { ours, theirs } = await weAnswer(id);
        expect(theirs.response.content.items[1].response === "Grace", JSON.stringify(theirs.response.content));
        peerOutgoingCompleted = theirs;
        sameKeys("incoming Completed DTO", ours, peerIncomingCompleted);
        sameKeys("incoming response", ours.response, peerIncomingCompleted.response);
        const changed = await transitions("consumption.incomingRequestStatusChanged", id, 4);
        const processed = hooks("consumption.messageProcessed", (d) => d.message.content.id === id);
        expect(processed.length === 1 && processed[0].data.result === "ManualRequestDecisionRequired", JSON.stringify(processed.map((p) => p.data.result)));
        expect(hooks("consumption.incomingRequestReceived", (d) => d.id === id).length === 1, "incomingRequestReceived");
        // In any order, as above.
        same("status changes", changed.sort(), ["Open>DecisionRequired", "DecisionRequired>ManualDecisionRequired", "ManualDecisionRequired>Decided", "Decided>Completed"].sort());
    });
    await step("c.weReject", async () => {
        const id = await peerSends([authentication]);
        const can = await rest("PUT", `/Requests/Incoming/${id}/CanReject`, { items: [{ accept: false }] });
        expect(can.isSuccess === true, JSON.stringify(can));
        const decided = await rest("PUT", `/Requests/Incoming/${id}/Reject`, { items: [{ accept: false, code: "x.y", message: "not now" }] });
        expect(decided.status === "Decided" && decided.response.content.result === "Rejected", JSON.stringify(decided));
        const { theirs } = await weAnswer(id);
        expect(theirs.response.content.result === "Rejected" && theirs.response.content.items[0].code === "x.y", JSON.stringify(theirs.response.content));
    });
    await step("dtoKeys", async () => {
        const [ours] = await rest("GET", `/Requests/Outgoing?source.reference=${template.id}`);
        sameKeys("outgoing Completed DTO", ours, peerOutgoingCompleted);
        sameKeys("outgoing response", ours.response, peerOutgoingCompleted.response);
        const incoming = await rest("GET", "/Requests/Incoming?status=Completed");
        expect(incoming.length === 2, `${incoming.length} completed incoming requests`);
        const outgoing = await rest("GET", "/Requests/Outgoing?response.content.result=Rejected");
        expect(outgoing.length === 1, `${outgoing.length} rejected outgoing requests`);
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
