// Relationship templates with the official @nmshd/transport 7.0.0. stdin: one JSON request.
//   {"cmd":"seal","content":{…},"realm":"localhost"}
//       -> {content, secretKey, serializedTemplate, templator:{address, identity, …},
//           templateKey, templateKeypair}  (the steps of sendRelationshipTemplate)
//   {"cmd":"open","content":"…","secretKey":{…},"createdBy":"did:e:…","realm":"…"}
//       -> {identity, templateKey, content, contentType, addressMatchesKey, signedIsCanonical,
//           wrapperIsCanonical}  (decryptRelationshipTemplate; errors as {"error":{code,message}})
"use strict";
const { Serializable, crypto, transport, secretStore, newIdentity, loadTemplate, serve } = require("./relationship_common");

serve({
    async seal(request) {
        const templator = await newIdentity(request.realm);
        const secrets = secretStore();
        const templateKey = await secrets.createTemplateKey();
        const wrapper = transport.RelationshipTemplateContentWrapper.from({
            content: request.content,
            identity: templator.identity,
            templateKey
        });
        const secretKey = await transport.CoreCrypto.generateSecretKey();
        const serializedTemplate = wrapper.serialize();
        const signature = await templator.sign(crypto.CoreBuffer.fromUtf8(serializedTemplate));
        const signed = transport.RelationshipTemplateSigned.from({ deviceSignature: signature, serializedTemplate });
        const cipher = await transport.CoreCrypto.encrypt(crypto.CoreBuffer.fromUtf8(signed.serialize()), secretKey);
        return {
            content: cipher.toBase64(),
            secretKey: secretKey.toJSON(),
            serializedTemplate,
            templator: templator.toJSON(),
            templateKey: templateKey.toJSON(),
            templateKeypair: secrets.get(templateKey.id.toString()).toJSON()
        };
    },

    async open(request) {
        const loaded = await loadTemplate(request.content, request.secretKey, request.createdBy);
        // Re-serializing what was parsed must give the received text back, byte for byte.
        const key = crypto.CryptoSecretKey.fromJSON(request.secretKey);
        const signedText = (await transport.CoreCrypto.decrypt(crypto.CryptoCipher.fromBase64(request.content), key)).toUtf8();
        const signed = transport.RelationshipTemplateSigned.deserialize(signedText);
        const wrapper = transport.RelationshipTemplateContentWrapper.deserialize(signed.serializedTemplate);
        return {
            identity: loaded.identity.toJSON(),
            templateKey: loaded.templateKey.toJSON(),
            content: loaded.content.toJSON(),
            contentType: loaded.content.constructor.name,
            addressMatchesKey: await transport.IdentityUtil.checkAddress(loaded.identity.address, request.realm, loaded.identity.publicKey),
            signedIsCanonical: signed.serialize() === signedText,
            wrapperIsCanonical: wrapper.serialize() === signed.serializedTemplate
        };
    },

    async passwordHash(request) {
        const salt = crypto.CoreBuffer.fromBase64URL(request.salt);
        return { hash: (await transport.CoreCrypto.deriveHashOutOfPassword(request.password, salt)).toBase64() };
    }
});
