// An official @nmshd/runtime 7.0.0 peer (the Runtime as the Connector uses it, without modules) for
// the scripts of this folder and bench/backbone. Reusable:
//
//   const peer = await startPeer("a", { baseUrl, clientId, clientSecret, folder });
//   peer.services.transportServices.messages.sendMessage(...)
//   peer.account            the AccountController (transport internals: synchronization, authenticator)
//   peer.transportEventBus  where transport events (MessageReceivedEvent, …) are published synchronously
//   await peer.save()       writes the LokiJS file now (only with `folder`)
//
// With `folder` the peer keeps its LokiJS database in <folder>/peer-<name>.db, so a process that is
// killed can be started again on the same identity; without it everything is in memory.
const { AccountController } = require("@nmshd/transport");
const { Runtime } = require("@nmshd/runtime");
const { ConsumptionController } = require("@nmshd/consumption");
const { LokiJsConnection } = require("@js-soft/docdb-access-loki");

class PeerRuntime extends Runtime {
    constructor(name, config, loggerFactory, folder) {
        super(config, loggerFactory);
        this.peerName = name;
        this.folder = folder;
    }
    async createDatabaseConnection() {
        return this.folder ? LokiJsConnection.fileSystem(this.folder) : LokiJsConnection.inMemory();
    }
    async initAccount() {
        const db = await this.databaseConnection.getDatabase(`peer-${this.peerName}`);
        this.account = await new AccountController(this.transport, db, this.transport.config).init(undefined, `peer-${this.peerName}`);
        const consumption = await new ConsumptionController(this.transport, this.account, { setDefaultOwnIdentityAttributes: false }).init();
        this.services = await this.login(this.account, consumption);
    }
    getServices() {
        return this.services;
    }
    async loadModule(cfg) {
        throw new Error(`external modules not supported here: ${cfg.location}`);
    }
    async getHealth() {
        return { isHealthy: true, services: {} };
    }
    // Writes every open LokiJS database of this runtime to its file and waits for the rename.
    async save() {
        if (!this.folder) return;
        for (const provider of this.databaseConnection.providers.values()) {
            await new Promise((resolve, reject) => provider.db.saveDatabase((err) => (err ? reject(err) : resolve())));
        }
    }
}

// The official modules a peer that answers requests runs (as an app does): the RequestModule that
// turns templates and messages into requests and sends responses, and the DeciderModule.
const requestModules = {
    decider: { enabled: true, location: "@nmshd/runtime:DeciderModule" },
    request: { enabled: true, location: "@nmshd/runtime:RequestModule" }
};
// The same plus the NotificationModule that processes notifications arriving by message.
const notificationModules = { ...requestModules, notification: { enabled: true, location: "@nmshd/runtime:NotificationModule" } };

// Creates (or, with a `folder` that holds one, loads) the identity `name` and starts its runtime.
// `modules` is the runtime's module configuration (default none; e.g. the built-in RequestModule:
// { request: { enabled: true, location: "@nmshd/runtime:RequestModule" } }).
async function startPeer(name, { baseUrl, clientId, clientSecret, folder, loggerFactory, platformTimeout = 20000, modules = {} }) {
    const runtime = new PeerRuntime(
        name,
        {
            transportLibrary: { baseUrl, platformClientId: clientId, platformClientSecret: clientSecret, platformTimeout, datawalletEnabled: false },
            modules
        },
        loggerFactory ?? require("./peer_common").loggerFactory,
        folder
    );
    await runtime.init();
    await runtime.start();
    const services = runtime.getServices();
    const address = value(await services.transportServices.account.getIdentityInfo(), "getIdentityInfo").address;
    return {
        name,
        runtime,
        services,
        transport: services.transportServices,
        account: runtime.account,
        transportEventBus: runtime.transport.eventBus,
        address,
        save: () => runtime.save(),
        stop: () => runtime.stop()
    };
}

// The value of a runtime Result, or an exception carrying the error code.
function value(result, what) {
    if (result.isError) {
        const e = new Error(`${what}: ${result.error.code} ${result.error.message}`);
        e.code = result.error.code;
        throw e;
    }
    return result.value;
}

const inOneHour = () => new Date(Date.now() + 3600 * 1000).toISOString();

// `owner` publishes a template, `requestor` loads it and asks for a relationship, `owner` syncs and
// accepts, `requestor` syncs. Returns the relationship id. Both sides end with status Active.
async function establishRelationship(owner, requestor) {
    const template = value(
        await owner.transport.relationshipTemplates.createOwnRelationshipTemplate({
            content: { "@type": "ArbitraryRelationshipTemplateContent", value: { from: owner.name } },
            expiresAt: inOneHour()
        }),
        "createOwnRelationshipTemplate"
    );
    value(await requestor.transport.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "loadPeerRelationshipTemplate");
    const rel = value(
        await requestor.transport.relationships.createRelationship({
            templateId: template.id,
            creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: { from: requestor.name } }
        }),
        "createRelationship"
    );
    value(await owner.transport.account.syncEverything(), "owner sync");
    value(await owner.transport.relationships.acceptRelationship({ relationshipId: rel.id }), "acceptRelationship");
    value(await requestor.transport.account.syncEverything(), "requestor sync");
    return rel.id;
}

