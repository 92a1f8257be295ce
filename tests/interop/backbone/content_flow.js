// Two official @nmshd/runtime 7.0.0 peers (A and B) exchange content through our backbone:
// templates, tokens (with and without password), references (truncated and URL), a relationship
// (request, accept), messages both ways with file attachments, a file loaded by reference,
// terminate, reactivation (rejected, then accepted), decomposition by both sides.
// usage: node content_flow.js <baseUrl> <clientId> <clientSecret>
// Output protocol: peer_common.js ("STEP <name> OK|FAILED …", last line "SUMMARY {…}"); the exit
// code is non-zero when any step failed.
const { AccountController } = require("@nmshd/transport");
const { Runtime } = require("@nmshd/runtime");
const { ConsumptionController } = require("@nmshd/consumption");
const { LokiJsConnection } = require("@js-soft/docdb-access-loki");
const { step, expect, expectFailure, finish, loggerFactory } = require("./peer_common");
const { value, inOneHour } = require("./runtime_peer");

const [baseUrl, clientId, clientSecret] = process.argv.slice(2);
if (!baseUrl || !clientId || !clientSecret) {
    console.error("usage: node content_flow.js <baseUrl> <clientId> <clientSecret>");
    process.exit(2);
}

class PeerRuntime extends Runtime {
    constructor(name, config) {
        super(config, loggerFactory);
        this.peerName = name;
    }
    async createDatabaseConnection() {
        return LokiJsConnection.inMemory();
    }
    async initAccount() {
        const db = await this.databaseConnection.getDatabase(`peer-${this.peerName}`);
        const account = await new AccountController(this.transport, db, this.transport.config).init(undefined, `content-peer-${this.peerName}`);
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

function newRuntime(name) {
    return new PeerRuntime(name, {
        transportLibrary: { baseUrl, platformClientId: clientId, platformClientSecret: clientSecret, platformTimeout: 20000, datawalletEnabled: false },
        modules: {}
    });
}

(async () => {
    const runtimeA = newRuntime("a");
    const runtimeB = newRuntime("b");
    let A, B, addressA, addressB;

    await step(
        "setup.runtimes",
        async () => {
            for (const r of [runtimeA, runtimeB]) {
                await r.init();
                await r.start();
            }
            A = runtimeA.getServices().transportServices;
            B = runtimeB.getServices().transportServices;
            addressA = value(await A.account.getIdentityInfo(), "identity A").address;
            addressB = value(await B.account.getIdentityInfo(), "identity B").address;
            return { addressA, addressB };
        },
        { fatal: true }
    );

    // --- A publishes a template and tokens for it --------------------------------------------
    let template, token, passwordToken, passwordTemplate;
    await step(
        "template.create",
        async () => {
            template = value(
                await A.relationshipTemplates.createOwnRelationshipTemplate({
                    content: { "@type": "ArbitraryRelationshipTemplateContent", value: { greeting: "hello from A" } },
                    expiresAt: inOneHour(),
                    maxNumberOfAllocations: 5
                }),
                "createOwnRelationshipTemplate"
            );
            expect(template.id.startsWith("RLT"), `template id ${template.id}`);
            return template.id;
        },
        { fatal: true }
    );
    await step("token.create", async () => {
        token = value(await A.relationshipTemplates.createTokenForOwnRelationshipTemplate({ templateId: template.id }), "token");
        expect(token.id.startsWith("TOK"), `token id ${token.id}`);
        return token.id;
    });
    await step("token.createWithPassword", async () => {
        passwordToken = value(
            await A.relationshipTemplates.createTokenForOwnRelationshipTemplate({ templateId: template.id, passwordProtection: { password: "s3cret+/=" } }),
            "password token"
        );
        expect(passwordToken.passwordProtection?.password === "s3cret+/=", "the owner keeps the password");
        return passwordToken.id;
    });
    await step("template.createWithPassword", async () => {
        passwordTemplate = value(
            await A.relationshipTemplates.createOwnRelationshipTemplate({
                content: { "@type": "ArbitraryRelationshipTemplateContent", value: { protected: true } },
                expiresAt: inOneHour(),
                passwordProtection: { password: "1234", passwordIsPin: true }
            }),
            "password template"
        );
        return passwordTemplate.id;
    });

    // --- B loads it ------------------------------------------------------------------------------
    await step("load.byTruncatedTokenReference", async () => {
        const loaded = value(await B.account.loadItemFromReference({ reference: token.reference.truncated }), "load truncated");
        expect(loaded.type === "RelationshipTemplate", `loaded a ${loaded.type}`);
        expect(loaded.value.id === template.id, "another template");
        expect(loaded.value.content.value.greeting === "hello from A", "template content not decrypted");
        expect(loaded.value.createdBy === addressA, "template owner");
    });
    await step("load.byTokenUrl", async () => {
        expect(token.reference.url.startsWith(`${baseUrl}/r/${token.id}`), `url ${token.reference.url}`);
        const loaded = value(await B.account.loadItemFromReference({ reference: token.reference.url }), "load url");
        expect(loaded.type === "RelationshipTemplate" && loaded.value.id === template.id, "url load");
    });
    await step("load.passwordTokenRefusedWithoutPassword", async () => {
        return await expectFailure(() => B.account.loadItemFromReference({ reference: passwordToken.reference.truncated }), "password");
    });
    await step("load.passwordTokenRefusedWithWrongPassword", async () => {
        return await expectFailure(
            () => B.account.loadItemFromReference({ reference: passwordToken.reference.truncated, password: "wrong" }),
            "error."
        );
    });
    await step("load.passwordTokenWithPassword", async () => {
        const loaded = value(
            await B.account.loadItemFromReference({ reference: passwordToken.reference.truncated, password: "s3cret+/=" }),
            "load with password"
        );
        expect(loaded.type === "RelationshipTemplate" && loaded.value.id === template.id, "password token load");
    });
    await step("load.pinTemplateByReference", async () => {
        await expectFailure(() => B.account.loadItemFromReference({ reference: passwordTemplate.reference.truncated, password: "0000" }), "error.");
        const loaded = value(
            await B.account.loadItemFromReference({ reference: passwordTemplate.reference.url, password: "1234" }),
            "load pin template"
        );
        expect(loaded.value.id === passwordTemplate.id && loaded.value.content.value.protected === true, "pin template content");
    });

    // --- relationship ------------------------------------------------------------------------------
    let relationshipId;
    const statusOn = async (services, id) => value(await services.relationships.getRelationship({ id }), "getRelationship").status;
    await step("relationship.canCreate", async () => {
        const r = value(await B.relationships.canCreateRelationship({ templateId: template.id }), "canCreate");
        expect(r.isSuccess === true, `canCreate: ${JSON.stringify(r)}`);
    });
    await step(
        "relationship.request",
        async () => {
            const rel = value(
                await B.relationships.createRelationship({
                    templateId: template.id,
                    creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: { hello: "from B" } }
                }),
                "createRelationship"
            );
            relationshipId = rel.id;
            expect(rel.status === "Pending", `status ${rel.status}`);
            return rel.id;
        },
        { fatal: true }
    );
    await step("relationship.requestTwiceRefused", async () => {
        const r = value(await B.relationships.canCreateRelationship({ templateId: template.id }), "canCreate");
        expect(r.isSuccess === false, "a second relationship must be refused");
        return r.code;
    });
    await step("relationship.ownerSeesRequest", async () => {
        value(await A.account.syncEverything(), "sync A");
        const rel = value(await A.relationships.getRelationship({ id: relationshipId }), "A getRelationship");
        expect(rel.status === "Pending", `status ${rel.status}`);
        expect(rel.peer === addressB, "peer");
        expect(rel.creationContent.value.hello === "from B", "creation content");
    });
    await step("relationship.accept", async () => {
        const rel = value(await A.relationships.acceptRelationship({ relationshipId }), "accept");
        expect(rel.status === "Active", `status ${rel.status}`);
    });
    await step("relationship.requestorSeesActive", async () => {
        value(await B.account.syncEverything(), "sync B");
        const status = await statusOn(B, relationshipId);
        expect(status === "Active", `status ${status}`);
    });

    // --- messages with attachments, both ways ------------------------------------------------------
    const upload = async (services, text) =>
        value(
            await services.files.uploadOwnFile({ content: Buffer.from(text), filename: "note.txt", mimetype: "text/plain", expiresAt: inOneHour(), title: text.slice(0, 10) }),
            "uploadOwnFile"
        );
    const sendAndReceive = async (from, to, toAddress, text) => {
        const file = await upload(from, `attachment: ${text}`);
        const sent = value(
            await from.messages.sendMessage({
                recipients: [toAddress],
                content: { "@type": "ArbitraryMessageContent", value: { text } },
                attachments: [file.id]
            }),
            "sendMessage"
        );
        value(await to.account.syncEverything(), "sync recipient");
        const received = value(await to.messages.getMessage({ id: sent.id }), "getMessage");
        expect(received.content.value.text === text, "message content");
        expect(received.attachments.length === 1 && received.attachments[0].id === file.id, "attachment metadata");
        const download = value(await to.messages.downloadAttachment({ id: sent.id, attachmentId: file.id }), "downloadAttachment");
        expect(Buffer.from(download.content).toString() === `attachment: ${text}`, "attachment bytes");
        return sent.id;
    };
    await step("message.aToBWithAttachment", async () => sendAndReceive(A, B, addressB, "hi B, here is a file"));
    await step("message.bToAWithAttachment", async () => sendAndReceive(B, A, addressA, "thanks A, one back"));
    await step("message.senderSeesReceipt", async () => {
        value(await A.account.syncEverything(), "sync A");
        const messages = value(await A.messages.getMessages({}), "getMessages");
        expect(messages.length === 2, `A has ${messages.length} messages`);
    });

    // --- a file by reference -----------------------------------------------------------------------
    await step("file.loadByReference", async () => {
        const file = await upload(A, "shared by reference");
        const byFileReference = value(await B.files.getOrLoadFile({ reference: file.reference.truncated }), "load by file reference");
        expect(byFileReference.id === file.id && byFileReference.filename === "note.txt", "file metadata");
        const bytes = value(await B.files.downloadFile({ id: file.id }), "downloadFile");
        expect(Buffer.from(bytes.content).toString() === "shared by reference", "file bytes");
        const fileToken = value(await A.files.createTokenForFile({ fileId: file.id }), "createTokenForFile");
        const viaToken = value(await B.account.loadItemFromReference({ reference: fileToken.reference.url }), "load file token");
        expect(viaToken.type === "File" && viaToken.value.id === file.id, "file via token");
        return file.id;
    });

    // --- terminate, reactivate (reject, accept), decompose ------------------------------------------
    const syncAndStatus = async (services) => {
        value(await services.account.syncEverything(), "sync");
        return await statusOn(services, relationshipId);
    };
    await step("relationship.terminate", async () => {
        const rel = value(await A.relationships.terminateRelationship({ relationshipId }), "terminate");
        expect(rel.status === "Terminated", `status ${rel.status}`);
        const peerStatus = await syncAndStatus(B);
        expect(peerStatus === "Terminated", `B sees ${peerStatus}`);
    });
    await step("reactivation.rejected", async () => {
        value(await B.relationships.requestRelationshipReactivation({ relationshipId }), "request reactivation");
        value(await A.account.syncEverything(), "sync A");
        value(await A.relationships.rejectRelationshipReactivation({ relationshipId }), "reject reactivation");
        const status = await syncAndStatus(B);
        expect(status === "Terminated", `B sees ${status}`);
        const log = value(await B.relationships.getRelationship({ id: relationshipId }), "B get").auditLog.map((e) => e.reason);
        expect(log.at(-1) === "RejectionOfReactivation", `audit log ${log.join(",")}`);
    });
    await step("reactivation.accepted", async () => {
        value(await B.relationships.requestRelationshipReactivation({ relationshipId }), "request reactivation");
        value(await A.account.syncEverything(), "sync A");
        const rel = value(await A.relationships.acceptRelationshipReactivation({ relationshipId }), "accept reactivation");
        expect(rel.status === "Active", `A sees ${rel.status}`);
        const status = await syncAndStatus(B);
        expect(status === "Active", `B sees ${status}`);
    });
    await step("message.afterReactivation", async () => sendAndReceive(A, B, addressB, "welcome back"));
    await step("relationship.decompose", async () => {
        value(await B.relationships.terminateRelationship({ relationshipId }), "terminate again");
        value(await A.account.syncEverything(), "sync A");
        value(await A.relationships.decomposeRelationship({ relationshipId }), "A decomposes");
        await expectFailure(() => A.relationships.getRelationship({ id: relationshipId }), "error.");
        const status = await syncAndStatus(B);
        expect(status === "DeletionProposed", `B sees ${status}`);
        value(await B.relationships.decomposeRelationship({ relationshipId }), "B decomposes");
        await expectFailure(() => B.relationships.getRelationship({ id: relationshipId }), "error.");
    });
    await step("relationship.canCreateAgainAfterDecomposition", async () => {
        const fresh = value(
            await A.relationshipTemplates.createOwnRelationshipTemplate({
                content: { "@type": "ArbitraryRelationshipTemplateContent", value: { round: 2 } },
                expiresAt: inOneHour()
            }),
            "new template"
        );
        value(await B.relationshipTemplates.loadPeerRelationshipTemplate({ reference: fresh.reference.truncated }), "load new template");
        const r = value(await B.relationships.canCreateRelationship({ templateId: fresh.id }), "canCreate");
        expect(r.isSuccess === true, `canCreate: ${JSON.stringify(r)}`);
    });

    for (const r of [runtimeA, runtimeB]) await r.stop().catch(() => {});
    finish();
})().catch((e) => {
    console.log(`STEP script FAILED ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`);
    finish();
    process.exitCode = 1;
});
