// Cases for the request, response, notification and relationship content formats of
// @nmshd/content 7.0.0, judged by request_oracle.js (official classes) and by
// request_content_interop_test.cpp (ours). Each case: {name, kind, input}; `kind` names the entry
// point: Request, RequestItem, Response, ResponseItem, ResponseWrapper, RelationshipTemplateContent,
// RelationshipCreationContent, Notification.
"use strict";

const owner = "did:e:localhost:dids:0123456789abcdef012345";
const peer = "did:e:localhost:dids:abcdef0123456789abcdef";
// A truncated file reference: base64url("<FIL id>|3|<32-byte key>||").
const fileKey = Buffer.alloc(32, 7).toString("base64url");
const fileReference = Buffer.from(`FILabcdefghij0123456|3|${fileKey}||`).toString("base64url");
const tokenReference = Buffer.from(`TOKabcdefghij0123456|3|${fileKey}||`).toString("base64url");

const givenName = { "@type": "GivenName", value: "Alice" };
const identityAttribute = { "@type": "IdentityAttribute", owner, value: givenName };
const emptyOwnerIdentity = { "@type": "IdentityAttribute", owner: "", value: givenName };
const relationshipAttribute = {
    "@type": "RelationshipAttribute",
    owner,
    key: "customerNumber",
    confidentiality: "protected",
    value: { "@type": "ProprietaryString", title: "Customer number", value: "4711" }
};
const identityQuery = { "@type": "IdentityAttributeQuery", valueType: "GivenName", tags: ["x:private"] };
const relationshipQuery = {
    "@type": "RelationshipAttributeQuery",
    key: "customerNumber",
    owner: "",
    attributeCreationHints: { title: "Customer number", valueType: "ProprietaryString", confidentiality: "protected" }
};
const thirdPartyQuery = { "@type": "ThirdPartyRelationshipAttributeQuery", key: "k", owner: "thirdParty", thirdParty: [peer] };
const iqlQuery = { "@type": "IQLQuery", queryString: "GivenName || Surname", attributeCreationHints: { valueType: "GivenName", tags: ["a"] } };

const auth = { "@type": "AuthenticationRequestItem", mustBeAccepted: true, title: "Log in?" };
const accept = { "@type": "AcceptResponseItem", result: "Accepted" };
const reject = { "@type": "RejectResponseItem", result: "Rejected", code: "some.code", message: "no" };

const item = (type, props) => ({ "@type": type, mustBeAccepted: false, ...props });
const formField = (settings, extra = {}) => item("FormFieldRequestItem", { title: "Question", settings, ...extra });
const long = (n) => "x".repeat(n);

