// A restored older backup (issue #6): an official runtime peer and our connector exchange messages;
// the C++ test takes `connector backup` while the peer keeps sending; more messages arrive and our
// connector sends one more; the test stops the connector, runs `connector restore --force` with that
// backup, checks that the plain start is refused and starts it with --accept-stale-database. The
// script then checks that the restored connector has the backup's messages only, that what the
// Backbone still has arrives (a message the old process never fetched, a new one) while the lost
// ones are not delivered again, and that a message our restored connector sends reaches the peer
// with a transmit counter that none of the earlier messages used (no nonce repeats).
//
//   node connector_restore.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret>
//
// "@@restart-backbone" is the test protocol's request (peer_common.js): the first one means "take
// the backup now", the second "stop, restore, check the refusal, start with the override"; the test
// answers "@@restarted" when done (the connector keeps its port).
const { CryptoCipher } = require("@nmshd/crypto");
const { step, expect, finish, restartBackbone } = require("../backbone/peer_common");
const { startPeer, value } = require("../backbone/runtime_peer");
const { connectorRest, relateWithConnector } = require("./connector_rest");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret] = process.argv.slice(2);

const rest = connectorRest(connectorUrl, apiKey);

async function main() {
    let peer;
    await step("peer.start", async () => {
        peer = await startPeer("restore", { baseUrl: backboneUrl, clientId, clientSecret });
        return peer.address;
    }, { fatal: true });
    const P = peer.transport;
    const connectorAddress = (await rest("GET", "/Account/IdentityInfo")).address;
    await step("relationship", async () => relateWithConnector(rest, P), { fatal: true });

    const send = async (subject) =>
        value(await P.messages.sendMessage({ recipients: [connectorAddress], content: { "@type": "Mail", to: [connectorAddress], subject, body: subject } }), "send").id;
    const sendOurs = async (subject) =>
        (await rest("POST", "/Messages", { recipients: [peer.address], content: { "@type": "Mail", to: [peer.address], subject, body: subject } })).id;
    const listFromPeer = async () => (await rest("GET", `/Messages?createdBy=${encodeURIComponent(peer.address)}`)).map((m) => m.id);
    const received = async () => {
        await rest("POST", "/Account/Sync", {});
        return await listFromPeer();
    };
    const ours = [];

    const beforeBackup = [];
    await step("messagesBeforeTheBackup", async () => {
        for (let i = 0; i < 2; i++) beforeBackup.push(await send(`before ${i}`));
        ours.push(await sendOurs("ours before the backup"));
        const ids = await received();
        expect(ids.length === 2, `${ids.length} messages`);
    }, { fatal: true });

    // The backup runs while the peer keeps sending (the connector fetches those only afterwards).
    const afterBackup = [];
    await step("backupWhileThePeerSends", async () => {
        const sending = (async () => {
            for (let i = 0; i < 3; i++) afterBackup.push(await send(`after ${i}`));
        })();
        await restartBackbone(); // = `connector backup`
        await sending;
    }, { fatal: true });

    let pending;
    await step("messagesAfterTheBackup", async () => {
        ours.push(await sendOurs("ours after the backup"));
        const ids = await received();
        expect(ids.length === 5, `${ids.length} messages`);
        // Sent after the last fetch: the stopped connector never saw it, the Backbone still has it.
        pending = await send("not fetched before the stop");
    }, { fatal: true });
    await restartBackbone(); // = stop, restore, refused start, start with --accept-stale-database

    await step("restoredStateHasTheBackupsMessagesOnly", async () => {
        const ids = await listFromPeer();
        expect(beforeBackup.every((id) => ids.includes(id)), `before-backup messages present: ${ids.join(",")}`);
        expect(ids.length === 2, `${ids.length} messages`);
        const own = (await rest("GET", `/Messages?createdBy=${encodeURIComponent(connectorAddress)}`)).map((m) => m.id);
        expect(own.length === 1 && own[0] === ours[0], `own messages: ${own.join(",")}`);
    });
    await step("whatTheBackboneStillHasArrivesTheLostIsNotDeliveredAgain", async () => {
        const fresh = await send("after the restore");
        const ids = await received();
        expect(ids.includes(pending), "the message the old process had not fetched arrived");
        expect(ids.includes(fresh), "the new message arrived");
        const lost = afterBackup.filter((id) => ids.includes(id));
        expect(lost.length === 0, `unexpectedly delivered again: ${lost.join(",")}`);
        expect(ids.length === 4, `${ids.length} messages`);
        expect(new Set(ids).size === ids.length, `duplicates: ${ids.join(",")}`);
        return `${ids.length} messages, ${afterBackup.length} lost`;
    });
    await step("ourMessageAfterTheRestoreReachesThePeerWithAnUnusedCounter", async () => {
        ours.push(await sendOurs("ours after the restore"));
        value(await P.account.syncEverything(), "sync");
        const messages = value(await P.messages.getMessages({ query: { createdBy: connectorAddress } }), "getMessages");
        const byId = new Map(messages.map((m) => [m.id, m]));
        for (const [i, subject] of ["ours before the backup", "ours after the backup", "ours after the restore"].entries()) {
            expect(byId.get(ours[i])?.content?.subject === subject, `the peer reads '${subject}'`);
        }
        expect(messages.length === 3, `${messages.length} messages at the peer`);
        // The transmit counter of each message: the encryptedKey of the peer's envelope entry.
        const token = await peer.account.authenticator.getToken();
        const counters = [];
        for (const id of ours) {
            const r = await fetch(`${backboneUrl}/api/v2/Messages/${id}`, { headers: { authorization: `Bearer ${token}` } });
            expect(r.status === 200, `GET /api/v2/Messages/${id}: ${r.status}`);
            const envelope = (await r.json()).result;
            const entry = envelope.recipients.find((x) => x.address === peer.address);
            counters.push(CryptoCipher.fromBase64(entry.encryptedKey).counter);
        }
        expect(new Set(counters).size === counters.length, `a counter was used twice: ${counters.join(",")}`);
        expect(counters[2] > counters[0] && counters[2] > counters[1], `counters ${counters.join(",")}`);
        return `counters ${counters.join(",")}`;
    });
    await peer.stop().catch(() => {});
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
