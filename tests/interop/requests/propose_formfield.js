// ProposeAttribute, FormField and DeleteAttribute requests between our connector (REST) and an
// official @nmshd/runtime 7.0.0 peer P (with its RequestModule and DeciderModule), both on our backbone:
//   onboarding: P takes our template (a ConsentRequestItem), the relationship becomes Active.
//   weProposeThePeerAccepts: we send ProposeAttribute (identity and relationship) and FormField
//     items by message; P accepts (an edited identity value, the proposed relationship attribute,
//     a form answer) via its runtime; our outgoing request completes with P's response, and each
//     attribute is held on both sides under one id: P's OwnIdentity/OwnRelationship attribute,
//     our PeerIdentity/PeerRelationship copy (owner P, peer P, sourceReference our request).
//   peerProposesWeAccept: P sends the same kinds; we accept over
//     PUT /api/core/v1/Requests/Incoming/{id}/Accept with an existing attribute, an edited new one,
//     the relationship attribute and a form answer; P's outgoing request completes from our
//     message, and P holds the copies under our ids, we the forwarding details.
//   weAskThePeerToDelete: a DeleteAttributeRequestItem from us for an attribute P holds; sending
//     marks our forwarding details DeletionRequestSent; P accepts with a deletionDate, its copy
//     becomes ToBeDeleted and our forwarding details ToBeDeletedByRecipient at that date.
//   refusalsMatchTheOfficialOnes: a DeleteAttribute for an attribute never shared and a
//     ProposeAttribute naming an owner are refused on both sides with the same code and message.
// Response contents are compared byte for byte across the sides.
//
//   node propose_formfield.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);

const receiver = webhookReceiver();
const { hooks } = receiver;

const same = (what, a, b) => expect(JSON.stringify(a) === JSON.stringify(b), `${what} differ:\n ours     ${JSON.stringify(a)}\n official ${JSON.stringify(b)}`);

