// Push delivery: our connector runs the sse module (modules.sse on, modules.sync off) and nobody calls
// POST /Account/Sync, yet what an official @nmshd/runtime 7.0.0 peer sends shows up at the connector
// (REST, /api/core/v1) within a few seconds — also after the backbone restarted underneath the open
// event stream. Started by connector_sse_interop_test.cpp:
//
//   node connector_sse.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret>
//
// "@@restart-backbone" (peer_common.js) asks the test to restart the backbone on the same port.
const { step, expect, finish, restartBackbone } = require("../backbone/peer_common");
const { startPeer, value, inOneHour } = require("../backbone/runtime_peer");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret] = process.argv.slice(2);

// Within this a pushed change must be visible at the connector.
const PUSH_LIMIT_MS = 5000;
// After a backbone restart the connector first has to notice and reconnect (with backoff).
const RECONNECT_LIMIT_MS = 20000;

async function rest(method, path, body) {
    const headers = { "X-API-KEY": apiKey };
    if (body !== undefined) headers["content-type"] = "application/json";
    const r = await fetch(`${connectorUrl}/api/core/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

async function ok(method, path, body) {
    const r = await rest(method, path, body);
    expect(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json?.result;
}

// Polls `fn` until it returns something truthy; returns the elapsed milliseconds.
async function within(limitMs, what, fn) {
    const started = Date.now();
    for (;;) {
        if (await fn()) return Date.now() - started;
        if (Date.now() - started > limitMs) throw new Error(`${what} not within ${limitMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

async function main() {
    let peer;
    await step("peer.start", async () => {
        peer = await startPeer("sse", { baseUrl: backboneUrl, clientId, clientSecret });
        return peer.address;
    }, { fatal: true });
    const P = peer.transport;
    const connectorAddress = (await ok("GET", "/Account/IdentityInfo")).address;

    let relationshipId;
    await step("relationship.requestArrivesByPush", async () => {
        const template = await ok("POST", "/RelationshipTemplates/Own", {
            content: { "@type": "ArbitraryRelationshipTemplateContent", value: {} },
            expiresAt: inOneHour()
        });
        value(await P.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
        const rel = value(
            await P.relationships.createRelationship({ templateId: template.id, creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: {} } }),
            "createRelationship"
        );
        relationshipId = rel.id;
        const ms = await within(PUSH_LIMIT_MS, "the relationship request", async () => (await rest("GET", `/Relationships/${rel.id}`)).status === 200);
        const seen = await ok("GET", `/Relationships/${rel.id}`);
        expect(seen.status === "Pending" && seen.peer === peer.address, JSON.stringify(seen));
        return `${ms} ms`;
    }, { fatal: true });
    await step("relationship.accepted", async () => {
        await ok("PUT", `/Relationships/${relationshipId}/Accept`, {});
        value(await P.account.syncEverything(), "peer sync");
        const status = value(await P.relationships.getRelationship({ id: relationshipId }), "get").status;
        expect(status === "Active", status);
    }, { fatal: true });

    const sendAndAwait = async (subject, limitMs) => {
        const sent = value(
            await P.messages.sendMessage({ recipients: [connectorAddress], content: { "@type": "Mail", to: [connectorAddress], subject, body: "pushed" } }),
            "sendMessage"
        );
        const ms = await within(limitMs, `message ${subject}`, async () => (await rest("GET", `/Messages/${sent.id}`)).status === 200);
        const message = await ok("GET", `/Messages/${sent.id}`);
        expect(message.content.subject === subject && message.createdBy === peer.address && message.isOwn === false, JSON.stringify(message));
        return ms;
    };
    await step("message.arrivesByPush", async () => `${await sendAndAwait("first", PUSH_LIMIT_MS)} ms`);
    await step("message.secondArrivesByPush", async () => `${await sendAndAwait("second", PUSH_LIMIT_MS)} ms`);

    await step("backbone.restart", async () => restartBackbone(), { fatal: true });
    await step("message.arrivesByPushAfterBackboneRestart", async () => `${await sendAndAwait("after restart", RECONNECT_LIMIT_MS)} ms`);
    await step("message.nextArrivesByPushAfterReconnect", async () => `${await sendAndAwait("after reconnect", PUSH_LIMIT_MS)} ms`);

    await step("everyMessageOnce", async () => {
        const messages = await ok("GET", `/Messages?createdBy=${encodeURIComponent(peer.address)}`);
        const subjects = messages.map((m) => m.content.subject).sort();
        expect(JSON.stringify(subjects) === JSON.stringify(["after reconnect", "after restart", "first", "second"]), subjects.join(","));
    });
    await peer.stop().catch(() => {});
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
