// Prepares the authenticated wrk scenarios of bench/backbone/run.sh with the official
// @nmshd/runtime 7.0.0 (tests/interop/backbone/runtime_peer.js): a sender identity, <sendPairs>
// recipients for the message-send scenario and <syncPairs> recipients for the sync scenario, each
// in an accepted relationship with the sender. For every recipient the sender sends one real
// message through its runtime; the request body the official client POSTed to /api/v2/Messages is
// kept (wrk sends it again and again: the backbone never decrypts), the recipient syncs it away so
// it starts with no unread message and no unsynced event. Writes a Lua table for the wrk scripts:
//   return { sender = <token>, datawalletVersion = n,
//            send = { {token = <recipient token>, body = <POST /Messages body>}, … },
//            sync = { … } }
// Also writes <out.lua>.answers.json: one real answer (status, body) of every endpoint the
// scenarios call, taken from a complete send + receive and a complete sync run, for the static
// nginx ceiling.
// usage: node setup.js <baseUrl> <clientId> <clientSecret> <sendPairs> <syncPairs> <out.lua>
const fs = require("fs");
const path = require("path");
const interop = path.join(__dirname, "../../tests/interop/backbone");
const { startPeer, value, establishRelationship } = require(path.join(interop, "runtime_peer"));

const [baseUrl, clientId, clientSecret, sendPairsArg, syncPairsArg, out] = process.argv.slice(2);
const sendPairs = Number(sendPairsArg);
const syncPairs = Number(syncPairsArg);
if (!baseUrl || !clientId || !clientSecret || !(sendPairs > 0) || !(syncPairs > 0) || !out) {
    console.error("usage: node setup.js <baseUrl> <clientId> <clientSecret> <sendPairs> <syncPairs> <out.lua>");
    process.exit(2);
}

const noop = () => {};
const quiet = { getLogger: () => ({ trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop }) };
const lua = (s) => {
    if (s.includes("]==]")) throw new Error("cannot quote for Lua");
    return `[==[${s}]==]`;
};

(async () => {
    const started = Date.now();
    const opts = { baseUrl, clientId, clientSecret, loggerFactory: quiet };
    const sender = await startPeer("sender", opts);
    const client = sender.account.messages.client;
    const createMessage = client.createMessage.bind(client);
    let lastBody;
    client.createMessage = async (input) => {
        lastBody = JSON.stringify(input);
        return await createMessage(input);
    };

    const prepare = async (name) => {
        const recipient = await startPeer(name, opts);
        await establishRelationship(sender, recipient);
        value(
            await sender.transport.messages.sendMessage({
                recipients: [recipient.address],
                content: { "@type": "ArbitraryMessageContent", value: { text: `Hello ${name}, this is a benchmark message of ordinary size.` } }
            }),
            "sendMessage"
        );
        const synced = value(await recipient.transport.account.syncEverything(), "recipient sync");
        if (synced.messages.length !== 1) throw new Error(`${name} received ${synced.messages.length} messages`);
        const token = await recipient.account.authenticator.getToken();
        const datawalletVersion = recipient.account.config.supportedDatawalletVersion;
        await recipient.stop();
        return { token, body: lastBody, datawalletVersion };
    };

    const send = [];
    for (let i = 1; i <= sendPairs; i++) send.push(await prepare(`send-${i}`));
    const sync = [];
    for (let i = 1; i <= syncPairs; i++) sync.push(await prepare(`sync-${i}`));
    const senderToken = await sender.account.authenticator.getToken();
    await sender.stop();

    // One real answer of every endpoint the scenarios call (a complete send + receive and a
    // complete sync run, so the pairs stay clean), for the static nginx ceiling (run.sh).
    const call = async (method, target, token, body, extraHeaders = {}) => {
        const url = new URL(target, baseUrl);
        url.hostname = "127.0.0.1";
        const headers = { ...extraHeaders };
        if (token) headers.authorization = `Bearer ${token}`;
        if (body !== undefined) headers["content-type"] = "application/json";
        const response = await fetch(url, { method, headers, body });
        const text = await response.text();
        if (response.status >= 300) throw new Error(`${method} ${target}: ${response.status} ${text}`);
        return { status: response.status, body: text };
    };
    const dwHeader = { "x-supported-datawallet-version": String(send[0].datawalletVersion) };
    const answers = {};
    answers.version = await call("GET", "/api/v2/Version");
    answers.challenge = await call("POST", "/api/v2/Challenges", undefined, "{}");
    answers.messagePost = await call("POST", "/api/v2/Messages", senderToken, send[0].body);
    const messageId = JSON.parse(answers.messagePost.body).result.id;
    answers.messageGet = await call("GET", `/api/v2/Messages/${messageId}`, send[0].token);
    const syncMessage = JSON.parse((await call("POST", "/api/v2/Messages", senderToken, sync[0].body)).body).result.id;
    answers.syncStart = await call("POST", "/api/v2/SyncRuns", sync[0].token, JSON.stringify({ type: "ExternalEventSync" }), dwHeader);
    const runId = JSON.parse(answers.syncStart.body).result.syncRun.id;
    answers.syncEvents = await call("GET", `/api/v2/SyncRuns/${runId}/ExternalEvents`, sync[0].token);
    const eventIds = JSON.parse(answers.syncEvents.body).result.map((e) => e.id);
    await call("GET", `/api/v2/Messages/${syncMessage}`, sync[0].token);
    answers.syncFinalize = await call(
        "PUT",
        `/api/v2/SyncRuns/${runId}/FinalizeExternalEventSync`,
        sync[0].token,
        JSON.stringify({ externalEventResults: eventIds.map((id) => ({ externalEventId: id })), datawalletModifications: [] }),
        dwHeader
    );
    fs.writeFileSync(`${out}.answers.json`, JSON.stringify(answers, null, 1));

    const entries = (list) => list.map((p) => `    { token = ${lua(p.token)}, body = ${lua(p.body)} },`).join("\n");
    fs.writeFileSync(
        out,
        `return {\n  sender = ${lua(senderToken)},\n  datawalletVersion = ${send[0].datawalletVersion},\n` +
            `  send = {\n${entries(send)}\n  },\n  sync = {\n${entries(sync)}\n  },\n}\n`
    );
    console.log(`setup: ${sendPairs + syncPairs} relationships in ${((Date.now() - started) / 1000).toFixed(1)} s; message body ${send[0].body.length} bytes`);
    process.exit(0);
})().catch((e) => {
    console.error(`setup failed: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
});
