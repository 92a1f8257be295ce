// Exactly-once delivery of external events when sync runs go wrong, with two official
// @nmshd/runtime 7.0.0 peers (A sends, B syncs) whose LokiJS databases live in <folder>, so the
// Node process can be killed and started again on them. Three processes (phases), driven by
// sync_delivery_interop_test.cpp:
//   phase 1: relationship; (a) a sync run of B started through raw HTTP with B's credentials and
//            duration 3 s expires before finalize: the official client is refused while it runs and
//            gets the events (syncErrorCount 1) afterwards; (b) finalize reports errorCodes: the
//            TokenLocked event (no processor in the official client) and a message whose
//            processing always fails end after 3 errors and are never delivered again, a message
//            whose processing fails once is delivered again and processed once; then B's sync run is
//            started and the process crashes ("@@kill-peer", the test sends SIGKILL) before the
//            events are fetched.
//   phase 2: restart on the files: B is refused until the crashed run expires (10 s), then gets the
//            events; then B crashes again inside a run after processing (and saving) the events
//            but before the finalize.
//   phase 3: restart: the redelivered events are already processed: the official client reports
//            them with an errorCode (duplicate) until 3 errors, nothing is processed twice; one more
//            message; the whole ledger of all phases is checked.
// Every observation goes to <folder>/ledger.jsonl at once (appendFileSync), so it survives SIGKILL:
// A's acknowledged sends, B's processed messages (MessageReceivedEvent), B's sync wire.
// usage: node sync_delivery.js <baseUrl> <clientId> <clientSecret> <folder> <1|2|3>
// Output protocol: peer_common.js; "@@kill-peer" asks the test for SIGKILL.
const fs = require("fs");
const path = require("path");
const { MessageReceivedEvent } = require("@nmshd/transport");
const { step, expect, expectFailure, finish, describeError } = require("./peer_common");
const { startPeer, value, inOneHour, establishRelationship, recordSyncWire, checkDeliveryContract } = require("./runtime_peer");

const [baseUrl, clientId, clientSecret, folder, phaseArg] = process.argv.slice(2);
const phase = Number(phaseArg);
if (!baseUrl || !clientId || !clientSecret || !folder || ![1, 2, 3].includes(phase)) {
    console.error("usage: node sync_delivery.js <baseUrl> <clientId> <clientSecret> <folder> <1|2|3>");
    process.exit(2);
}