const cases = [
    // Request envelope
    ["request minimal", "Request", { "@type": "Request", items: [auth] }],
    ["request full", "Request", { "@type": "Request", id: "REQabcdefghij0123456", expiresAt: "2030-01-02T03:04:05.678+02:00", title: "T", description: "D", metadata: { b: 1, a: [2] }, items: [auth], unknown: 1 }],
    ["request date only", "Request", { items: [auth], expiresAt: "2030-01-02" }],
    ["request invalid date", "Request", { items: [auth], expiresAt: "tomorrow" }],
    ["request empty date", "Request", { items: [auth], expiresAt: "" }],
    ["request id as object", "Request", { items: [auth], id: { id: "REQabcdefghij0123456" } }],
    ["request id number", "Request", { items: [auth], id: 5 }],
    ["request null id and date kept", "Request", { items: [auth], id: null, expiresAt: null }],
    ["request null title", "Request", { items: [auth], title: null }],
    ["request title 200", "Request", { items: [auth], title: long(200) }],
    ["request title 201", "Request", { items: [auth], title: long(201) }],
    ["request description 501", "Request", { items: [auth], description: long(501) }],
    ["request title emoji length", "Request", { items: [auth], title: "😀".repeat(100) + "x" }],
    ["request no items", "Request", {}],
    ["request empty items", "Request", { items: [] }],
    ["request items not array", "Request", { items: {} }],
    ["request not an object", "Request", "hello"],
    ["request null", "Request", null],
    ["request metadata string", "Request", { items: [auth], metadata: "ab" }],
    ["request metadata number", "Request", { items: [auth], metadata: 5 }],
    ["request metadata null", "Request", { items: [auth], metadata: null }],
    ["request unknown item type", "Request", { items: [{ "@type": "FooRequestItem", mustBeAccepted: true }] }],
    ["request item @type not string", "Request", { items: [{ "@type": 5 }] }],
    ["request item @version 2", "Request", { items: [{ ...auth, "@version": 2 }] }],
    ["request item without @type kept", "Request", { items: [{ mustBeAccepted: true, b: 1, a: 2 }] }],
    ["request item null", "Request", { items: [null] }],
    ["request item missing mustBeAccepted", "Request", { items: [{ "@type": "AuthenticationRequestItem", title: "x" }] }],
    ["request item mustBeAccepted string", "Request", { items: [{ ...auth, mustBeAccepted: "yes" }] }],
    ["request item description 501", "Request", { items: [{ ...auth, description: long(501) }] }],
    ["request item metadata kept", "Request", { items: [{ ...auth, description: "d", metadata: { z: 1, a: { y: 2 } } }] }],
    ["request group", "Request", { items: [{ "@type": "RequestItemGroup", title: "G", description: "GD", metadata: { m: 1 }, items: [auth, item("ConsentRequestItem", { consent: "ok" })] }] }],
    ["request group empty", "Request", { items: [{ "@type": "RequestItemGroup", items: [] }] }],
    ["request group title 201", "Request", { items: [{ "@type": "RequestItemGroup", title: long(201), items: [auth] }] }],
    ["request group nested (accepted by from)", "Request", { items: [{ "@type": "RequestItemGroup", items: [{ "@type": "RequestItemGroup", items: [auth] }] }] }],
    ["request group inner error", "Request", { items: [auth, { "@type": "RequestItemGroup", items: [auth, { "@type": "AuthenticationRequestItem", mustBeAccepted: true }] }] }],
    ["request with a response item", "Request", { items: [accept] }],
    ["request with a value", "Request", { items: [givenName] }],

    // Request items
    ["read identity query", "RequestItem", item("ReadAttributeRequestItem", { query: identityQuery })],
    ["read relationship query", "RequestItem", item("ReadAttributeRequestItem", { query: relationshipQuery })],
    ["read relationship query with hints", "RequestItem", item("ReadAttributeRequestItem", { query: { ...relationshipQuery, attributeCreationHints: { ...relationshipQuery.attributeCreationHints, description: "d", isTechnical: true, valueHints: { max: 10, values: [{ key: "a", displayName: "A" }] } } } })],
    ["read relationship query bad confidentiality", "RequestItem", item("ReadAttributeRequestItem", { query: { ...relationshipQuery, attributeCreationHints: { ...relationshipQuery.attributeCreationHints, confidentiality: "secret" } } })],
    ["read relationship query bad value type", "RequestItem", item("ReadAttributeRequestItem", { query: { ...relationshipQuery, attributeCreationHints: { ...relationshipQuery.attributeCreationHints, valueType: "GivenName" } } })],
    ["read relationship query key 101", "RequestItem", item("ReadAttributeRequestItem", { query: { ...relationshipQuery, key: long(101) } })],
    ["read third party query", "RequestItem", item("ReadAttributeRequestItem", { query: thirdPartyQuery })],
    ["read third party single address", "RequestItem", item("ReadAttributeRequestItem", { query: { ...thirdPartyQuery, thirdParty: peer, owner: "" } })],
    ["read third party empty list", "RequestItem", item("ReadAttributeRequestItem", { query: { ...thirdPartyQuery, thirdParty: [] } })],
    ["read third party bad owner", "RequestItem", item("ReadAttributeRequestItem", { query: { ...thirdPartyQuery, owner: "me" } })],
    ["read third party address number", "RequestItem", item("ReadAttributeRequestItem", { query: { ...thirdPartyQuery, thirdParty: [5] } })],
    ["read iql", "RequestItem", item("ReadAttributeRequestItem", { query: iqlQuery })],
    ["read iql complex", "RequestItem", item("ReadAttributeRequestItem", { query: { "@type": "IQLQuery", queryString: "( StreetAddress.city='Berlin' && #delivery ) || !Nationality=DE || meta.data? || #x:language:de" } })],
    ["read iql syntax error", "RequestItem", item("ReadAttributeRequestItem", { query: { "@type": "IQLQuery", queryString: "GivenName &&" } })],
    ["read iql bad paren", "RequestItem", item("ReadAttributeRequestItem", { query: { "@type": "IQLQuery", queryString: "(GivenName)" } })],
    ["read iql newline", "RequestItem", item("ReadAttributeRequestItem", { query: { "@type": "IQLQuery", queryString: "GivenName\n&& x" } })],
    ["read iql hints bad type", "RequestItem", item("ReadAttributeRequestItem", { query: { ...iqlQuery, attributeCreationHints: { valueType: "ProprietaryString" } } })],
    ["read query without @type", "RequestItem", item("ReadAttributeRequestItem", { query: { valueType: "GivenName" } })],
    ["read query wrong class", "RequestItem", item("ReadAttributeRequestItem", { query: identityAttribute })],
    ["read identity query bad value type", "RequestItem", item("ReadAttributeRequestItem", { query: { "@type": "IdentityAttributeQuery", valueType: "Foo" } })],
    ["share identity", "RequestItem", item("ShareAttributeRequestItem", { attribute: identityAttribute, attributeId: "ATTabcdefghij0123456" })],
    ["share relationship with third party", "RequestItem", item("ShareAttributeRequestItem", { attribute: relationshipAttribute, attributeId: "ATTabcdefghij0123456", thirdPartyAddress: peer })],
    ["share missing attributeId", "RequestItem", item("ShareAttributeRequestItem", { attribute: identityAttribute })],
    ["share attribute without @type", "RequestItem", item("ShareAttributeRequestItem", { attribute: { owner, value: givenName }, attributeId: "ATTabcdefghij0123456" })],
    ["create identity", "RequestItem", item("CreateAttributeRequestItem", { attribute: emptyOwnerIdentity })],
    ["create relationship", "RequestItem", item("CreateAttributeRequestItem", { attribute: relationshipAttribute })],
    ["create bad value", "RequestItem", item("CreateAttributeRequestItem", { attribute: { ...identityAttribute, value: { "@type": "GivenName", value: "" } } })],
    ["create missing attribute", "RequestItem", item("CreateAttributeRequestItem", {})],
    ["create unknown attribute type", "RequestItem", item("CreateAttributeRequestItem", { attribute: { "@type": "Foo" } })],
    ["propose identity", "RequestItem", item("ProposeAttributeRequestItem", { query: { "@type": "IdentityAttributeQuery", valueType: "GivenName" }, attribute: emptyOwnerIdentity })],
    ["propose identity mismatch", "RequestItem", item("ProposeAttributeRequestItem", { query: { "@type": "IdentityAttributeQuery", valueType: "Surname" }, attribute: emptyOwnerIdentity })],
    ["propose identity with relationship query", "RequestItem", item("ProposeAttributeRequestItem", { query: relationshipQuery, attribute: emptyOwnerIdentity })],
    ["propose relationship with identity query", "RequestItem", item("ProposeAttributeRequestItem", { query: identityQuery, attribute: { ...relationshipAttribute, owner: "" } })],
    ["propose relationship", "RequestItem", item("ProposeAttributeRequestItem", { query: relationshipQuery, attribute: { ...relationshipAttribute, owner: "" } })],
    ["propose relationship mismatch", "RequestItem", item("ProposeAttributeRequestItem", { query: { ...relationshipQuery, attributeCreationHints: { ...relationshipQuery.attributeCreationHints, valueType: "ProprietaryInteger" } }, attribute: { ...relationshipAttribute, owner: "" } })],
    ["propose iql mismatch", "RequestItem", item("ProposeAttributeRequestItem", { query: { ...iqlQuery, attributeCreationHints: { valueType: "Surname" } }, attribute: emptyOwnerIdentity })],
    ["propose iql without hints", "RequestItem", item("ProposeAttributeRequestItem", { query: { "@type": "IQLQuery", queryString: "Surname" }, attribute: emptyOwnerIdentity })],
    ["propose third party query", "RequestItem", item("ProposeAttributeRequestItem", { query: thirdPartyQuery, attribute: emptyOwnerIdentity })],
    ["delete", "RequestItem", item("DeleteAttributeRequestItem", { attributeId: "ATTabcdefghij0123456", description: "please" })],
    ["delete id typed", "RequestItem", item("DeleteAttributeRequestItem", { attributeId: { "@type": "CoreId", id: "ATTabcdefghij0123456" } })],
    ["delete id wrong class", "RequestItem", item("DeleteAttributeRequestItem", { attributeId: { "@type": "CoreAddress", address: owner } })],
    ["delete id empty object", "RequestItem", item("DeleteAttributeRequestItem", { attributeId: {} })],
    ["consent", "RequestItem", item("ConsentRequestItem", { consent: "I agree", link: "https://example.com/terms", linkDisplayText: "Terms", requiresInteraction: true })],
    ["consent link text without link", "RequestItem", item("ConsentRequestItem", { consent: "I agree", linkDisplayText: "Terms" })],
    ["consent bad link", "RequestItem", item("ConsentRequestItem", { consent: "I agree", link: "not a link" })],
    ["consent 10001", "RequestItem", item("ConsentRequestItem", { consent: long(10001) })],
    ["consent requiresInteraction string", "RequestItem", item("ConsentRequestItem", { consent: "x", requiresInteraction: "yes" })],
    ["authentication title 201", "RequestItem", { ...auth, title: long(201) }],
    ["authentication missing title", "RequestItem", { "@type": "AuthenticationRequestItem", mustBeAccepted: true }],
    ["form string", "RequestItem", formField({ "@type": "StringFormFieldSettings", allowNewlines: true, min: 1, max: 10 })],
    ["form string max 4097", "RequestItem", formField({ "@type": "StringFormFieldSettings", max: 4097 })],
    ["form string min float", "RequestItem", formField({ "@type": "StringFormFieldSettings", min: 1.5 })],
    ["form integer", "RequestItem", formField({ "@type": "IntegerFormFieldSettings", unit: "kg", min: -5, max: 5 })],
    ["form integer float max", "RequestItem", formField({ "@type": "IntegerFormFieldSettings", max: 2.5 })],
    ["form double", "RequestItem", formField({ "@type": "DoubleFormFieldSettings", unit: "m", min: 0.5, max: 1e21 })],
    ["form double min string", "RequestItem", formField({ "@type": "DoubleFormFieldSettings", min: "1" })],
    ["form boolean", "RequestItem", formField({ "@type": "BooleanFormFieldSettings", extra: 1 })],
    ["form date", "RequestItem", formField({ "@type": "DateFormFieldSettings" })],
    ["form selection", "RequestItem", formField({ "@type": "SelectionFormFieldSettings", options: ["a", "b"], allowMultipleSelection: true })],
    ["form selection empty option", "RequestItem", formField({ "@type": "SelectionFormFieldSettings", options: ["a", ""] })],
    ["form selection option number", "RequestItem", formField({ "@type": "SelectionFormFieldSettings", options: ["a", 1] })],
    ["form selection no options", "RequestItem", formField({ "@type": "SelectionFormFieldSettings" })],
    ["form rating", "RequestItem", formField({ "@type": "RatingFormFieldSettings", maxRating: 5 })],
    ["form rating 11", "RequestItem", formField({ "@type": "RatingFormFieldSettings", maxRating: 11 })],
    ["form rating 4", "RequestItem", formField({ "@type": "RatingFormFieldSettings", maxRating: 4 })],
    ["form rating 7.5", "RequestItem", formField({ "@type": "RatingFormFieldSettings", maxRating: 7.5 })],
    ["form settings without @type", "RequestItem", formField({ maxRating: 5 })],
    ["form settings wrong class", "RequestItem", formField(identityQuery)],
    ["form title 201", "RequestItem", formField({ "@type": "DateFormFieldSettings" }, { title: long(201) })],
    ["transfer file ownership", "RequestItem", item("TransferFileOwnershipRequestItem", { fileReference, ownershipToken: "token" })],
    ["transfer file ownership token reference", "RequestItem", item("TransferFileOwnershipRequestItem", { fileReference: tokenReference, ownershipToken: "token" })],
    ["transfer missing ownershipToken", "RequestItem", item("TransferFileOwnershipRequestItem", { fileReference })],

    // Response envelope and items
    ["response", "Response", { "@type": "Response", result: "Accepted", requestId: "REQabcdefghij0123456", items: [accept, { "@type": "ResponseItemGroup", items: [accept, reject] }] }],
    ["response any result string", "Response", { result: "Whatever", requestId: "REQabcdefghij0123456", items: [accept] }],
    ["response missing requestId", "Response", { result: "Accepted", items: [accept] }],
    ["response empty items", "Response", { result: "Accepted", requestId: "REQabcdefghij0123456", items: [] }],
    ["response group empty", "Response", { result: "Accepted", requestId: "REQabcdefghij0123456", items: [{ "@type": "ResponseItemGroup", items: [] }] }],
    ["response group inner error", "Response", { result: "Rejected", requestId: "REQabcdefghij0123456", items: [{ "@type": "ResponseItemGroup", items: [{ "@type": "RejectResponseItem", result: "Rejected", code: null }] }] }],
    ["reject minimal", "ResponseItem", { "@type": "RejectResponseItem", result: "Rejected" }],
    ["reject code 201", "ResponseItem", { ...reject, code: long(201) }],
    ["reject message 1001", "ResponseItem", { ...reject, message: long(1001) }],
    ["error item", "ResponseItem", { "@type": "ErrorResponseItem", result: "Error", code: "error.x", message: "m" }],
    ["error item missing code", "ResponseItem", { "@type": "ErrorResponseItem", result: "Error", message: "m" }],
    ["accept missing result", "ResponseItem", { "@type": "AcceptResponseItem" }],
    ["read accept", "ResponseItem", { "@type": "ReadAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: identityAttribute }],
    ["read accept third party", "ResponseItem", { "@type": "ReadAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: relationshipAttribute, thirdPartyAddress: peer }],
    ["read accept missing attribute", "ResponseItem", { "@type": "ReadAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456" }],
    ["create accept", "ResponseItem", { "@type": "CreateAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456" }],
    ["propose accept", "ResponseItem", { "@type": "ProposeAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: identityAttribute }],
    ["delete accept", "ResponseItem", { "@type": "DeleteAttributeAcceptResponseItem", result: "Accepted", deletionDate: "2030-05-06T07:08:09Z" }],
    ["delete accept date object", "ResponseItem", { "@type": "DeleteAttributeAcceptResponseItem", result: "Accepted", deletionDate: { date: "2030-05-06" } }],
    ["delete accept date true", "ResponseItem", { "@type": "DeleteAttributeAcceptResponseItem", result: "Accepted", deletionDate: true }],
    ["form accept string", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: "answer" }],
    ["form accept array", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: ["a", "b"] }],
    ["form accept number", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: 4.5 }],
    ["form accept empty string", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: "" }],
    ["form accept mixed array", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: ["a", 1] }],
    ["form accept object", "ResponseItem", { "@type": "FormFieldAcceptResponseItem", result: "Accepted", response: { a: 1 } }],
    ["transfer accept", "ResponseItem", { "@type": "TransferFileOwnershipAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: { ...identityAttribute, value: { "@type": "IdentityFileReference", value: fileReference } } }],
    ["transfer accept relationship attribute", "ResponseItem", { "@type": "TransferFileOwnershipAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: relationshipAttribute }],
    ["already shared accept", "ResponseItem", { "@type": "AttributeAlreadySharedAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456" }],
    ["succession accept", "ResponseItem", { "@type": "AttributeSuccessionAcceptResponseItem", result: "Accepted", predecessorId: "ATTabcdefghij0123456", successorId: "ATTabcdefghij6543210", successorContent: identityAttribute }],
    ["succession accept no content", "ResponseItem", { "@type": "AttributeSuccessionAcceptResponseItem", result: "Accepted", predecessorId: "ATTabcdefghij0123456", successorId: "ATTabcdefghij6543210" }],

    // ResponseWrapper
    ["wrapper message", "ResponseWrapper", { "@type": "ResponseWrapper", requestId: "REQabcdefghij0123456", requestSourceType: "Message", requestSourceReference: "MSGabcdefghij0123456", response: { "@type": "Response", result: "Accepted", requestId: "REQabcdefghij0123456", items: [accept] } }],
    ["wrapper template", "ResponseWrapper", { requestId: "REQabcdefghij0123456", requestSourceType: "RelationshipTemplate", requestSourceReference: "RLTabcdefghij0123456", response: { result: "Rejected", requestId: "REQabcdefghij0123456", items: [reject] } }],
    ["wrapper bad source type", "ResponseWrapper", { requestId: "REQabcdefghij0123456", requestSourceType: "Token", requestSourceReference: "TOKabcdefghij0123456", response: { result: "Accepted", requestId: "REQabcdefghij0123456", items: [accept] } }],
    ["wrapper response wrong class", "ResponseWrapper", { requestId: "REQabcdefghij0123456", requestSourceType: "Message", requestSourceReference: "MSGabcdefghij0123456", response: { "@type": "Request", items: [auth] } }],

    // Relationship contents
    ["template content", "RelationshipTemplateContent", { "@type": "RelationshipTemplateContent", title: "Welcome", metadata: { campaign: "x" }, onNewRelationship: { "@type": "Request", expiresAt: "2030-01-01T00:00:00.000Z", items: [item("ReadAttributeRequestItem", { query: identityQuery }), { "@type": "RequestItemGroup", items: [auth] }] }, onExistingRelationship: { items: [auth] } }],
    ["template content missing onNew", "RelationshipTemplateContent", { title: "x" }],
    ["template content onNew wrong class", "RelationshipTemplateContent", { onNewRelationship: { "@type": "Response", result: "Accepted", requestId: "REQabcdefghij0123456", items: [accept] } }],
    ["template content onNew number", "RelationshipTemplateContent", { onNewRelationship: 5 }],
    ["template content title 201", "RelationshipTemplateContent", { title: long(201), onNewRelationship: { items: [auth] } }],
    ["template content onExisting null", "RelationshipTemplateContent", { onNewRelationship: { items: [auth] }, onExistingRelationship: null }],
    ["creation content", "RelationshipCreationContent", { "@type": "RelationshipCreationContent", response: { result: "Accepted", requestId: "REQabcdefghij0123456", items: [{ "@type": "ReadAttributeAcceptResponseItem", result: "Accepted", attributeId: "ATTabcdefghij0123456", attribute: identityAttribute }] } }],
    ["creation content missing response", "RelationshipCreationContent", {}],

    // Notifications
    ["notification all items", "Notification", { "@type": "Notification", id: "NOTabcdefghij0123456", items: [
        { "@type": "PeerAttributeSucceededNotificationItem", predecessorId: "ATTabcdefghij0123456", successorId: "ATTabcdefghij6543210", successorContent: identityAttribute },
        { "@type": "OwnAttributeDeletedByOwnerNotificationItem", attributeId: "ATTabcdefghij0123456" },
        { "@type": "PeerRelationshipAttributeDeletedByPeerNotificationItem", attributeId: "ATTabcdefghij0123456" },
        { "@type": "ForwardedAttributeDeletedByPeerNotificationItem", attributeId: "ATTabcdefghij0123456" }
    ] }],
    ["notification missing id", "Notification", { items: [{ "@type": "OwnAttributeDeletedByOwnerNotificationItem", attributeId: "ATTabcdefghij0123456" }] }],
    ["notification empty items", "Notification", { id: "NOTabcdefghij0123456", items: [] }],
    ["notification item wrong class", "Notification", { id: "NOTabcdefghij0123456", items: [auth] }],
    ["notification item without @type", "Notification", { id: "NOTabcdefghij0123456", items: [{ attributeId: "x" }] }],
    ["notification item missing attributeId", "Notification", { id: "NOTabcdefghij0123456", items: [{ "@type": "ForwardedAttributeDeletedByPeerNotificationItem" }] }],
    ["notification succession without content", "Notification", { id: "NOTabcdefghij0123456", items: [{ "@type": "PeerAttributeSucceededNotificationItem", predecessorId: "ATTabcdefghij0123456", successorId: "ATTabcdefghij6543210" }] }],
    ["notification unknown item type", "Notification", { id: "NOTabcdefghij0123456", items: [{ "@type": "FooNotificationItem" }] }]
];

module.exports = cases.map(([name, kind, input]) => ({ name, kind, input }));
