// Restart safety: two official @nmshd/runtime 7.0.0 peers (A and B) set up a relationship and A
// sends a stream of messages to B while the test kills the backbone with SIGKILL at eight points
// (restart_safety_interop_test.cpp answers every "@@restart-backbone" with SIGKILL + start on the same
// port and database):
//   K1 after A's template was acknowledged        K2 after B's relationship request was acknowledged
//   K3 after A's acceptance was acknowledged      K4 while A is sending (not awaited: lands mid-request)
//   K5 inside B's sync run, between start and the event list
//   K6 inside B's sync run, after processing, before the finalize
//   K7 while B's finalize is on its way (not awaited)
//   K8 while A is sending again (not awaited)
// Afterwards B syncs until nothing is new. Checked: every message A's runtime got a successful send
// for is at B exactly once (same id), nothing is at B twice, B's runtime processed every message
// once, the sync wire kept the delivery contract, and both peers and the backbone agree on the
// relationship (Active, same audit log).
// usage: node restart_safety.js <baseUrl> <clientId> <clientSecret>
// Output protocol: peer_common.js.
const { MessageReceivedEvent } = require("@nmshd/transport");
const { step, expect, finish, restartBackbone, describeError } = require("./peer_common");
const { startPeer, value, inOneHour, recordSyncWire, checkDeliveryContract } = require("./runtime_peer");

