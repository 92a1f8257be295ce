// Prints what the official @nmshd/iql 1.0.4 (the version @nmshd/consumption 7.0.0 uses) and the
// runtime 7.0.0's IQL use cases make of a set of inputs, for iql_interop_test.cpp:
//   {attributes: [content…],
//    queries: [{query, validate: IValidateResult, execute: number[] | "SyntaxError"}],
//    requests: [{kind: "execute"|"validate", body, result: {ok: true, value} | {ok: false, code, message}}]}
// The queries are the listed ones plus 400 random strings (fixed seed) built from the grammar's
// tokens, so that odd failure positions are covered too. `requests` run the use cases' JSON schema
// (SchemaRepository) and IQLQuery.from as UseCase does; `value` for execute is the matched indices.
"use strict";
const iql = require("@nmshd/iql");
const { IQLQuery } = require("@nmshd/content");
const { ParsingError, ValidationError, ServalError } = require("@js-soft/ts-serval");
const { SchemaRepository } = require("@nmshd/runtime/dist/useCases/common/SchemaRepository");

const attributes = [
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "GivenName", value: "Anna" }, tags: ["x:language:de", "delivery"] },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "Surname", value: "Muster Mann" } },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "StreetAddress", recipient: "Anna", street: "Main", houseNo: "1", zipCode: "12345", city: "Town", country: "DE" }, tags: ["delivery"] },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "Nationality", value: "DE" } },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "BirthDate", day: 2, month: 3, year: 1990 } },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "StreetAddress", recipient: "Ben", street: "Side", houseNo: "2", zipCode: "54321", city: "City", country: "AT" } },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "EMailAddress", value: "a'b\\c@example.com" }, tags: ["with space", "x:y"] },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "Website", value: "2020-05-01T10:00:00.000Z" }, tags: [] },
    { "@type": "IdentityAttribute", owner: "o", value: { "@type": "PhoneNumber", value: "+49 1234" } }
];

const listed = [
    "GivenName", "StreetAddress && #delivery", "Nationality=DE", "GivenName || Surname", "#x:language:de", "!GivenName", "!!GivenName",
    "!( GivenName || Surname )", "( GivenName && #delivery ) || Nationality=DE", "StreetAddress.country=AT", "StreetAddress.city?",
    "Surname='Muster Mann'", "owner=o && !#delivery", "tags~delivery", "tags?", "tags~'with space'", "#'with space'", "#", "#''",
    "BirthDate.year=1990", "BirthDate.year>1989", "BirthDate.year<1990", "Website>2020-01-01", "Website<2020-05-01T10:00Z",
    "Website>2020-05-01T12:00+02:00", "Website<2020", "Website>2021-02-29", "EMailAddress='a\\'b\\\\c@example.com'",
    "EMailAddress=a\\'b\\\\c@example.com", "PhoneNumber='+49 1234'", "value.value=Anna", "value.street?", "owner?",
    "StreetAddress.zipCode>12345", "GivenName=", "GivenName?", "Surname.value?", "GivenName.value.x?", "tags=delivery",
    "tags=x:language:de,delivery", "value?", "value.@type=GivenName", "(  GivenName  ||  Surname  )  &&  !#delivery",
    "\tGivenName", "GivenName\t&&\tSurname", "GivenName\n||\r\nSurname",
    "Surname=Muster Mann", "GivenName &&", "GivenName &&& Surname", "(GivenName)", "( GivenName", "", " ", "x", "X.y", "X.Y=1",
    "GivenName=a\"b\\\\c\tfoo", "#a bb", "GivenName ||\n\n x", "é", "a\u0301", "\u{1F600}", "GivenName=\u0301 \u0301",
    "GivenName=\u200B \u200B", "GivenName=\u0000 \u0007", "GivenName=\u0085 \u0085", "GivenName=\\ x", "GivenName='abc",
    "GivenName || \u{E000}", "GivenName || \"", "GivenName || \\", "a.b", "ab.c", "ab.cd", "ab.cd.", "ab.cd=", "Ab.cd", "A.bc",
    "!", "!!", "( )", "(  )", "( ( GivenName ) )", "( GivenName ))", "GivenName ) ", "GivenName  ", " GivenName", "GivenName ||",
    "#x &&", "x~", "xx~", "xx?", "xx?y", "\uFEFFGivenName", "GivenName=\u{10FFFF} x", "GivenName=\u{E0001} x", "GivenName=\u0378 x",
    "GivenName ||\u00A0Surname", "\n\nx"
];

