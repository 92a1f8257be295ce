// Relationship creation with the official @nmshd/transport 7.0.0 (RelationshipsController and
// RelationshipSecretController methods run over an in-memory secret store). stdin: one JSON request.
//   {"cmd":"requestorPrepare","template":{content,secretKey,id,createdBy},"content":{…},"realm":…}
//       loads the template like the official loader, then prepareCreationContent
//       -> {creationContent, requestSecrets, requestor:{address, identity, devicePublicKey, …}}
//   {"cmd":"requestorComplete","requestSecrets":{…},"creationResponseContent":"…","payload":"…"}
//       the official conversion (convertSecrets of the public response) plus a check of the
//       response's relationship signature; then encrypts `payload`
//       -> {secrets, relationshipId, responseSignatureValid, responseIsCanonical, cipher}
//   {"cmd":"templatorRespond","templateKeypair":{…},"templateKeyId":…,"creationContent":"…",
//    "requestorAddress":…,"requestorDevicePublicKey":{…},"relationshipId":…,"payload":"…","realm":…}
//       createTemplatorSecrets + decryptCreationContent + prepareCreationResponseContent
//       -> {creationResponseContent, identity, content, templateId, deviceSignatureValid,
//           creationContentIsCanonical, secrets, cipher}
//   {"cmd":"decryptPeer","secrets":{…},"cipher":"…"} -> {plaintext}
// Errors of the official code come back as {"error":{code,message}}.
"use strict";
const { crypto, coreTypes, transport, silentLog, secretStore, newIdentity, loadTemplate, serve } = require("./relationship_common");

const secretId = "TRPRSEaaaaaaaaaaaaaa";

function controller(secrets, self) {
    return {
        log: silentLog,
        secrets,
        parent: {
            identity: { identity: self?.identity, isMe: (address) => self?.identity.address.equals(address) ?? false },
            activeDevice: { sign: (buffer) => self.deviceSign(buffer) }
        }
    };
}

const utf8 = (text) => crypto.CoreBuffer.fromUtf8(text);

serve({
    async requestorPrepare(request) {
        const loaded = await loadTemplate(request.template.content, request.template.secretKey, request.template.createdBy);
        const template = { id: coreTypes.CoreId.from(request.template.id), ...loaded };
        const requestor = await newIdentity(request.realm);
        const secrets = secretStore();
        const cipher = await transport.RelationshipsController.prototype.prepareCreationContent.call(
            controller(secrets, requestor),
            coreTypes.CoreId.from(secretId),
            template,
            request.content
        );
        return {
            creationContent: cipher.toBase64(),
            requestSecrets: secrets.get(secretId).toJSON(),
            requestor: requestor.toJSON()
        };
    },

    async requestorComplete(request) {
        const secrets = secretStore();
        await secrets.storeSecret(crypto.CryptoRelationshipRequestSecrets.from(request.requestSecrets), secretId);
        const responseCipher = transport.RelationshipCreationResponseContentCipher.fromBase64(request.creationResponseContent);
        await secrets.convertSecrets(coreTypes.CoreId.from(secretId), responseCipher.publicCreationResponseContentCrypto);
        const relationshipSecrets = secrets.get(secretId);
        if (!(relationshipSecrets instanceof crypto.CryptoRelationshipSecrets)) throw new Error("secrets were not converted");

        // Not done by the official requestor: open the response on a copy and check its signature.
        const probe = crypto.CryptoRelationshipSecrets.from(relationshipSecrets.toJSON());
        const signedText = (await probe.decryptPeer(responseCipher.cipher, true)).toUtf8();
        const signed = transport.RelationshipCreationResponseContentSigned.deserialize(signedText);
        const wrapper = transport.RelationshipCreationResponseContentWrapper.deserialize(signed.serializedCreationResponseContent);

        const cipher = await relationshipSecrets.encrypt(utf8(request.payload));
        return {
            secrets: relationshipSecrets.toJSON(),
            relationshipId: wrapper.relationshipId.toString(),
            responseSignatureValid: await relationshipSecrets.verifyPeer(utf8(signed.serializedCreationResponseContent), signed.relationshipSignature),
            responseIsCanonical: responseCipher.toBase64() === request.creationResponseContent &&
                signed.serialize(false) === signedText &&
                wrapper.serialize() === signed.serializedCreationResponseContent,
            cipher: cipher.toBase64()
        };
    },

    async templatorRespond(request) {
        const templator = await newIdentity(request.realm);
        const secrets = secretStore();
        await secrets.storeSecret(crypto.CryptoExchangeKeypair.fromJSON(request.templateKeypair), request.templateKeyId);
        const self = controller(secrets, templator);
        const template = { templateKey: { id: coreTypes.CoreId.from(request.templateKeyId) } };

        // createNewRelationshipByIncomingCreation without the Backbone and the database.
        const creationCipher = transport.RelationshipCreationContentCipher.fromBase64(request.creationContent);
        await secrets.createTemplatorSecrets(coreTypes.CoreId.from(secretId), template, creationCipher.publicCreationContentCrypto);
        const creationContent = await transport.RelationshipsController.prototype.decryptCreationContent.call(
            self,
            request.creationContent,
            coreTypes.CoreAddress.from(request.requestorAddress),
            coreTypes.CoreId.from(secretId)
        );

        // The device signature, which the official templator cannot check, with the key we were given.
        const signedText = (await secrets.get(secretId).decryptRequest(creationCipher.cipher)).toUtf8();
        const signed = transport.RelationshipCreationContentSigned.deserialize(signedText);
        const devicePublicKey = crypto.CryptoSignaturePublicKey.fromJSON(request.requestorDevicePublicKey);

        const creationResponseContent = await transport.RelationshipsController.prototype.prepareCreationResponseContent.call(
            self,
            { relationshipSecretId: coreTypes.CoreId.from(secretId), id: coreTypes.CoreId.from(request.relationshipId) }
        );
        const relationshipSecrets = secrets.get(secretId);
        const cipher = await relationshipSecrets.encrypt(utf8(request.payload));
        return {
            creationResponseContent,
            identity: creationContent.identity.toJSON(),
            content: creationContent.content.toJSON(),
            contentType: creationContent.content.constructor.name,
            templateId: creationContent.templateId.toString(),
            addressMatchesKey: await transport.IdentityUtil.checkAddress(creationContent.identity.address, request.realm, creationContent.identity.publicKey),
            deviceSignatureValid: await transport.CoreCrypto.verify(utf8(signed.serializedCreationContent), signed.deviceSignature, devicePublicKey),
            creationContentIsCanonical: creationCipher.toBase64() === request.creationContent &&
                signed.serialize(false) === signedText &&
                transport.RelationshipCreationContentWrapper.deserialize(signed.serializedCreationContent).serialize() === signed.serializedCreationContent,
            secrets: relationshipSecrets.toJSON(),
            cipher: cipher.toBase64()
        };
    },

    async decryptPeer(request) {
        const secrets = crypto.CryptoRelationshipSecrets.from(request.secrets);
        const plain = await secrets.decryptPeer(crypto.CryptoCipher.fromBase64(request.cipher), true);
        return { plaintext: plain.toUtf8() };
    }
});
