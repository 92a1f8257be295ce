// Prints the official @nmshd/content / @nmshd/consumption / @nmshd/runtime 7.0.0 verdicts on the
// cases of attribute_cases.js as one JSON object, for content_interop_test.cpp:
//   identity[i]: {name, value, tags?, expect, newerThan700?, schema: null | message,
//                 parsed: {ok: true, json} | {ok: false, code, message},
//                 trimmed?: same shape (trimAttribute of the parsed attribute), characters?: bool}
//   relationship[i]: {name, attribute, expect, parsed: …, characters?: bool}
// `schema` is IdentityAttributeValueValidator's first failure; `parsed` is IdentityAttribute.from /
// RelationshipAttribute.from with the error coded as UseCase.handleServalError codes it.
"use strict";
const { IdentityAttribute, RelationshipAttribute } = require("@nmshd/content");
const { AttributesController } = require("@nmshd/consumption");
const { ParsingError, ValidationError, ServalError } = require("@js-soft/ts-serval");
const { SchemaRepository } = require("@nmshd/runtime/dist/useCases/common/SchemaRepository");
const { IdentityAttributeValueValidator } = require("@nmshd/runtime/dist/useCases/consumption/attributes/IdentityAttributeValueValidator");
const cases = require("./attribute_cases");

function coded(e) {
    if (e instanceof ParsingError || e instanceof ValidationError) return { ok: false, code: "error.runtime.requestDeserialization", message: e.message };
    if (e instanceof ServalError) {
        const unknown = /Type '.+' with version [0-9]+ was not found within reflection classes/.test(e.message);
        return { ok: false, code: unknown ? "error.runtime.unknownType" : "error.runtime.servalError", message: e.message };
    }
    if (e && e.code) return { ok: false, code: e.code, message: e.message };
    throw e;
}

function attempt(fn) {
    try {
        return { ok: true, json: fn().toJSON() };
    } catch (e) {
        return coded(e);
    }
}

// Instance methods that use nothing of the instance.
const controller = Object.create(AttributesController.prototype);

(async () => {
    const repository = new SchemaRepository();
    await repository.loadSchemas();
    const schemaValidator = new IdentityAttributeValueValidator(repository);

    const identity = [...cases.identity, ...cases.tagged].map((c) => {
        const result = schemaValidator.validate(c.value);
        const out = { ...c, schema: result.isValid() ? null : result.getFailures()[0].error.message };
        const input = { owner: "", value: c.value };
        if (c.tags !== undefined) input.tags = c.tags;
        out.parsed = attempt(() => IdentityAttribute.from(input));
        if (out.parsed.ok) {
            const attribute = IdentityAttribute.from(input);
            out.trimmed = attempt(() => controller.trimAttribute(attribute));
            if (out.trimmed.ok) out.characters = controller.validateAttributeCharacters(IdentityAttribute.from(out.trimmed.json));
        }
        return out;
    });

    const relationship = cases.relationship.map((c) => {
        const out = { ...c };
        const input = { owner: cases.owner, ...c.attribute };
        out.parsed = attempt(() => RelationshipAttribute.from(input));
        if (out.parsed.ok) out.characters = controller.validateAttributeCharacters(RelationshipAttribute.from(input));
        return out;
    });

    process.stdout.write(JSON.stringify({ owner: cases.owner, identity, relationship }));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