const identityQuery = (valueType) => ({ "@type": "IdentityAttributeQuery", valueType });
const identity = (owner, valueType, v) => ({ "@type": "IdentityAttribute", owner, value: { "@type": valueType, value: v } });
const relationshipQuery = (key, title) => ({
    "@type": "RelationshipAttributeQuery",
    owner: "",
    key,
    attributeCreationHints: { valueType: "ProprietaryString", title, confidentiality: "public" }
});
const relationship = (owner, key, title, v) => ({
    "@type": "RelationshipAttribute",
    owner,
    key,
    confidentiality: "public",
    value: { "@type": "ProprietaryString", title, value: v }
});
// A validation result without the CoreError's time (" at <ISO date>'" ends its message).
const withoutTime = (r) => JSON.parse(JSON.stringify(r).replace(/ at \d{4}-\d\d-\d\dT[0-9:.]+Z/g, " at <time>"));
const propose = (mustBeAccepted, query, attribute) => ({ "@type": "ProposeAttributeRequestItem", mustBeAccepted, query, attribute });
const inOneDay = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString();

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("propose-peer", { baseUrl: backboneUrl, clientId, clientSecret, modules: requestModules });
    const PC = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const syncOf = async (X) => value(await X.transport.account.syncEverything(), `${X.name} sync`);

    // --- the official side -------------------------------------------------------------------
    const peerIncoming = (id) =>
        until(`P's incoming request ${id}`, async () => {
            await syncOf(P);
            const list = value(await PC.incomingRequests.getRequests({ query: {} }), "getRequests");
            return list.find((r) => r.id === id && r.status === "ManualDecisionRequired");
        });
    const peerAccepts = async (requestId, items) => {
        const decision = { requestId, items };
        const can = value(await PC.incomingRequests.canAccept(decision), "canAccept");
        expect(can.isSuccess === true, `canAccept: ${JSON.stringify(can)}`);
        value(await PC.incomingRequests.accept(decision), "accept");
        return await until(`P's request ${requestId} to be Completed`, async () => {
            const r = value(await PC.incomingRequests.getRequest({ id: requestId }), "get");
            return r.status === "Completed" ? r : undefined;
        });
    };
    const peerSendsRequest = async (items) => {
        const request = value(await PC.outgoingRequests.create({ content: { items }, peer: self }), "create request");
        value(await P.transport.messages.sendMessage({ recipients: [self], content: request.content }), "send request");
        return request;
    };
    const peerOutgoingCompleted = (id) =>
        until(`P's outgoing request ${id} to be Completed`, async () => {
            await syncOf(P);
            const r = value(await PC.outgoingRequests.getRequest({ id }), "get outgoing");
            return r.status === "Completed" ? r : undefined;
        });
    const peerAttribute = async (id) => value(await PC.attributes.getAttribute({ id }), `P's attribute ${id}`);
    const peerForwards = async (attributeId) => value(await PC.attributes.getForwardingDetailsForAttribute({ attributeId }), "forwarding details");

    // --- our side ----------------------------------------------------------------------------
    const ourIncoming = (id) =>
        until(`our incoming request ${id}`, async () => {
            await sync();
            const list = await rest("GET", "/Requests/Incoming");
            return list.find((r) => r.id === id && r.status === "ManualDecisionRequired");
        });
    const weAccept = async (id, items) => {
        const can = await rest("PUT", `/Requests/Incoming/${id}/CanAccept`, { items });
        expect(can.isSuccess === true, `CanAccept: ${JSON.stringify(can)}`);
        await rest("PUT", `/Requests/Incoming/${id}/Accept`, { items });
        return await until(`our request ${id} to be Completed`, async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
    };
    const weSendRequest = async (items) => {
        const draft = await rest("POST", "/Requests/Outgoing", { content: { items }, peer: P.address });
        await rest("POST", "/Messages", { recipients: [P.address], content: draft.content });
        return draft;
    };
    const ourOutgoingCompleted = (id) =>
        until(`our outgoing request ${id} to be Completed`, async () => {
            await sync();
            const r = await rest("GET", `/Requests/Outgoing/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
    const ourForwardsTo = async (attributeId, peer) => (await rest("GET", `/Attributes/${attributeId}/ForwardingDetails`)).filter((d) => d.peer === peer);

    // ==== onboarding ==========================================================================
    await step(
        "onboarding",
        async () => {
            const template = await rest("POST", "/RelationshipTemplates/Own", {
                content: {
                    "@type": "RelationshipTemplateContent",
                    title: "ACME",
                    onNewRelationship: { "@type": "Request", items: [{ "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree to the terms." }] }
                },
                expiresAt: inOneHour()
            });
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            const request = await until("the onboarding request", async () => {
                const list = value(await PC.incomingRequests.getRequests({ query: {} }), "getRequests");
                return list.find((r) => r.source.reference === template.id && r.status === "ManualDecisionRequired");
            });
            const completed = await peerAccepts(request.id, [{ accept: true }]);
            const relationshipId = completed.response.source.reference;
            await sync();
            await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
            await syncOf(P);
            const status = value(await P.transport.relationships.getRelationship({ id: relationshipId }), "get").status;
            expect(status === "Active", status);
            return relationshipId;
        },
        { fatal: true }
    );

    // ==== we propose, P accepts ================================================================
    await step("weProposeThePeerAccepts", async () => {
        const items = [
            propose(true, identityQuery("GivenName"), identity("", "GivenName", "Ada")),
            propose(false, relationshipQuery("customerNumber", "Customer number"), relationship("", "customerNumber", "Customer number", "C-42")),
            { "@type": "FormFieldRequestItem", mustBeAccepted: false, title: "Your favourite colour", settings: { "@type": "StringFormFieldSettings", max: 20 } }
        ];
        const draft = await weSendRequest(items);
        const incoming = await peerIncoming(draft.id);
        same("request content", incoming.content, draft.content);
        const theirs = await peerAccepts(draft.id, [
            { accept: true, attribute: identity(P.address, "GivenName", "Ada Lovelace") },
            { accept: true, attribute: items[1].attribute },
            { accept: true, response: "teal" }
        ]);
        const ours = await ourOutgoingCompleted(draft.id);
        same("response content", ours.response.content, theirs.response.content);
        const [given, customer, form] = theirs.response.content.items;
        expect(given["@type"] === "ProposeAttributeAcceptResponseItem" && customer["@type"] === "ProposeAttributeAcceptResponseItem", JSON.stringify(theirs.response.content));
        same("form answer", form, { "@type": "FormFieldAcceptResponseItem", response: "teal", result: "Accepted" });

        // The identity attribute: P's own, our copy under the same id.
        const pGiven = await peerAttribute(given.attributeId);
        expect(pGiven["@type"] === "OwnIdentityAttribute" && pGiven.content.value.value === "Ada Lovelace", JSON.stringify(pGiven));
        const pForwards = await peerForwards(given.attributeId);
        expect(pForwards.some((d) => d.peer === self && d.sourceReference === draft.id), JSON.stringify(pForwards));
        const oGiven = await rest("GET", `/Attributes/${given.attributeId}`);
        expect(oGiven["@type"] === "PeerIdentityAttribute" && oGiven.peer === P.address && oGiven.sourceReference === draft.id, JSON.stringify(oGiven));
        same("given name content", oGiven.content, pGiven.content);

        // The relationship attribute: P's own (peer: us), ours the peer's.
        const pCustomer = await peerAttribute(customer.attributeId);
        expect(pCustomer["@type"] === "OwnRelationshipAttribute" && pCustomer.peer === self && pCustomer.content.owner === P.address, JSON.stringify(pCustomer));
        const oCustomer = await rest("GET", `/Attributes/${customer.attributeId}`);
        expect(oCustomer["@type"] === "PeerRelationshipAttribute" && oCustomer.peer === P.address && oCustomer.sourceReference === draft.id, JSON.stringify(oCustomer));
        same("customer number content", oCustomer.content, pCustomer.content);
        await until("consumption.outgoingRequestStatusChanged Open>Completed", async () =>
            hooks("consumption.outgoingRequestStatusChanged", (d) => d.request.id === draft.id && d.newStatus === "Completed").length > 0
        );
        await until("consumption.attributeCreated of our copy", async () => hooks("consumption.attributeCreated", (d) => d.id === given.attributeId).length > 0);
    });

    // ==== P proposes, we accept ================================================================
    const ourDisplayName = await rest("POST", "/Attributes", { content: { value: { "@type": "DisplayName", value: "ACME Corp" } } });
    const shared = await step("peerProposesWeAccept", async () => {
        const items = [
            propose(true, identityQuery("DisplayName"), identity("", "DisplayName", "ACME")),
            propose(true, identityQuery("EMailAddress"), identity("", "EMailAddress", "hello@acme.example")),
            propose(false, relationshipQuery("contractNumber", "Contract number"), relationship("", "contractNumber", "Contract number", "K-7")),
            { "@type": "FormFieldRequestItem", mustBeAccepted: true, title: "Channels", settings: { "@type": "SelectionFormFieldSettings", options: ["mail", "phone"], allowMultipleSelection: true } }
        ];
        const request = await peerSendsRequest(items);
        const incoming = await ourIncoming(request.id);
        same("request content", incoming.content, request.content);
        const ours = await weAccept(request.id, [
            { accept: true, attributeId: ourDisplayName.id },
            { accept: true, attribute: identity("", "EMailAddress", "info@acme.example") },
            { accept: true, attribute: items[2].attribute },
            { accept: true, response: ["mail", "phone"] }
        ]);
        const theirs = await peerOutgoingCompleted(request.id);
        same("response content", theirs.response.content, ours.response.content);
        const [display, mail, contract, form] = ours.response.content.items;
        expect(display["@type"] === "ProposeAttributeAcceptResponseItem" && display.attributeId === ourDisplayName.id, JSON.stringify(display));
        expect(mail["@type"] === "ProposeAttributeAcceptResponseItem" && mail.attribute.owner === self, JSON.stringify(mail));
        same("form answer", form, { "@type": "FormFieldAcceptResponseItem", response: ["mail", "phone"], result: "Accepted" });

        for (const [item, value_] of [
            [display, "ACME Corp"],
            [mail, "info@acme.example"]
        ]) {
            const ourOwn = await rest("GET", `/Attributes/${item.attributeId}`);
            expect(ourOwn["@type"] === "OwnIdentityAttribute" && ourOwn.content.value.value === value_, JSON.stringify(ourOwn));
            const forwards = await ourForwardsTo(item.attributeId, P.address);
            expect(forwards.length === 1 && forwards[0].sourceReference === request.id, JSON.stringify(forwards));
            const copy = await peerAttribute(item.attributeId);
            expect(copy["@type"] === "PeerIdentityAttribute" && copy.peer === self && copy.sourceReference === request.id, JSON.stringify(copy));
            same(`${value_} content`, copy.content, ourOwn.content);
        }
        const oContract = await rest("GET", `/Attributes/${contract.attributeId}`);
        expect(oContract["@type"] === "OwnRelationshipAttribute" && oContract.peer === P.address && oContract.content.owner === self, JSON.stringify(oContract));
        const pContract = await peerAttribute(contract.attributeId);
        expect(pContract["@type"] === "PeerRelationshipAttribute" && pContract.peer === self && pContract.sourceReference === request.id, JSON.stringify(pContract));
        same("contract number content", pContract.content, oContract.content);
        return { displayNameId: display.attributeId };
    });

    // ==== we ask P to delete its copy ==========================================================
    if (shared) {
        await step("weAskThePeerToDelete", async () => {
            const item = { "@type": "DeleteAttributeRequestItem", mustBeAccepted: true, attributeId: shared.displayNameId };
            const draft = await weSendRequest([item]);
            const sent = await ourForwardsTo(shared.displayNameId, P.address);
            expect(sent.length === 1 && sent[0].deletionInfo?.deletionStatus === "DeletionRequestSent", JSON.stringify(sent));
            await peerIncoming(draft.id);
            const deletionDate = inOneDay();
            const theirs = await peerAccepts(draft.id, [{ accept: true, deletionDate }]);
            const answer = theirs.response.content.items[0];
            expect(answer["@type"] === "DeleteAttributeAcceptResponseItem", JSON.stringify(answer));
            const copy = await peerAttribute(shared.displayNameId);
            expect(copy.deletionInfo?.deletionStatus === "ToBeDeleted" && copy.deletionInfo.deletionDate === answer.deletionDate, JSON.stringify(copy));
            const ours = await ourOutgoingCompleted(draft.id);
            same("response content", ours.response.content, theirs.response.content);
            const forwards = await ourForwardsTo(shared.displayNameId, P.address);
            expect(forwards.length === 1 && forwards[0].deletionInfo?.deletionStatus === "ToBeDeletedByRecipient", JSON.stringify(forwards));
            expect(forwards[0].deletionInfo.deletionDate === answer.deletionDate, `${forwards[0].deletionInfo.deletionDate} vs ${answer.deletionDate}`);
        });
    }

    // ==== refusals, compared with the official ones ============================================
    await step("refusalsMatchTheOfficialOnes", async () => {
        // DeleteAttribute for an own attribute the peer never got.
        const ourLonely = await rest("POST", "/Attributes", { content: { value: { "@type": "Surname", value: "Unshared" } } });
        const pLonely = value(await PC.attributes.createOwnIdentityAttribute({ content: { value: { "@type": "Surname", value: "Unshared" } } }), "create");
        const ours = await rest("POST", "/Requests/Outgoing/Validate", {
            content: { items: [{ "@type": "DeleteAttributeRequestItem", mustBeAccepted: true, attributeId: ourLonely.id }] },
            peer: P.address
        });
        const official = value(
            await PC.outgoingRequests.canCreate({ content: { items: [{ "@type": "DeleteAttributeRequestItem", mustBeAccepted: true, attributeId: pLonely.id }] }, peer: self }),
            "canCreate"
        );
        expect(ours.isSuccess === false && official.isSuccess === false, `${JSON.stringify(ours)} / ${JSON.stringify(official)}`);
        same("delete item result", withoutTime(ours.items[0]), withoutTime(official.items[0]));

        // ProposeAttribute with an owner.
        const oursOwned = await rest("POST", "/Requests/Outgoing/Validate", {
            content: { items: [propose(true, identityQuery("GivenName"), identity(P.address, "GivenName", "X"))] },
            peer: P.address
        });
        const officialOwned = value(
            await PC.outgoingRequests.canCreate({ content: { items: [propose(true, identityQuery("GivenName"), identity(self, "GivenName", "X"))] }, peer: self }),
            "canCreate"
        );
        expect(oursOwned.isSuccess === false, JSON.stringify(oursOwned));
        same("propose item result", withoutTime(oursOwned.items[0]), withoutTime(officialOwned.items[0]));
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
