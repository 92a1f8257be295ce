// SIGTERM under load (issue #6): an official runtime peer keeps sending messages to our connector
// (its sync module fetches them every second) while clients keep POSTing messages from our
// connector to the peer and GETting its message list over REST; in the middle the C++ test stops
// the connector with SIGTERM (it must exit 0 within the documented bound) and starts it again. At
// the end every message the REST API answered 201 for exists exactly once in the connector and
// exactly once at the peer, the peer has no message from us that the connector does not list, and
// every message the peer sent is in the connector exactly once.
//
//   node connector_sigterm.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <peerMessages>
//
// "@@restart-backbone" is the test protocol's request (peer_common.js): here it means "SIGTERM the
// connector now and start it again"; the test answers "@@restarted".
const { step, expect, finish, restartBackbone } = require("../backbone/peer_common");
const { startPeer, value } = require("../backbone/runtime_peer");
const { connectorRest, relateWithConnector } = require("./connector_rest");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, peerMessagesText] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(condition, what, ms = 60000) {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
    }
}

const rest = connectorRest(connectorUrl, apiKey);

// One attempt: the status (0 when the connection failed) and the envelope's result.
async function attempt(method, path, body) {
    try {
        const headers = { "X-API-KEY": apiKey };
        if (body !== undefined) headers["content-type"] = "application/json";
        const r = await fetch(`${connectorUrl}/api/core/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await r.text();
        const json = text ? JSON.parse(text) : undefined;
        return { status: r.status, result: json?.result, error: json?.error?.code };
    } catch (e) {
        return { status: 0, error: e.cause?.code ?? e.message };
    }
}

async function main() {
    let peer;
    await step("peer.start", async () => {
        peer = await startPeer("sigterm", { baseUrl: backboneUrl, clientId, clientSecret });
        return peer.address;
    }, { fatal: true });
    const P = peer.transport;
    const connectorAddress = (await rest("GET", "/Account/IdentityInfo")).address;
    await step("relationship", async () => relateWithConnector(rest, P), { fatal: true });

    const peerMessages = Number(peerMessagesText);
    const peerSent = []; // ids of the peer's messages to the connector
    const created = new Map(); // subject -> id of our messages the REST API answered 201 for
    const attempts = { posts: 0, failedPosts: 0, gets: 0, failedGets: 0, statuses: {} };
    let restarted = false;
    let stopClients = false;
    // Our messages the peer has fetched so far; the posters keep at most kWindow ahead of it, so
    // the load follows what the peer can take (the Backbone refuses more than 20 unfetched messages
    // from one sender to one recipient).
    const kWindow = 10;
    let fetchedByPeer = 0;
    let postsInFlight = 0;
    let peerFailure;
    const peerFetch = async () => {
        value(await P.account.syncEverything(), "peer sync");
        fetchedByPeer = value(await P.messages.getMessages({ query: { createdBy: connectorAddress } }), "getMessages").length;
    };

    await step("loadWithSigterm", async () => {
        // The peer, one operation at a time (its runtime is not used concurrently): send, then
        // fetch what our connector sent.
        const peerLoop = (async () => {
            while (peerSent.length < peerMessages) {
                const n = peerSent.length;
                const result = await P.messages.sendMessage({
                    recipients: [connectorAddress],
                    content: { "@type": "Mail", to: [connectorAddress], subject: `peer ${n}`, body: `peer ${n}` }
                });
                if (result.isError) {
                    // The connector has not fetched enough yet (e.g. while it restarts): wait.
                    expect(result.error.code.includes("maxNumberOfUnreceivedMessagesReached"), `send: ${result.error.code} ${result.error.message}`);
                    await sleep(300);
                } else {
                    peerSent.push(result.value.id);
                }
                await peerFetch();
            }
        })();
        peerLoop.catch((e) => (peerFailure = e)); // awaited below; no unhandled rejection meanwhile
        // Two clients POST messages from our connector to the peer, one GETs the message list.
        let next = 0;
        const poster = async () => {
            while (!stopClients) {
                if (created.size + postsInFlight - fetchedByPeer >= kWindow) {
                    await sleep(10);
                    continue;
                }
                const subject = `rest ${next++}`;
                attempts.posts++;
                postsInFlight++;
                const r = await attempt("POST", "/Messages", { recipients: [peer.address], content: { "@type": "Mail", to: [peer.address], subject, body: subject } });
                postsInFlight--;
                const outcome = r.status === 201 ? "201" : `${r.status} ${r.error}`;
                attempts.statuses[outcome] = (attempts.statuses[outcome] ?? 0) + 1;
                if (r.status === 201) {
                    created.set(subject, r.result.id);
                } else {
                    attempts.failedPosts++;
                    await sleep(50);
                }
            }
        };
        const getter = async () => {
            while (!stopClients) {
                attempts.gets++;
                const r = await attempt("GET", "/Messages");
                if (r.status !== 200) {
                    attempts.failedGets++;
                    await sleep(50);
                }
            }
        };
        const clients = Promise.all([poster(), poster(), getter()]);
        clients.catch(() => {});

        // SIGTERM once the load runs: some messages are through both ways.
        await waitFor(() => {
            if (peerFailure) throw peerFailure;
            return created.size >= 4 && peerSent.length >= 3;
        }, "the load to start");
        const beforeStop = { created: created.size, peerSent: peerSent.length };
        await restartBackbone(); // = SIGTERM, wait for the exit, start again (see header)
        restarted = true;
        // Keep the load up after the restart until the peer is done and more of ours went through.
        const createdAtRestart = created.size;
        try {
            await peerLoop;
            // The peer keeps fetching, so our POSTs stay below the Backbone's unfetched limit.
            await waitFor(async () => {
                await peerFetch();
                return created.size >= createdAtRestart + 4;
            }, "messages created after the restart");
        } finally {
            stopClients = true;
            await clients;
        }
        expect(created.size > createdAtRestart, "no message was created after the restart");
        return { beforeStop, peerSent: peerSent.length, created: created.size, ...attempts };
    }, { fatal: true });

    await step("everyRestMessageExactlyOnceOnBothSides", async () => {
        expect(restarted, "the connector was not restarted");
        const own = await rest("GET", `/Messages?createdBy=${encodeURIComponent(connectorAddress)}`);
        const ownIds = own.map((m) => m.id);
        expect(new Set(ownIds).size === ownIds.length, `duplicate records: ${ownIds.length} records, ${new Set(ownIds).size} distinct`);
        const ownSubjects = own.map((m) => m.content.subject);
        expect(new Set(ownSubjects).size === ownSubjects.length, "a POST was sent twice");
        for (const [subject, id] of created) {
            expect(own.filter((m) => m.id === id && m.content.subject === subject).length === 1, `${subject} (${id}) is not in the connector exactly once`);
        }
        // The peer receives every one exactly once, and nothing the connector does not list.
        let atPeer = [];
        for (let i = 0; i < 40; i++) {
            value(await P.account.syncEverything(), "peer sync");
            atPeer = value(await P.messages.getMessages({ query: { createdBy: connectorAddress } }), "getMessages");
            if ([...created.values()].every((id) => atPeer.some((m) => m.id === id))) break;
            await sleep(250);
        }
        const peerIds = atPeer.map((m) => m.id);
        expect(new Set(peerIds).size === peerIds.length, "duplicates at the peer");
        const peerSubjects = atPeer.map((m) => m.content.subject);
        expect(new Set(peerSubjects).size === peerSubjects.length, "the peer got a POST twice");
        const missing = [...created.values()].filter((id) => !peerIds.includes(id));
        expect(missing.length === 0, `the peer misses ${missing.join(",")}`);
        const unknown = peerIds.filter((id) => !ownIds.includes(id));
        expect(unknown.length === 0, `the peer has messages the connector does not list: ${unknown.join(",")}`);
        const answered = created.size;
        return `${answered} answered 201, ${own.length} in the connector (${own.length - answered} from requests cut by the stop), ${atPeer.length} at the peer`;
    });

    await step("everyPeerMessageExactlyOnce", async () => {
        let ids = [];
        for (let i = 0; i < 20; i++) {
            await rest("POST", "/Account/Sync", {});
            ids = (await rest("GET", `/Messages?createdBy=${encodeURIComponent(peer.address)}`)).map((m) => m.id);
            if (peerSent.every((id) => ids.includes(id))) break;
            await sleep(250);
        }
        const unique = new Set(ids);
        expect(unique.size === ids.length, `duplicates: ${ids.length} records, ${unique.size} distinct`);
        const missing = peerSent.filter((id) => !unique.has(id));
        expect(missing.length === 0, `missing ${missing.length}: ${missing.join(",")}`);
        expect(ids.length === peerSent.length, `${ids.length} received, ${peerSent.length} sent`);
        return `${ids.length} messages`;
    });
    await peer.stop().catch(() => {});
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