// Random strings of grammar tokens (mulberry32, fixed seed).
function mulberry32(a) {
    return () => {
        a |= 0;
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const tokens = ["GivenName", "Surname", "StreetAddress", "X", "a", "ab", "owner", "tags", "value", ".", "city", "(", ")", " ", " ", " ", "&&", "||", "!", "#",
    "=", ">", "<", "~", "?", "'", "\\", "\\\\", "\\'", "DE", "1990", "delivery", "\n", "\t", "é", "\u{1F600}", "\u0301", "&", "|"];
const random = mulberry32(7);
const generated = [];
for (let i = 0; i < 400; i++) {
    const n = 1 + Math.floor(random() * 9);
    let q = "";
    for (let k = 0; k < n; k++) q += tokens[Math.floor(random() * tokens.length)];
    generated.push(q);
}

const queries = [...listed, ...generated].map((query) => {
    let execute;
    try {
        execute = iql.execute(query, attributes);
    } catch (e) {
        execute = e?.name === "SyntaxError" ? "SyntaxError" : `${e?.constructor?.name}: ${e?.message}`;
    }
    return { query, validate: iql.validate(query), execute };
});

const requestBodies = [
    ["execute", {}],
    ["execute", { query: "GivenName" }],
    ["execute", { query: {} }],
    ["execute", { query: { queryString: 1 } }],
    ["execute", { query: { queryString: "GivenName" }, x: 1 }],
    ["execute", { query: { queryString: "GivenName", y: 1 } }],
    ["execute", { query: { "@type": "X", queryString: "GivenName" } }],
    ["execute", { query: { "@type": "IQLQuery", queryString: "GivenName || Surname" } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: {} } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: 1 } } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: "Foo" } } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: "GivenName", tags: "x" } } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: "GivenName", tags: [1] } } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: "GivenName", tags: ["x:a"] } } }],
    ["execute", { query: { queryString: "GivenName", attributeCreationHints: { valueType: "GivenName", x: 1 } } }],
    ["execute", { query: { queryString: "GivenName &&" } }],
    ["execute", { query: { queryString: "" } }],
    ["execute", { query: { queryString: "GivenName=" + "a".repeat(4090) } }],
    ["execute", { query: { queryString: "( GivenName && #delivery ) || Nationality=DE" } }],
    ["execute", { query: { queryString: "#delivery", "@context": 1 } }],
    ["validate", {}],
    ["validate", { query: { queryString: "GivenName" } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "GivenName" } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "(" } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "GivenName\n&&" } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: 5 } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "GivenName", "@version": 1 } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "GivenName", attributeCreationHints: { valueType: "Surname" } } }],
    ["validate", { query: { "@type": "IQLQuery", queryString: "x".repeat(4097) } }]
];

function coded(e) {
    if (e instanceof ParsingError || e instanceof ValidationError) return { ok: false, code: "error.runtime.requestDeserialization", message: e.message };
    if (e instanceof ServalError) return { ok: false, code: "error.runtime.servalError", message: e.message };
    return { ok: false, code: "error.runtime.unknown", message: `An error was thrown in a UseCase: ${e.message}` };
}

(async () => {
    const repository = new SchemaRepository();
    await repository.loadSchemas();
    const schemas = { execute: repository.getSchema("ExecuteIQLQueryRequest"), validate: repository.getSchema("ValidateIQLQueryRequest") };
    const requests = requestBodies.map(([kind, body]) => {
        const checked = schemas[kind].validate(body);
        if (!checked.isValid) {
            const err = checked.errors[0];
            const message = `${err.instancePath} ${err.message}`.replace(/^\//, "").replace(/"/g, "").trim();
            return { kind, body, result: { ok: false, code: "error.runtime.validation.invalidPropertyValue", message } };
        }
        try {
            const query = IQLQuery.from(body.query);
            const value = kind === "execute" ? iql.execute(query.queryString, attributes) : iql.validate(query.queryString);
            return { kind, body, result: { ok: true, value } };
        } catch (e) {
            return { kind, body, result: coded(e) };
        }
    });
    process.stdout.write(JSON.stringify({ attributes, queries, requests }));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
