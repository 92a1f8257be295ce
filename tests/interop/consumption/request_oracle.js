// Prints the official @nmshd/content 7.0.0 verdicts on the cases of request_cases.js as a JSON
// array for request_content_interop_test.cpp: [{name, kind, input, result}], result
// {ok: true, json: X.from(input).toJSON()} or {ok: false, code, message} with the error coded as
// the runtime's UseCase.handleServalError codes it (a plain Error: error.runtime.unknown).
// RequestItem / ResponseItem have no from() of their own: Serializable.fromUnknown builds the
// class named by "@type" (every such case carries one).
"use strict";
const content = require("@nmshd/content");
const { ParsingError, ValidationError, ServalError, Serializable } = require("@js-soft/ts-serval");
const cases = require("./request_cases");

function coded(e) {
    if (e instanceof ParsingError || e instanceof ValidationError) return { ok: false, code: "error.runtime.requestDeserialization", message: e.message };
    if (e instanceof ServalError) {
        const unknown = /Type '.+' with version [0-9NaN]+ was not found within reflection classes/.test(e.message);
        return { ok: false, code: unknown ? "error.runtime.unknownType" : "error.runtime.servalError", message: e.message };
    }
    if (e instanceof Error && !e.code) return { ok: false, code: "error.runtime.unknown", message: e.message };
    if (e && e.code) return { ok: false, code: e.code, message: e.message };
    throw e;
}

const readers = {
    Request: (v) => content.Request.from(v),
    Response: (v) => content.Response.from(v),
    ResponseWrapper: (v) => content.ResponseWrapper.from(v),
    RelationshipTemplateContent: (v) => content.RelationshipTemplateContent.from(v),
    RelationshipCreationContent: (v) => content.RelationshipCreationContent.from(v),
    Notification: (v) => content.Notification.from(v),
    RequestItem: (v) => {
        const result = Serializable.fromUnknown(v);
        if (!(result instanceof content.RequestItem)) throw new Error("not a RequestItem");
        return result;
    },
    ResponseItem: (v) => {
        const result = Serializable.fromUnknown(v);
        if (!(result instanceof content.ResponseItem)) throw new Error("not a ResponseItem");
        return result;
    }
};

(async () => {
    // References (TransferFileOwnershipRequestItem.fileReference) hold crypto keys.
    await require("@nmshd/crypto").SodiumWrapper.ready();
    const out = cases.map((c) => {
        let result;
        try {
            result = { ok: true, json: readers[c.kind](c.input).toJSON() };
        } catch (e) {
            result = coded(e);
        }
        return { ...c, result };
    });
    process.stdout.write(JSON.stringify(out));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
