// Token contents with the official @nmshd/transport 7.0.0. stdin: one JSON request.
//   {"cmd":"seal","content":{…}}  -> {content, secretKey, serialized}
//       (runtime CreateOwnToken: Serializable.fromUnknown, then TokenController.sendToken's steps)
//   {"cmd":"open","content":"…","secretKey":{…}}  -> {type, json, serialized, templateId?, secretKey?}
//       (TokenController.decryptTokenContent; errors as {"error":{code,message}})
"use strict";
const { Serializable, crypto, transport, silentLog, serve } = require("./relationship_common");

serve({
    async seal(request) {
        const content = Serializable.fromUnknown(request.content);
        const serialized = content.serialize();
        const secretKey = await transport.CoreCrypto.generateSecretKey();
        const cipher = await transport.CoreCrypto.encrypt(crypto.CoreBuffer.fromUtf8(serialized), secretKey);
        return { content: cipher.toBase64(), secretKey: secretKey.toJSON(), serialized };
    },

    async open(request) {
        const key = crypto.CryptoSecretKey.fromJSON(request.secretKey);
        const content = await transport.TokenController.prototype.decryptTokenContent.call(
            { log: silentLog },
            { id: "TOKaaaaaaaaaaaaaaaaa", content: request.content },
            key
        );
        const result = { type: content.constructor.name, json: content.toJSON(), serialized: content.serialize() };
        if (content instanceof transport.TokenContentRelationshipTemplate) {
            result.templateId = content.templateId.toString();
            result.secretKey = content.secretKey.toJSON();
            result.forIdentity = content.forIdentity?.toString();
            result.salt = content.passwordProtection?.salt.toBase64URL();
        }
        if (content instanceof transport.TokenContentFile) {
            result.fileId = content.fileId.toString();
            result.secretKey = content.secretKey.toJSON();
        }
        return result;
    }
});
