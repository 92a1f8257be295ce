// The official @nmshd/transport and @nmshd/runtime 7.0.0 register and sync against our backbone.
// usage: node register_and_sync.js <baseUrl> <clientId> <clientSecret>
// Output protocol: peer_common.js. Steps (each printed as STEP <name> OK|FAILED):
//   transport identity A (datawallet enabled): registration, address check, syncEverything,
//   datawallet sync, backbone compatibility; second device of A onboarded through POST /Devices and
//   a shared secret (login with the initial password, password change, datawallet sync); a
//   restart of the backbone (access tokens lost -> 401 -> automatic re-login, also with the
//   changed password); an identity deletion process blocks sync until cancelled; a wrong client
//   secret is refused as platformClientInvalid; a full Runtime (identity B) comes up, is
//   compatible and syncs.
const { AccountController } = require("@nmshd/transport");
const { Runtime } = require("@nmshd/runtime");
const { ConsumptionController } = require("@nmshd/consumption");
const { LokiJsConnection } = require("@js-soft/docdb-access-loki");
const { step, expect, expectFailure, newTransport, restartBackbone, finish, loggerFactory } = require("./peer_common");

const [baseUrl, clientId, clientSecret] = process.argv.slice(2);
if (!baseUrl || !clientId || !clientSecret) {
    console.error("usage: node register_and_sync.js <baseUrl> <clientId> <clientSecret>");
    process.exit(2);
}
const hostname = new URL(baseUrl).hostname;

