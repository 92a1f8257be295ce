// What most Node scripts of this folder share: our connector's REST API (/api/core/v1, X-API-KEY)
// as a function that returns the `result` or throws with the status and body, and the usual first
// step: the official runtime peer `P` (its transport services) loads a template our connector
// offers, asks for a relationship, and our connector accepts it over REST.
const { expect } = require("../backbone/peer_common");
const { value, inOneHour } = require("../backbone/runtime_peer");

function connectorRest(connectorUrl, apiKey) {
    return async function rest(method, path, body) {
        const headers = { "X-API-KEY": apiKey };
        if (body !== undefined) headers["content-type"] = "application/json";
        const r = await fetch(`${connectorUrl}/api/core/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await r.text();
        const json = text ? JSON.parse(text) : undefined;
        if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
        return json?.result;
    };
}

// Returns the id of the relationship, Active on both sides.
async function relateWithConnector(rest, P) {
    const template = await rest("POST", "/RelationshipTemplates/Own", {
        content: { "@type": "ArbitraryRelationshipTemplateContent", value: {} },
        expiresAt: inOneHour()
    });
    value(await P.relationshipTemplates.loadPeerRelationshipTemplate({ reference: template.reference.truncated }), "load");
    const rel = value(await P.relationships.createRelationship({ templateId: template.id, creationContent: { "@type": "ArbitraryRelationshipCreationContent", value: {} } }), "create");
    await rest("POST", "/Account/Sync", {});
    await rest("PUT", `/Relationships/${rel.id}/Accept`, {});
    value(await P.account.syncEverything(), "sync");
    const status = value(await P.relationships.getRelationship({ id: rel.id }), "get").status;
    expect(status === "Active", status);
    return rel.id;
}

module.exports = { connectorRest, relateWithConnector };
