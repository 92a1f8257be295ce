// A decision whose response could not be sent is answered at the next start: the official peer
// sends us a request, our connector accepts it over REST while the Backbone is down (the test
// stops it), so the response message fails and the request stays Decided; the test then starts the
// Backbone again and restarts our connector, whose RequestModule answers the request. The peer
// gets exactly one response. (A Backbone that took the message but whose answer never arrived, a
// timeout, would get it twice: see connector/modules/request_module.h.)
//
//   node requests_recovery.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret>
// Control lines (answered "@@restarted" by the test): 1st "@@restart-backbone" = stop the Backbone,
// 2nd = start it and restart the connector.
"use strict";
const { step, expect, finish, restartBackbone } = require("../backbone/peer_common");
const { startPeer, value, requestModules } = require("../backbone/runtime_peer");
const { connectorRest, relateWithConnector } = require("../connector/connector_rest");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret] = process.argv.slice(2);
const rest = connectorRest(connectorUrl, apiKey);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, timeoutMs = 30000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        const v = await fn().catch(() => undefined);
        if (v) return v;
        await sleep(200);
    }
    throw new Error(`timed out waiting for ${what}`);
}

async function main() {
    const P = await startPeer("recovery-peer", {
        baseUrl: backboneUrl,
        clientId,
        clientSecret,
        modules: requestModules
    });
    const self = (await rest("GET", "/Account/IdentityInfo")).address;
    await step("relationship", () => relateWithConnector(rest, P.transport), { fatal: true });
    const id = await step(
        "peerSendsARequest",
        async () => {
            const created = value(await P.services.consumptionServices.outgoingRequests.create({ content: { items: [{ "@type": "ConsentRequestItem", mustBeAccepted: true, consent: "ok?" }] }, peer: self }), "create");
            value(await P.transport.messages.sendMessage({ recipients: [self], content: created.content }), "send");
            await rest("POST", "/Account/Sync", {});
            const ours = await rest("GET", `/Requests/Incoming/${created.id}`);
            expect(ours.status === "ManualDecisionRequired", ours.status);
            return created.id;
        },
        { fatal: true }
    );
    await step("acceptWhileTheBackboneIsDown", async () => {
        await restartBackbone(); // the test stops the Backbone
        const decided = await rest("PUT", `/Requests/Incoming/${id}/Accept`, { items: [{ accept: true }] });
        expect(decided.status === "Decided", decided.status);
        await sleep(2000); // the responder's message has failed by now (connection refused)
        const still = await rest("GET", `/Requests/Incoming/${id}`);
        expect(still.status === "Decided", still.status);
    });
    await step("answeredAfterTheRestart", async () => {
        await restartBackbone(); // the test starts the Backbone and restarts the connector
        const ours = await until("our request to be Completed", async () => {
            const r = await rest("GET", `/Requests/Incoming/${id}`);
            return r.status === "Completed" ? r : undefined;
        });
        expect(ours.response.source.type === "Message", JSON.stringify(ours.response));
        const theirs = await until("the peer's request to be Completed", async () => {
            value(await P.transport.account.syncEverything(), "peer sync");
            const r = value(await P.services.consumptionServices.outgoingRequests.getRequest({ id }), "get");
            return r.status === "Completed" ? r : undefined;
        });
        expect(JSON.stringify(theirs.response.content) === JSON.stringify(ours.response.content), "response contents differ");
        await sleep(1000);
        value(await P.transport.account.syncEverything(), "peer sync");
        const responses = value(await P.transport.messages.getMessages({ query: { "content.@type": "ResponseWrapper" } }), "getMessages");
        expect(responses.length === 1, `${responses.length} response messages at the peer`);
    });
    await P.stop();
}

main()
    .catch((e) => console.log(`STEP main FAILED ${e.stack || e}`))
    .finally(finish);
