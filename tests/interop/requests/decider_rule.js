// A decider rule of our connector answering an official @nmshd/runtime 7.0.0 peer's request:
// our connector runs with modules.decider.automationConfig accepting ShareAttributeRequestItems
// and rejecting FormFieldRequestItems. After an onboarding (a template with a Consent item, decided
// by the peer by hand), the peer shares its GivenName by a request in a message: our sync receives
// it, the rule accepts it without any REST call (wasAutomaticallyDecided, the peer's GivenName stored
// under its id, consumption.messageProcessed RequestAutomaticallyDecided) and the peer gets the
// response. A FormField question is rejected by the other rule the same way. A Consent request
// stays for a person (ManualDecisionRequired) although a rule would accept it.
//
//   node decider_rule.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>
"use strict";
const { step, expect, finish } = require("../backbone/peer_common");
const { startPeer, value, inOneHour, requestModules } = require("../backbone/runtime_peer");
const { connectorRest } = require("../connector/connector_rest");
const { webhookReceiver, until } = require("../connector/flow_helpers");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, webhookPortText] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);
const receiver = webhookReceiver();
const { hooks } = receiver;

async function main() {
    await receiver.listen(webhookPortText);
    const P = await startPeer("decider-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: requestModules
    });
    const C = P.services.consumptionServices;
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    const sync = () => rest("POST", "/Account/Sync", {});
    const peerSync = async () => value(await P.transport.account.syncEverything(), "peer sync");

    await step(
        "relationship",
        async () => {
            const consent = { "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "I agree." };
            const template = await rest("POST", "/RelationshipTemplates/Own", {
                content: { "@type": "RelationshipTemplateContent", onNewRelationship: { "@type": "Request", items: [consent] } },
                expiresAt: inOneHour()
            });
            value(await P.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
            const request = await until("the peer's template request", async () => {
                const list = value(await C.incomingRequests.getRequests({ query: { "source.reference": template.id } }), "list");
                return list.find((r) => r.status === "ManualDecisionRequired");
            });
            value(await C.incomingRequests.accept({ requestId: request.id, items: [{ accept: true }] }), "accept");
            const relationshipId = await until("the relationship", async () => {
                const r = value(await C.incomingRequests.getRequest({ id: request.id }), "get");
                return r.status === "Completed" ? r.response.source.reference : undefined;
            });
            await sync();
            await rest("PUT", `/Relationships/${relationshipId}/Accept`, {});
            await peerSync();
            return relationshipId;
        },
        { fatal: true }
    );

    const peerSends = async (items) => {
        const created = value(await C.outgoingRequests.create({ content: { items }, peer: self }), "create");
        const message = value(await P.transport.messages.sendMessage({ recipients: [self], content: created.content }), "send");
        return { id: created.id, messageId: message.id };
    };
    const peerCompleted = async (id) => {
        return await until(`the peer's request ${id} to be Completed`, async () => {
            await peerSync();
            const r = value(await C.outgoingRequests.getRequest({ id }), "get");
            return r.status === "Completed" ? r : undefined;
        });
    };

    await step("aRuleAcceptsAShare", async () => {
        const givenName = value(await C.attributes.createOwnIdentityAttribute({ content: { value: { "@type": "GivenName", value: "Ada" } } }), "create");
        const { id, messageId } = await peerSends([
            { "@type": "ShareAttributeRequestItem", mustBeAccepted: true, attribute: givenName.content, attributeId: givenName.id }
        ]);
        await sync();
        const ours = await until("our request to be decided and answered", async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
        expect(ours.wasAutomaticallyDecided === true, JSON.stringify(ours));
        expect(ours.response.content.result === "Accepted", JSON.stringify(ours.response.content));
        const theirs = await peerCompleted(id);
        expect(theirs.response.content.result === "Accepted", JSON.stringify(theirs.response.content));
        const copy = await rest("GET", `/Attributes/${givenName.id}`);
        expect(copy["@type"] === "PeerIdentityAttribute" && copy.peer === P.address, JSON.stringify(copy));
        const processed = await until("consumption.messageProcessed", async () => {
            const list = hooks("consumption.messageProcessed", (d) => d.message && d.message.id === messageId);
            return list.length > 0 ? list : undefined;
        });
        expect(processed.length === 1 && processed[0].data.result === "RequestAutomaticallyDecided", JSON.stringify(processed.map((h) => h.data.result)));
    });

    await step("aRuleRejectsAFormField", async () => {
        const { id } = await peerSends([
            { "@type": "FormFieldRequestItem", mustBeAccepted: false, title: "Your budget", settings: { "@type": "IntegerFormFieldSettings" } }
        ]);
        await sync();
        const ours = await until("our request to be rejected and answered", async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
        expect(ours.wasAutomaticallyDecided === true && ours.response.content.result === "Rejected", JSON.stringify(ours));
        expect(ours.response.content.items[0].code === "acme.noForms", JSON.stringify(ours.response.content.items[0]));
        const theirs = await peerCompleted(id);
        expect(theirs.response.content.result === "Rejected", JSON.stringify(theirs.response.content));
    });

    await step("consentStaysForAPerson", async () => {
        const { id } = await peerSends([{ "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "Newsletter?" }]);
        await sync();
        const ours = await until("our request to wait for a person", async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "ManualDecisionRequired" ? r : undefined;
        });
        expect(ours.wasAutomaticallyDecided === undefined, JSON.stringify(ours));
    });

    await P.stop();
    receiver.close();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