class PeerRuntime extends Runtime {
    async createDatabaseConnection() {
        return LokiJsConnection.inMemory();
    }
    async initAccount() {
        const db = await this.databaseConnection.getDatabase("peer-runtime");
        const account = await new AccountController(this.transport, db, this.transport.config).init(undefined, "cpp-backbone-runtime-peer");
        const consumption = await new ConsumptionController(this.transport, account, { setDefaultOwnIdentityAttributes: false }).init();
        this.services = await this.login(account, consumption);
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
}

(async () => {
    const dbA = LokiJsConnection.inMemory();
    const transportA = await newTransport(baseUrl, clientId, clientSecret, { datawalletEnabled: true });
    let accountA;
    await step(
        "transport.register",
        async () => {
            accountA = await new AccountController(transportA, await dbA.getDatabase("peerA"), transportA.config).init(undefined, "device-1");
            return accountA.identity.address.toString();
        },
        { fatal: true }
    );
    await step("transport.addressUsesHostname", async () => {
        const address = accountA.identity.address.toString();
        expect(address.startsWith(`did:e:${hostname}:dids:`), `address ${address} is not on ${hostname}`);
    });
    await step("transport.syncEverything", async () => {
        await accountA.syncEverything();
    });
    await step("transport.syncDatawallet", async () => {
        await accountA.syncDatawallet(true);
    });

    // Second device of A: POST /Devices with a signed challenge, then onboarding from the shared secret.
    let accountA2;
    await step("device2.onboard", async () => {
        const device = await accountA.devices.sendDevice({ name: "device-2", isAdmin: true });
        await accountA.syncDatawallet(true);
        const secret = await accountA.devices.getSharedSecret(device.id);
        const dbA2 = LokiJsConnection.inMemory();
        accountA2 = await new AccountController(transportA, await dbA2.getDatabase("peerA2"), transportA.config).init(secret, "device-2");
        expect(accountA2.identity.address.equals(accountA.identity.address), "the second device belongs to another identity");
        expect(accountA2.activeDevice.id.equals(device.id), "the onboarded device has another id");
        return device.id.toString();
    });
    await step("device2.syncEverything", async () => {
        await accountA2.syncEverything();
    });
    await step("device1.seesDatawalletOfDevice2", async () => {
        await accountA.syncDatawallet(true);
        const devices = await accountA.devices.list();
        expect(devices.length === 2, `expected 2 devices, got ${devices.length}`);
    });

    // Access tokens live in memory: after a restart every client gets a 401 and logs in again.
    await step("backbone.restart", async () => {
        await restartBackbone();
    });
    await step("device1.reloginAfterRestart", async () => {
        await accountA.syncEverything();
    });
    await step("device2.reloginWithChangedPassword", async () => {
        await accountA2.syncEverything();
        await accountA2.syncDatawallet(true);
    });

    // Identity deletion: while the process runs, sync runs are refused; after cancelling they work.
    await step("deletion.start", async () => {
        const process = await accountA.identityDeletionProcess.initiateIdentityDeletionProcess();
        expect(process.status === "Active", `status ${process.status}`);
        return process.id.toString();
    });
    await step("deletion.syncRefused", async () => {
        return await expectFailure(() => accountA.syncEverything(), "cannotStartSyncRunWhileIdentityIsToBeDeleted");
    });
    await step("deletion.cancel", async () => {
        const active = await accountA.identityDeletionProcess.getIdentityDeletionProcessByStatus("Active");
        expect(active, "no active deletion process stored locally");
        const cancelled = await accountA.identityDeletionProcess.cancelIdentityDeletionProcess(active.id.toString());
        expect(cancelled.status === "Cancelled", `status ${cancelled.status}`);
    });
    await step("deletion.syncAfterCancel", async () => {
        await accountA.syncEverything();
    });

    await step("transport.wrongClientSecretRefused", async () => {
        const bad = await newTransport(baseUrl, clientId, clientSecret + "-wrong");
        const db = LokiJsConnection.inMemory();
        return await expectFailure(
            async () => new AccountController(bad, await db.getDatabase("bad"), bad.config).init(),
            "platformClientInvalid"
        );
    });

    // A full runtime as the Connector uses it.
    const runtime = new PeerRuntime(
        {
            transportLibrary: { baseUrl, platformClientId: clientId, platformClientSecret: clientSecret, platformTimeout: 20000, datawalletEnabled: false },
            modules: {
                decider: { enabled: true, location: "@nmshd/runtime:DeciderModule" },
                request: { enabled: true, location: "@nmshd/runtime:RequestModule" }
            }
        },
        loggerFactory
    );
    await step("runtime.start", async () => {
        await runtime.init();
        await runtime.start();
        const info = await runtime.getServices().transportServices.account.getIdentityInfo();
        expect(info.isSuccess, info.isError ? info.error.message : "");
        expect(info.value.address !== accountA.identity.address.toString(), "runtime got the same identity");
        return info.value.address;
    });
    await step("runtime.backboneCompatible", async () => {
        const compat = await runtime.anonymousServices.backboneCompatibility.checkBackboneCompatibility();
        expect(compat.isSuccess, compat.isError ? `${compat.error.code}: ${compat.error.message}` : "");
        expect(compat.value.isCompatible === true, JSON.stringify(compat.value));
        return compat.value;
    });
    await step("runtime.syncEverything", async () => {
        const r = await runtime.getServices().transportServices.account.syncEverything();
        expect(r.isSuccess, r.isError ? `${r.error.code}: ${r.error.message}` : "");
    });
    await step("runtime.syncInfo", async () => {
        const r = await runtime.getServices().transportServices.account.getSyncInfo();
        expect(r.isSuccess && r.value.lastSyncRun, r.isError ? r.error.message : JSON.stringify(r.value));
    });
    await step("runtime.registerPushNotificationToken", async () => {
        const r = await runtime.getServices().transportServices.account.registerPushNotificationToken({
            handle: "sse-handle-of-the-runtime-peer",
            platform: "sse",
            appId: "eu.enmeshed.test",
            environment: "Development"
        });
        expect(r.isSuccess, r.isError ? `${r.error.code}: ${r.error.message}` : "");
        expect(/^DPI[A-Za-z0-9]{17}$/.test(r.value.devicePushIdentifier), r.value.devicePushIdentifier);
        return r.value.devicePushIdentifier;
    });
    await step("runtime.identityNotDeleted", async () => {
        const r = await runtime.getServices().transportServices.account.checkIfIdentityIsDeleted();
        expect(r.isSuccess, r.isError ? `${r.error.code}: ${r.error.message}` : "");
        expect(r.value.isDeleted === false, JSON.stringify(r.value));
    });
    await runtime.stop().catch(() => {});
    await accountA.close().catch(() => {});
    finish();
})().catch((e) => {
    console.log(`STEP script FAILED ${e?.message ?? e}`);
    finish();
});