const ledgerFile = path.join(folder, "ledger.jsonl");
const record = (r) => fs.appendFileSync(ledgerFile, JSON.stringify({ phase, ...r }) + "\n");
const readLedger = () =>
    fs.existsSync(ledgerFile)
        ? fs
              .readFileSync(ledgerFile, "utf8")
              .split("\n")
              .filter((l) => l.trim())
              .map((l) => JSON.parse(l))
        : [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Raw HTTP to the backbone with B's access token (for what the official client cannot be made to
// do: a sync run with a short duration).
async function raw(peer, method, target, body) {
    const url = new URL(target, baseUrl);
    url.hostname = "127.0.0.1";
    const token = await peer.account.authenticator.getToken();
    const response = await fetch(url, {
        method,
        headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "x-supported-datawallet-version": String(peer.account.config.supportedDatawalletVersion)
        },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: response.status, json: await response.json().catch(() => undefined) };
}

(async () => {
    const opts = { baseUrl, clientId, clientSecret, folder };
    let A, B, hooks;
    const sent = new Map(); // label -> message id (this phase)
    await step(
        `p${phase}.setup`,
        async () => {
            A = await startPeer("a", opts);
            B = await startPeer("b", opts);
            B.transportEventBus.subscribe(MessageReceivedEvent, (event) => record({ kind: "processed", id: event.data.id.toString() }));
            hooks = recordSyncWire(B, (r) => record(r));
            const known = readLedger().find((r) => r.kind === "peers");
            if (known) {
                expect(known.a === A.address && known.b === B.address, "the restarted peers have other identities");
            } else {
                record({ kind: "peers", a: A.address, b: B.address });
            }
            return { a: A.address, b: B.address };
        },
        { fatal: true }
    );

    const send = async (label) => {
        const m = value(
            await A.transport.messages.sendMessage({ recipients: [B.address], content: { "@type": "ArbitraryMessageContent", value: { label } } }),
            `send ${label}`
        );
        record({ kind: "sent", label, id: m.id });
        sent.set(label, m.id);
        return m.id;
    };
    const syncB = async () => value(await B.transport.account.syncEverything(), "sync B");
    // Wire records of this process since `mark` (an index into the ledger).
    const since = (mark) => readLedger().slice(mark);
    const deliveriesOf = (records, id) => records.filter((r) => r.kind === "delivered" && (r.id === id || r.payload?.id === id));
    // Saves both peers' files, notes the crash point and waits for SIGKILL.
    const crash = async (point, runId) => {
        await A.save();
        await B.save();
        record({ kind: "crash", point, runId });
        console.log("@@kill-peer");
        await new Promise(() => {});
    };
    // B syncs until the backbone lets it (a run of the crashed process blocks new runs until it
    // expires); returns the refusals it met.
    const syncBEventually = async () => {
        const refusals = [];
        const deadline = Date.now() + 60000;
        for (;;) {
            const r = await B.transport.account.syncEverything();
            if (r.isSuccess) return { refusals, result: r.value };
            refusals.push(r.error.code);
            if (Date.now() > deadline) throw new Error(`B could not sync within 60 s: ${describeError(r.error)}`);
            await sleep(500);
        }
    };

    if (phase === 1) {
        await step(
            "p1.relationship",
            async () => {
                return await establishRelationship(A, B);
            },
            { fatal: true }
        );

        await step("p1.expiredRun.rawRunExpiresBeforeFinalize", async () => {
            for (const label of ["raw-1", "raw-2", "raw-3"]) await send(label);
            const started = await raw(B, "POST", "/api/v2/SyncRuns", { type: "ExternalEventSync", duration: 3 });
            expect(started.status === 201, `POST /SyncRuns: ${started.status} ${JSON.stringify(started.json)}`);
            const run = started.json.result.syncRun;
            expect(run.eventCount === 3, `eventCount ${run.eventCount}`);
            record({ kind: "started", runId: run.id, eventCount: run.eventCount, raw: true });
            const listed = await raw(B, "GET", `/api/v2/SyncRuns/${run.id}/ExternalEvents`);
            expect(listed.status === 200 && listed.json.result.length === 3, `list: ${listed.status}`);
            for (const e of listed.json.result) {
                record({ kind: "delivered", runId: run.id, id: e.id, type: e.type, index: e.index, syncErrorCount: e.syncErrorCount, payload: e.payload, raw: true });
            }
            // The official client while the run is open: the backbone refuses a second run.
            const refused = await expectFailure(() => B.transport.account.syncEverything(), "cannotStartSyncRunWhenAnotherSyncRunIsRunning");
            await sleep(Date.parse(run.expiresAt) - Date.now() + 300);
            const mark = readLedger().length;
            const changed = await syncB();
            const labels = changed.messages.map((m) => m.content.value.label).sort();
            expect(JSON.stringify(labels) === JSON.stringify(["raw-1", "raw-2", "raw-3"]), `B got ${JSON.stringify(labels)}`);
            const records = since(mark);
            for (const label of ["raw-1", "raw-2", "raw-3"]) {
                const d = deliveriesOf(records, sent.get(label));
                expect(d.length === 1 && d[0].syncErrorCount === 1, `${label}: deliveries ${JSON.stringify(d)}`);
            }
            // The expired run is over: its events cannot be fetched through it any more.
            const again = await raw(B, "GET", `/api/v2/SyncRuns/${run.id}/ExternalEvents`);
            expect(again.status === 400 && again.json.error.code.endsWith("syncRunAlreadyFinalized"), `expired run: ${again.status} ${JSON.stringify(again.json)}`);
            return { refused, redeliveredWithSyncErrorCount: 1 };
        });

        await step("p1.errorCode.tokenLockedGivesUpAfterThreeErrors", async () => {
            const template = value(
                await B.transport.relationshipTemplates.createOwnRelationshipTemplate({
                    content: { "@type": "ArbitraryRelationshipTemplateContent", value: { from: "b" } },
                    expiresAt: inOneHour()
                }),
                "createOwnRelationshipTemplate"
            );
            const token = value(
                await B.transport.relationshipTemplates.createTokenForOwnRelationshipTemplate({
                    templateId: template.id,
                    passwordProtection: { password: "right password" }
                }),
                "createTokenForOwnRelationshipTemplate"
            );
            let lockedCode;
            for (let i = 1; i <= 100; i++) {
                const r = await A.transport.tokens.loadPeerToken({ reference: token.reference.truncated, ephemeral: true, password: `wrong ${i}` });
                expect(r.isError, `wrong password ${i} was accepted`);
                lockedCode = r.error.code;
            }
            const mark = readLedger().length;
            await syncB();
            const first = since(mark);
            const locked = first.filter((r) => r.kind === "delivered" && r.type === "TokenLocked");
            expect(locked.length === 3, `TokenLocked delivered ${locked.length} times: ${JSON.stringify(locked)}`);
            expect(locked.map((r) => r.syncErrorCount).join(",") === "0,1,2", `syncErrorCounts ${locked.map((r) => r.syncErrorCount)}`);
            const results = first.filter((r) => r.kind === "finalized").flatMap((r) => r.results).filter((r) => r.externalEventId === locked[0].id);
            expect(results.length === 3 && results.every((r) => r.errorCode), `results ${JSON.stringify(results)}`);
            const mark2 = readLedger().length;
            await syncB();
            await syncB();
            const later = since(mark2).filter((r) => r.kind === "delivered");
            expect(later.length === 0, `delivered again: ${JSON.stringify(later)}`);
            return { lastAccessError: lockedCode, errorCodes: [...new Set(results.map((r) => r.errorCode))] };
        });

        await step("p1.errorCode.transientFailureRetriedPermanentFailureDropped", async () => {
            const flaky = await send("flaky");
            const poison = await send("poison");
            const plain = await send("plain");
            const messages = B.account.messages;
            const load = messages.loadPeerMessage.bind(messages);
            let flakyFailures = 0;
            messages.loadPeerMessage = async (id) => {
                if (id.toString() === flaky && flakyFailures++ === 0) throw new Error("injected transient failure");
                if (id.toString() === poison) throw new Error("injected permanent failure");
                return await load(id);
            };
            const mark = readLedger().length;
            try {
                await syncB();
            } finally {
                messages.loadPeerMessage = load;
            }
            const records = since(mark);
            const counts = (id) => deliveriesOf(records, id).map((r) => r.syncErrorCount).join(",");
            expect(counts(flaky) === "0,1", `flaky deliveries ${counts(flaky)}`);
            expect(counts(poison) === "0,1,2", `poison deliveries ${counts(poison)}`);
            expect(counts(plain) === "0", `plain deliveries ${counts(plain)}`);
            const processed = (id) => records.filter((r) => r.kind === "processed" && r.id === id).length;
            expect(processed(flaky) === 1 && processed(plain) === 1 && processed(poison) === 0, "processed counts");
            // The processing would succeed now, but the event had its 3 errors: never again.
            const mark2 = readLedger().length;
            const changed = await syncB();
            expect(changed.messages.length === 0, `got ${changed.messages.length} messages`);
            const later = since(mark2).filter((r) => r.kind === "delivered");
            expect(later.length === 0, `delivered again: ${JSON.stringify(later)}`);
            await expectFailure(() => B.transport.messages.getMessage({ id: poison }), "recordNotFound");
            return { flaky: counts(flaky), poison: counts(poison), plain: counts(plain) };
        });

        await step("p1.crashBeforeProcessing", async () => {
            for (const label of ["crash1-1", "crash1-2", "crash1-3"]) await send(label);
            hooks.beforeListEvents = (runId) => crash("beforeProcessing", runId);
            await syncB();
            throw new Error("the process should have been killed");
        });
    }

    if (phase === 2) {
        await step("p2.recoveredFromCrashBeforeProcessing", async () => {
            const crashed = readLedger().find((r) => r.kind === "crash" && r.point === "beforeProcessing");
            expect(crashed, "no crash record of phase 1");
            const mark = readLedger().length;
            const { refusals, result } = await syncBEventually();
            expect(refusals.length > 0 && refusals.every((c) => c.endsWith("cannotStartSyncRunWhenAnotherSyncRunIsRunning")), `refusals ${refusals}`);
            const labels = result.messages.map((m) => m.content.value.label).sort();
            expect(JSON.stringify(labels) === JSON.stringify(["crash1-1", "crash1-2", "crash1-3"]), `B got ${JSON.stringify(labels)}`);
            const delivered = since(mark).filter((r) => r.kind === "delivered");
            expect(delivered.length === 3 && delivered.every((r) => r.syncErrorCount === 1), `deliveries ${JSON.stringify(delivered)}`);
            return { refusals: refusals.length, crashedRun: crashed.runId };
        });
        await step("p2.crashAfterProcessingBeforeFinalize", async () => {
            for (const label of ["crash2-1", "crash2-2", "crash2-3"]) await send(label);
            hooks.beforeFinalize = (runId) => crash("afterProcessing", runId);
            await syncB();
            throw new Error("the process should have been killed");
        });
    }

    if (phase === 3) {
        await step("p3.recoveredFromCrashAfterProcessing", async () => {
            const crashed = readLedger().find((r) => r.kind === "crash" && r.point === "afterProcessing");
            expect(crashed, "no crash record of phase 2");
            const ids = readLedger()
                .filter((r) => r.kind === "sent" && r.label.startsWith("crash2-"))
                .map((r) => r.id);
            // B processed and saved them before the crash: they are there after the restart.
            for (const id of ids) value(await B.transport.messages.getMessage({ id }), `B has ${id}`);
            const mark = readLedger().length;
            const { refusals, result } = await syncBEventually();
            expect(refusals.length > 0, "the crashed run did not block");
            expect(result.messages.length === 0, `new messages: ${result.messages.map((m) => m.id)}`);
            const records = since(mark);
            for (const id of ids) {
                const d = deliveriesOf(records, id).map((r) => r.syncErrorCount).join(",");
                expect(d === "1,2", `${id} deliveries ${d}`);
            }
            const results = records.filter((r) => r.kind === "finalized").flatMap((r) => r.results).filter((r) => ids.includes(records.find((d) => d.id === r.externalEventId)?.payload?.id));
            expect(results.length === 6 && results.every((r) => r.errorCode), `results ${JSON.stringify(results)}`);
            expect(records.filter((r) => r.kind === "processed").length === 0, "processed again");
            return { refusals: refusals.length, errorCodes: [...new Set(results.map((r) => r.errorCode))] };
        });
        await step("p3.oneMoreMessage", async () => {
            const id = await send("last");
            const changed = await syncB();
            expect(changed.messages.length === 1 && changed.messages[0].id === id, "last message");
            const again = await syncB();
            expect(again.messages.length === 0, "nothing new");
        });
        await step("p3.ledger.everyEventProcessedExactlyOnce", async () => {
            const ledger = readLedger();
            const sentRecords = ledger.filter((r) => r.kind === "sent");
            const poison = sentRecords.find((r) => r.label === "poison").id;
            const processed = new Map();
            for (const r of ledger.filter((r) => r.kind === "processed")) processed.set(r.id, (processed.get(r.id) ?? 0) + 1);
            const atB = new Map(value(await B.transport.messages.getMessages({}), "B getMessages").map((m) => [m.id, m]));
            for (const s of sentRecords) {
                const expected = s.id === poison ? 0 : 1;
                expect((processed.get(s.id) ?? 0) === expected, `${s.label} (${s.id}) processed ${processed.get(s.id) ?? 0} times`);
                expect(atB.has(s.id) === (expected === 1), `${s.label} ${atB.has(s.id) ? "is" : "is not"} stored at B`);
            }
            expect(atB.size === sentRecords.length - 1, `B stores ${atB.size} messages`);
            const { violations, events } = checkDeliveryContract(ledger);
            expect(violations.length === 0, violations.join("; "));
            const poisonEvent = [...events.values()].find((e) => e.payload?.id === poison);
            expect(poisonEvent.deliveries.length === 3, "poison delivered 3 times");
            const locked = [...events.values()].filter((e) => e.type === "TokenLocked");
            expect(locked.length === 1 && locked[0].deliveries.length === 3, "TokenLocked delivered 3 times");
            return { sent: sentRecords.length, processed: processed.size, events: events.size, crashes: ledger.filter((r) => r.kind === "crash").length };
        });
    }

    for (const p of [A, B]) await p.stop().catch(() => {});
    finish();
})().catch((e) => {
    console.log(`STEP script FAILED ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`);
    finish();
    process.exitCode = 1;
});