// Wraps the official SyncClient of `peer` (the real HTTP calls stay the client's own) and reports
// what travels over the wire of each external event sync run:
//   onRecord({kind:"started", runId, eventCount})            POST /SyncRuns created a run
//   onRecord({kind:"delivered", runId, id, type, index, syncErrorCount, payload})   GET …/ExternalEvents
//   onRecord({kind:"finalized", runId, results:[{externalEventId, errorCode?}], newUnsyncedExternalEventsExist})
//                                                            only when the backbone answered the finalize with success
// Returns `hooks`: set hooks.beforeListEvents / hooks.beforeFinalize to an async function (runId) to
// run something (a backbone restart, a crash of this peer) at that point of the next run; a hook
// that returns "skip-call" is consumed and the request is not sent (the caller gets an error).
function recordSyncWire(peer, onRecord) {
    const client = peer.account.synchronization.client;
    const hooks = { beforeListEvents: undefined, beforeFinalize: undefined };
    const original = {
        start: client.startSyncRun.bind(client),
        list: client.getExternalEventsOfSyncRun.bind(client),
        finalize: client.finalizeExternalEventSync.bind(client)
    };
    const take = (name) => {
        const hook = hooks[name];
        hooks[name] = undefined;
        return hook;
    };
    client.startSyncRun = async (request) => {
        const result = await original.start(request);
        if (result.isSuccess && result.value.syncRun && request.type === "ExternalEventSync") {
            onRecord({ kind: "started", runId: result.value.syncRun.id, eventCount: result.value.syncRun.eventCount });
        }
        return result;
    };
    client.getExternalEventsOfSyncRun = async (runId, progress) => {
        const hook = take("beforeListEvents");
        if (hook && (await hook(runId)) === "skip-call") throw new Error("beforeListEvents hook: request not sent");
        const result = await original.list(runId, progress);
        if (result.isSuccess) {
            const collect = result.value.collect.bind(result.value);
            result.value.collect = async () => {
                const events = await collect();
                for (const e of events) {
                    onRecord({ kind: "delivered", runId, id: e.id, type: e.type, index: e.index, syncErrorCount: e.syncErrorCount, payload: e.payload });
                }
                return events;
            };
        }
        return result;
    };
    client.finalizeExternalEventSync = async (runId, request) => {
        const hook = take("beforeFinalize");
        if (hook && (await hook(runId)) === "skip-call") throw new Error("beforeFinalize hook: request not sent");
        const result = await original.finalize(runId, request);
        if (result.isSuccess) {
            onRecord({
                kind: "finalized",
                runId,
                results: request.externalEventResults.map((r) => ({ externalEventId: r.externalEventId, errorCode: r.errorCode })),
                newUnsyncedExternalEventsExist: result.value.newUnsyncedExternalEventsExist
            });
        }
        return result;
    };
    return hooks;
}

// Checks a wire record list (recordSyncWire) against the delivery contract of the backbone:
//   * an event is never delivered again once a finalize acknowledged it without errorCode;
//   * an event is never delivered again after its 3rd error;
//   * every delivery carries syncErrorCount = the errors the event had collected before (a
//     reported errorCode, a missing result, or a run that expired / was never finalized);
//   * one event per message: no MessageReceived payload id appears under two event ids.
// Returns a list of violations (empty = ok) and per-event histories.
function checkDeliveryContract(records) {
    const violations = [];
    const events = new Map(); // id -> {type, payload, deliveries:[{runId, syncErrorCount}], acked, errors}
    const runs = new Map(); // runId -> {eventIds, finalized}
    for (const r of records) {
        if (r.kind === "started") runs.set(r.runId, { eventIds: [], finalized: false });
        if (r.kind === "delivered") {
            let e = events.get(r.id);
            if (!e) events.set(r.id, (e = { type: r.type, payload: r.payload, deliveries: [], acked: false, errorsSeen: 0 }));
            if (e.acked) violations.push(`${r.id} (${r.type}) delivered again in ${r.runId} after it was acknowledged`);
            if (r.syncErrorCount >= 3) violations.push(`${r.id} (${r.type}) delivered with syncErrorCount ${r.syncErrorCount}`);
            if (e.deliveries.length > 0 && r.syncErrorCount < e.deliveries.at(-1).syncErrorCount + 1) {
                violations.push(`${r.id} redelivered in ${r.runId} with syncErrorCount ${r.syncErrorCount} after a failed delivery with ${e.deliveries.at(-1).syncErrorCount}`);
            }
            e.deliveries.push({ runId: r.runId, syncErrorCount: r.syncErrorCount });
            const run = runs.get(r.runId) ?? { eventIds: [], finalized: false };
            run.eventIds.push(r.id);
            runs.set(r.runId, run);
        }
        if (r.kind === "finalized") {
            const run = runs.get(r.runId);
            if (run) run.finalized = true;
            for (const res of r.results) {
                const e = events.get(res.externalEventId);
                if (!e) continue;
                if (!res.errorCode) e.acked = true;
            }
        }
    }
    const byMessage = new Map();
    for (const [id, e] of events) {
        if (e.type !== "MessageReceived") continue;
        const other = byMessage.get(e.payload.id);
        if (other && other !== id) violations.push(`message ${e.payload.id} has two MessageReceived events ${other} and ${id}`);
        byMessage.set(e.payload.id, id);
    }
    return { violations, events, runs };
}

module.exports = { PeerRuntime, startPeer, requestModules, notificationModules, value, inOneHour, establishRelationship, recordSyncWire, checkDeliveryContract };
