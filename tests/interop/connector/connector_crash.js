// SIGKILL safety of the connector: an official runtime peer keeps sending messages while the C++
// test kills our connector (SIGKILL, at a random moment, while its sync module syncs every second)
// and starts it again on the same database. At the end every message is in the connector exactly once.
//
//   node connector_crash.js <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <rounds> <perRound>
//
// "@@restart-backbone" is the test protocol's restart request (peer_common.js): here it means
// "kill the connector now and start it again"; the test answers "@@restarted".
const { step, expect, finish, restartBackbone } = require("../backbone/peer_common");
const { startPeer, value } = require("../backbone/runtime_peer");
const { connectorRest, relateWithConnector } = require("./connector_rest");

const [connectorUrl, apiKey, backboneUrl, clientId, clientSecret, roundsText, perRoundText] = process.argv.slice(2);

const rest = connectorRest(connectorUrl, apiKey);

async function main() {
    let peer;
    await step("peer.start", async () => {
        peer = await startPeer("crash", { baseUrl: backboneUrl, clientId, clientSecret });
        return peer.address;
    }, { fatal: true });
    const P = peer.transport;
    const connectorAddress = (await rest("GET", "/Account/IdentityInfo")).address;
    let relationshipId;
    await step("relationship", async () => {
        relationshipId = await relateWithConnector(rest, P);
    }, { fatal: true });

    const sent = [];
    const rounds = Number(roundsText);
    const perRound = Number(perRoundText);
    await step("sendWhileKilled", async () => {
        for (let round = 0; round < rounds; round++) {
            for (let i = 0; i < perRound; i++) {
                const n = sent.length;
                const m = value(
                    await P.messages.sendMessage({ recipients: [connectorAddress], content: { "@type": "Mail", to: [connectorAddress], subject: `m${n}`, body: `message ${n}` } }),
                    "send"
                );
                sent.push(m.id);
            }
            await restartBackbone(); // = SIGKILL + restart of the connector (see header)
        }
        return `${sent.length} sent, ${rounds} kills`;
    }, { fatal: true });

    await step("everyMessageExactlyOnce", async () => {
        await rest("POST", "/Account/Sync", {});
        const messages = await rest("GET", `/Messages?createdBy=${encodeURIComponent(peer.address)}`);
        const ids = messages.map((m) => m.id);
        const unique = new Set(ids);
        expect(unique.size === ids.length, `duplicates: ${ids.length} records, ${unique.size} distinct`);
        const missing = sent.filter((id) => !unique.has(id));
        expect(missing.length === 0, `missing ${missing.length}: ${missing.join(",")}`);
        expect(ids.length === sent.length, `${ids.length} received, ${sent.length} sent`);
        for (const m of messages) {
            const n = sent.indexOf(m.id);
            expect(m.content.subject === `m${n}`, `content of ${m.id}`);
        }
        return `${ids.length} messages`;
    });
    await peer.stop().catch(() => {});
}

main()
    .catch((e) => console.log(`STEP fatal FAILED ${e && e.message}`))
    .finally(finish);