const [baseUrl, clientId, clientSecret] = process.argv.slice(2);
if (!baseUrl || !clientId || !clientSecret) {
    console.error("usage: node restart_safety.js <baseUrl> <clientId> <clientSecret>");
    process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Retries `fn` (which throws on failure) until it succeeds: the backbone may be restarting, or an
// interrupted sync run may still be open (cannotStartSyncRunWhenAnotherSyncRunIsRunning until it
// expires after 10 s).
async function eventually(what, fn, timeoutMs = 90000) {
    const deadline = Date.now() + timeoutMs;
    let attempts = 0;
    for (;;) {
        attempts++;
        try {
            return { result: await fn(), attempts };
        } catch (e) {
            if (Date.now() > deadline) throw new Error(`${what} did not succeed within ${timeoutMs} ms (${attempts} attempts): ${describeError(e)}`);
        }
        await sleep(300);
    }
}

let kills = 0;
async function kill(label) {
    await restartBackbone();
    kills++;
    console.log(`KILL ${kills} ${label}`);
}
// Asks for the kill and returns at once: the next requests run into the dying backbone.
function killSoon(label) {
    const done = restartBackbone().then(() => {
        kills++;
        console.log(`KILL ${kills} ${label}`);
    });
    return done;
}

(async () => {
    const opts = { baseUrl, clientId, clientSecret };
    let A, B;
    await step(
        "setup.runtimes",
        async () => {
            A = await startPeer("a", opts);
            B = await startPeer("b", opts);
            return { a: A.address, b: B.address };
        },
        { fatal: true }
    );

    // What B's runtime processed (MessageReceivedEvent is published synchronously by the processor)
    // and what went over B's sync wire.
    const processedAtB = new Map();
    B.transportEventBus.subscribe(MessageReceivedEvent, (event) => {
        const id = event.data.id.toString();
        processedAtB.set(id, (processedAtB.get(id) ?? 0) + 1);
    });
    const wire = [];
    const hooksB = recordSyncWire(B, (r) => wire.push(r));
    const syncB = async (what) => (await eventually(what, async () => value(await B.transport.account.syncEverything(), what))).attempts;
    const syncA = async (what) => (await eventually(what, async () => value(await A.transport.account.syncEverything(), what))).attempts;

    // --- relationship, with a kill after each acknowledged step ---------------------------------
    let template, relationshipId;
    await step(
        "relationship.templateSurvivesKill",
        async () => {
            template = value(
                await A.transport.relationshipTemplates.createOwnRelationshipTemplate({
                    content: { "@type": "ArbitraryRelationshipTemplateContent", value: { from: "a" } },
                    expiresAt: inOneHour()
                }),
                "createOwnRelationshipTemplate"
            );
            await kill("K1 after the template was acknowledged");
            const loaded = (
                await eventually("load template", async () =>
                    value(await B.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "loadPeerRelationshipTemplate")
                )
            ).result;
            expect(loaded.id === template.id && loaded.content.value.from === "a", "template content");
            return template.id;
        },
        { fatal: true }
    );
    await step(
        "relationship.requestSurvivesKill",
        async () => {
            const rel = value(
                await B.transport.relationships.createRelationship({
                    templateId: template.id,
                    creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: { from: "b" } }
                }),
                "createRelationship"
            );
            relationshipId = rel.id;
            await kill("K2 after the relationship request was acknowledged");
            await syncA("sync A");
            const atA = value(await A.transport.relationships.getRelationship({ id: relationshipId }), "A getRelationship");
            expect(atA.status === "Pending" && atA.peer === B.address, `A sees ${atA.status}`);
            return relationshipId;
        },
        { fatal: true }
    );
    await step(
        "relationship.acceptanceSurvivesKill",
        async () => {
            const accepted = value(await A.transport.relationships.acceptRelationship({ relationshipId }), "acceptRelationship");
            expect(accepted.status === "Active", `status ${accepted.status}`);
            await kill("K3 after the acceptance was acknowledged");
            await syncB("sync B");
            const atB = value(await B.transport.relationships.getRelationship({ id: relationshipId }), "B getRelationship");
            expect(atB.status === "Active", `B sees ${atB.status}`);
        },
        { fatal: true }
    );

    // --- the message stream -------------------------------------------------------------------
    const attempts = new Map(); // seq -> {ok, id?, error?}
    let seq = 0;
    const send = async () => {
        const n = ++seq;
        const r = await A.transport.messages.sendMessage({
            recipients: [B.address],
            content: { "@type": "ArbitraryMessageContent", value: { seq: n, text: `message ${n} from A` } }
        });
        attempts.set(n, r.isSuccess ? { ok: true, id: r.value.id } : { ok: false, error: r.error.code });
    };
    const batch = async (size, killAfter) => {
        let pending;
        for (let i = 1; i <= size; i++) {
            await send();
            if (i === killAfter) pending = killSoon(`after send ${seq} was acknowledged, while the next ones run`);
        }
        if (pending) await pending;
    };
    const acked = () => [...attempts.values()].filter((a) => a.ok).length;

    await step("stream.batch1", async () => {
        await batch(8);
        await syncB("sync B");
        return { sent: seq, acked: acked() };
    });
    await step("stream.batch2.killWhileSending", async () => {
        await batch(8, 3); // K4
        const syncAttempts = await syncB("sync B");
        return { sent: seq, acked: acked(), syncAttempts };
    });
    await step("stream.batch3.killBetweenStartAndList", async () => {
        await batch(8);
        let hookRan = false;
        hooksB.beforeListEvents = async () => {
            hookRan = true;
            await kill("K5 inside B's sync run, before the event list");
        };
        const syncAttempts = await syncB("sync B");
        expect(hookRan, "the sync run of B did not reach the event list");
        return { sent: seq, acked: acked(), syncAttempts };
    });
    await step("stream.batch4.killBeforeFinalize", async () => {
        await batch(8);
        let hookRan = false;
        hooksB.beforeFinalize = async () => {
            hookRan = true;
            await kill("K6 inside B's sync run, after processing, before the finalize");
        };
        const syncAttempts = await syncB("sync B");
        expect(hookRan, "the sync run of B did not reach the finalize");
        return { sent: seq, acked: acked(), syncAttempts };
    });
    await step("stream.batch5.killDuringFinalize", async () => {
        await batch(8);
        let pending;
        hooksB.beforeFinalize = async () => {
            pending = killSoon("K7 while B's finalize is on its way");
        };
        const started = Date.now();
        const syncAttempts = await syncB("sync B");
        expect(pending, "the sync run of B did not reach the finalize");
        await pending;
        return { sent: seq, acked: acked(), syncAttempts, ms: Date.now() - started };
    });
    await step("stream.batch6.killWhileSendingAgain", async () => {
        await batch(8, 6); // K8
        await syncB("sync B");
        return { sent: seq, acked: acked() };
    });

    // --- B syncs until nothing is new -----------------------------------------------------------
    await step("final.bSyncsUntilNothingIsNew", async () => {
        for (let round = 1; round <= 10; round++) {
            const changed = (await eventually("sync B", async () => value(await B.transport.account.syncEverything(), "sync B"))).result;
            if (changed.messages.length === 0 && changed.relationships.length === 0) return { rounds: round };
        }
        throw new Error("B still got new items after 10 syncs");
    });
    await step("final.allKillsHappened", async () => {
        expect(kills === 8, `${kills} kills`);
        return kills;
    });

    await step("final.everyAcknowledgedMessageArrivedExactlyOnce", async () => {
        const atB = value(await B.transport.messages.getMessages({}), "B getMessages");
        const bySeq = new Map();
        for (const m of atB) {
            expect(m.createdBy === A.address, `message ${m.id} from ${m.createdBy}`);
            const n = m.content.value.seq;
            expect(attempts.has(n), `B has message ${m.id} with seq ${n} that A never tried to send`);
            expect(!bySeq.has(n), `seq ${n} arrived twice: ${bySeq.get(n)} and ${m.id}`);
            bySeq.set(n, m.id);
        }
        const ids = new Set(atB.map((m) => m.id));
        expect(ids.size === atB.length, "B stores a message id twice");
        let ackedCount = 0;
        let unackedDelivered = 0;
        const failures = {};
        for (const [n, a] of attempts) {
            if (a.ok) {
                ackedCount++;
                expect(bySeq.get(n) === a.id, `acknowledged message ${n} (${a.id}) is ${bySeq.has(n) ? "there under " + bySeq.get(n) : "missing"} at B`);
            } else {
                failures[a.error] = (failures[a.error] ?? 0) + 1;
                if (bySeq.has(n)) unackedDelivered++;
            }
        }
        expect(ackedCount >= attempts.size - 8, `only ${ackedCount} of ${attempts.size} sends were acknowledged: ${JSON.stringify(failures)}`);
        return { attempted: attempts.size, acknowledged: ackedCount, atB: atB.length, failedButDelivered: unackedDelivered, failures };
    });
    await step("final.bProcessedEveryMessageOnce", async () => {
        const atB = value(await B.transport.messages.getMessages({}), "B getMessages");
        for (const m of atB) expect(processedAtB.get(m.id) === 1, `message ${m.id} processed ${processedAtB.get(m.id) ?? 0} times`);
        expect(processedAtB.size === atB.length, `${processedAtB.size} processed, ${atB.length} stored`);
        return processedAtB.size;
    });
    await step("final.syncWireKeptTheDeliveryContract", async () => {
        const { violations, events, runs } = checkDeliveryContract(wire);
        expect(violations.length === 0, violations.join("; "));
        const redelivered = [...events.values()].filter((e) => e.deliveries.length > 1).length;
        const unfinalized = [...runs.values()].filter((r) => !r.finalized).length;
        // K7 may or may not have cut the finalize; K6's finalize went to the restarted backbone.
        return { events: events.size, runs: runs.size, unfinalizedRuns: unfinalized, redeliveredEvents: redelivered };
    });
    await step("final.relationshipConsistent", async () => {
        await syncA("sync A");
        const relsA = value(await A.transport.relationships.getRelationships({}), "A getRelationships");
        const relsB = value(await B.transport.relationships.getRelationships({}), "B getRelationships");
        expect(relsA.length === 1 && relsB.length === 1, `A has ${relsA.length}, B has ${relsB.length} relationships`);
        const [ra, rb] = [relsA[0], relsB[0]];
        expect(ra.id === relationshipId && rb.id === relationshipId, "relationship ids");
        expect(ra.status === "Active" && rb.status === "Active", `A: ${ra.status}, B: ${rb.status}`);
        const logOf = (r) => r.auditLog.map((e) => `${e.reason}:${e.oldStatus ?? "-"}->${e.newStatus}`).join(",");
        expect(logOf(ra) === logOf(rb), `audit logs differ: A ${logOf(ra)} / B ${logOf(rb)}`);
        const server = await A.account.relationships.client.getRelationship(relationshipId);
        expect(server.isSuccess, server.isError ? describeError(server.error) : "");
        expect(server.value.status === "Active", `backbone: ${server.value.status}`);
        expect(server.value.auditLog.length === ra.auditLog.length, `backbone audit log has ${server.value.auditLog.length} entries`);
        return logOf(ra);
    });

    for (const p of [A, B]) await p.stop().catch(() => {});
    finish();
})().catch((e) => {
    console.log(`STEP script FAILED ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`);
    finish();
    process.exitCode = 1;
});
