// The attribute values both sides are fed with (content_oracle.js for the content model,
// attributes_rest.js for the Connector REST API against the runtime's use cases). `expect` is the
// official @nmshd/runtime 7.0.0 decision for IdentityAttribute.from / RelationshipAttribute.from
// plus the character whitelist, so the list itself is checked: a case that no longer tests what
// its name says fails. Types newer than 7.0.0 carry `newerThan700: true`; the official 7.0.0
// rejects them as unknown, `expect` then states the decision of runtime 7.5's rules.
"use strict";

const x = (n, c = "x") => c.repeat(n);

const address = { recipient: "Anna Müller", street: "Hauptstraße", houseNo: "5a", zipCode: "10115", city: "Berlin", country: "DE" };

const identity = [
    // GivenName
    { name: "GivenName.plain", value: { "@type": "GivenName", value: "Anna" }, expect: "valid" },
    { name: "GivenName.trimmed", value: { "@type": "GivenName", value: "  Anna Maria \t" }, expect: "valid" },
    { name: "GivenName.umlautsAndHyphen", value: { "@type": "GivenName", value: "Zoë-Müller" }, expect: "valid" },
    { name: "GivenName.max100", value: { "@type": "GivenName", value: x(100) }, expect: "valid" },
    { name: "GivenName.empty", value: { "@type": "GivenName", value: "" }, expect: "valid" },
    { name: "GivenName.combiningSequence", value: { "@type": "GivenName", value: "C\u0328\u0306ristina" }, expect: "valid" },
    { name: "GivenName.tooLong", value: { "@type": "GivenName", value: x(101) }, expect: "invalid" },
    { name: "GivenName.number", value: { "@type": "GivenName", value: 5 }, expect: "invalid" },
    { name: "GivenName.missingValue", value: { "@type": "GivenName" }, expect: "invalid" },
    { name: "GivenName.extraProperty", value: { "@type": "GivenName", value: "Anna", nickname: "Annie" }, expect: "invalid" },
    { name: "GivenName.forbiddenCharacters", value: { "@type": "GivenName", value: "漢字" }, expect: "invalid" },
    { name: "GivenName.loneCombiningMark", value: { "@type": "GivenName", value: "A\u0301na" }, expect: "invalid" },
    // Surname
    { name: "Surname.umlaut", value: { "@type": "Surname", value: "Müller" }, expect: "valid" },
    { name: "Surname.apostrophe", value: { "@type": "Surname", value: "O'Brien" }, expect: "valid" },
    { name: "Surname.polish", value: { "@type": "Surname", value: "Łukasiewicz" }, expect: "valid" },
    { name: "Surname.tooLong", value: { "@type": "Surname", value: x(101, "ü") }, expect: "invalid" },
    { name: "Surname.null", value: { "@type": "Surname", value: null }, expect: "invalid" },
    { name: "Surname.array", value: { "@type": "Surname", value: ["Müller"] }, expect: "invalid" },
    { name: "Surname.controlCharacter", value: { "@type": "Surname", value: "Mül\u0007ler" }, expect: "invalid" },
    // DisplayName
    { name: "DisplayName.company", value: { "@type": "DisplayName", value: "ACME GmbH & Co. KG" }, expect: "valid" },
    { name: "DisplayName.title", value: { "@type": "DisplayName", value: "Dr. Anna Müller" }, expect: "valid" },
    { name: "DisplayName.max100Umlauts", value: { "@type": "DisplayName", value: x(100, "ä") }, expect: "valid" },
    { name: "DisplayName.tooLong", value: { "@type": "DisplayName", value: x(101) }, expect: "invalid" },
    { name: "DisplayName.object", value: { "@type": "DisplayName", value: {} }, expect: "invalid" },
    { name: "DisplayName.emoji", value: { "@type": "DisplayName", value: "Anna 🙂" }, expect: "invalid" },
    // EMailAddress
    { name: "EMailAddress.plain", value: { "@type": "EMailAddress", value: "anna@example.com" }, expect: "valid" },
    { name: "EMailAddress.plusAndSubdomain", value: { "@type": "EMailAddress", value: "a.b+c@mail.example.de" }, expect: "valid" },
    { name: "EMailAddress.umlautDomain", value: { "@type": "EMailAddress", value: "info@müller.de" }, expect: "valid" },
    { name: "EMailAddress.noTld", value: { "@type": "EMailAddress", value: "anna@example" }, expect: "invalid" },
    { name: "EMailAddress.tooShort", value: { "@type": "EMailAddress", value: "a@" }, expect: "invalid" },
    { name: "EMailAddress.space", value: { "@type": "EMailAddress", value: "anna @example.com" }, expect: "invalid" },
    { name: "EMailAddress.tooLong", value: { "@type": "EMailAddress", value: x(250) + "@x.de" }, expect: "invalid" },
    { name: "EMailAddress.leadingDot", value: { "@type": "EMailAddress", value: ".anna@example.com" }, expect: "invalid" },
    { name: "EMailAddress.oneLetterTld", value: { "@type": "EMailAddress", value: "anna@example.c" }, expect: "invalid" },
    // PhoneNumber
    { name: "PhoneNumber.international", value: { "@type": "PhoneNumber", value: "+49 30 1234567" }, expect: "valid" },
    { name: "PhoneNumber.brackets", value: { "@type": "PhoneNumber", value: "(030) 123-456" }, expect: "valid" },
    { name: "PhoneNumber.allSymbols", value: { "@type": "PhoneNumber", value: "0049/30/1#2*3x4[5]" }, expect: "valid" },
    { name: "PhoneNumber.tooShort", value: { "@type": "PhoneNumber", value: "12" }, expect: "invalid" },
    { name: "PhoneNumber.letters", value: { "@type": "PhoneNumber", value: "+49 abc" }, expect: "invalid" },
    { name: "PhoneNumber.tooLong", value: { "@type": "PhoneNumber", value: x(101, "1") }, expect: "invalid" },
    { name: "PhoneNumber.shortAfterTrim", value: { "@type": "PhoneNumber", value: "  12  " }, expect: "invalid" },
    // StreetAddress
    { name: "StreetAddress.full", value: { "@type": "StreetAddress", ...address }, expect: "valid" },
    { name: "StreetAddress.withState", value: { "@type": "StreetAddress", ...address, country: "US", state: "NY" }, expect: "valid" },
    { name: "StreetAddress.trimmedFields", value: { "@type": "StreetAddress", ...address, city: " Berlin ", recipient: " Anna " }, expect: "valid" },
    { name: "StreetAddress.unknownCountry", value: { "@type": "StreetAddress", ...address, country: "XX" }, expect: "invalid" },
    { name: "StreetAddress.lowerCaseCountry", value: { "@type": "StreetAddress", ...address, country: "de" }, expect: "invalid" },
    { name: "StreetAddress.missingHouseNo", value: { "@type": "StreetAddress", recipient: "A", street: "S", zipCode: "1", city: "C", country: "DE" }, expect: "invalid" },
    { name: "StreetAddress.streetTooLong", value: { "@type": "StreetAddress", ...address, street: x(101) }, expect: "invalid" },
    { name: "StreetAddress.recipientTooLong", value: { "@type": "StreetAddress", ...address, recipient: x(101) }, expect: "invalid" },
    { name: "StreetAddress.stateNumber", value: { "@type": "StreetAddress", ...address, state: 5 }, expect: "invalid" },
    // BirthDate
    { name: "BirthDate.plain", value: { "@type": "BirthDate", day: 1, month: 1, year: 1990 }, expect: "valid" },
    { name: "BirthDate.leapDay", value: { "@type": "BirthDate", day: 29, month: 2, year: 2000 }, expect: "valid" },
    { name: "BirthDate.oldest", value: { "@type": "BirthDate", day: 31, month: 12, year: 1 }, expect: "valid" },
    { name: "BirthDate.noLeapDay", value: { "@type": "BirthDate", day: 29, month: 2, year: 2001 }, expect: "invalid" },
    { name: "BirthDate.future", value: { "@type": "BirthDate", day: 1, month: 1, year: 2999 }, expect: "invalid" },
    { name: "BirthDate.dayZero", value: { "@type": "BirthDate", day: 0, month: 1, year: 2000 }, expect: "invalid" },
    { name: "BirthDate.month13", value: { "@type": "BirthDate", day: 1, month: 13, year: 2000 }, expect: "invalid" },
    { name: "BirthDate.fractionalDay", value: { "@type": "BirthDate", day: 1.5, month: 1, year: 2000 }, expect: "invalid" },
    { name: "BirthDate.dayString", value: { "@type": "BirthDate", day: "1", month: 1, year: 2000 }, expect: "invalid" },
    { name: "BirthDate.yearZero", value: { "@type": "BirthDate", day: 1, month: 1, year: 0 }, expect: "invalid" },
    { name: "BirthDate.april31", value: { "@type": "BirthDate", day: 31, month: 4, year: 1980 }, expect: "invalid" },
    // CommunicationLanguage
    { name: "CommunicationLanguage.de", value: { "@type": "CommunicationLanguage", value: "de" }, expect: "valid" },
    { name: "CommunicationLanguage.en", value: { "@type": "CommunicationLanguage", value: "en" }, expect: "valid" },
    { name: "CommunicationLanguage.zu", value: { "@type": "CommunicationLanguage", value: "zu" }, expect: "valid" },
    { name: "CommunicationLanguage.upperCase", value: { "@type": "CommunicationLanguage", value: "DE" }, expect: "invalid" },
    { name: "CommunicationLanguage.threeLetters", value: { "@type": "CommunicationLanguage", value: "deu" }, expect: "invalid" },
    { name: "CommunicationLanguage.unknown", value: { "@type": "CommunicationLanguage", value: "xx" }, expect: "invalid" },
    // Sex
    { name: "Sex.male", value: { "@type": "Sex", value: "male" }, expect: "valid" },
    { name: "Sex.female", value: { "@type": "Sex", value: "female" }, expect: "valid" },
    { name: "Sex.intersex", value: { "@type": "Sex", value: "intersex" }, expect: "valid" },
    { name: "Sex.capitalized", value: { "@type": "Sex", value: "Male" }, expect: "invalid" },
    { name: "Sex.other", value: { "@type": "Sex", value: "other" }, expect: "invalid" },
    { name: "Sex.empty", value: { "@type": "Sex", value: "" }, expect: "invalid" },
    // Nationality, Citizenship
    { name: "Nationality.DE", value: { "@type": "Nationality", value: "DE" }, expect: "valid" },
    { name: "Nationality.US", value: { "@type": "Nationality", value: "US" }, expect: "valid" },
    { name: "Nationality.ZW", value: { "@type": "Nationality", value: "ZW" }, expect: "valid" },
    { name: "Nationality.lowerCase", value: { "@type": "Nationality", value: "de" }, expect: "invalid" },
    { name: "Nationality.unknown", value: { "@type": "Nationality", value: "XX" }, expect: "invalid" },
    { name: "Nationality.alpha3", value: { "@type": "Nationality", value: "DEU" }, expect: "invalid" },
    { name: "Citizenship.AT", value: { "@type": "Citizenship", value: "AT" }, expect: "valid" },
    { name: "Citizenship.CH", value: { "@type": "Citizenship", value: "CH" }, expect: "valid" },
    { name: "Citizenship.paddedDE", value: { "@type": "Citizenship", value: "DE" }, expect: "valid" },
    { name: "Citizenship.ZZ", value: { "@type": "Citizenship", value: "ZZ" }, expect: "invalid" },
    { name: "Citizenship.empty", value: { "@type": "Citizenship", value: "" }, expect: "invalid" },
    { name: "Citizenship.number", value: { "@type": "Citizenship", value: 276 }, expect: "invalid" },
    // every other identity type
    { name: "Affiliation.full", value: { "@type": "Affiliation", organization: "ACME", role: "CEO", unit: "Board" }, expect: "valid" },
    { name: "Affiliation.roleTooLong", value: { "@type": "Affiliation", organization: "ACME", role: x(101) }, expect: "invalid" },
    { name: "BirthName.plain", value: { "@type": "BirthName", value: "Schmidt" }, expect: "valid" },
    { name: "BirthPlace.full", value: { "@type": "BirthPlace", city: "Köln", country: "DE", state: "NRW" }, expect: "valid" },
    { name: "BirthPlace.badCountry", value: { "@type": "BirthPlace", city: "Köln", country: "Germany" }, expect: "invalid" },
    { name: "DeliveryBoxAddress.full", value: { "@type": "DeliveryBoxAddress", recipient: "Anna", userId: "u1", deliveryBoxId: "b2", zipCode: "10115", city: "Berlin", country: "DE", phoneNumber: "+49 30 1" }, expect: "valid" },
    { name: "DeliveryBoxAddress.badPhone", value: { "@type": "DeliveryBoxAddress", recipient: "Anna", userId: "u1", deliveryBoxId: "b2", zipCode: "10115", city: "Berlin", country: "DE", phoneNumber: "ab" }, expect: "invalid" },
    { name: "FaxNumber.plain", value: { "@type": "FaxNumber", value: "+49 30 7654321" }, expect: "valid" },
    { name: "FaxNumber.letters", value: { "@type": "FaxNumber", value: "fax me" }, expect: "invalid" },
    { name: "HonorificPrefix.plain", value: { "@type": "HonorificPrefix", value: "Prof. Dr." }, expect: "valid" },
    { name: "HonorificSuffix.plain", value: { "@type": "HonorificSuffix", value: "MBA" }, expect: "valid" },
    { name: "IdentityFileReference.plain", value: { "@type": "IdentityFileReference", value: "RklMQUJDREVGR0hJSktMTU5PUFFSU1RVVg==" }, expect: "valid" },
    { name: "IdentityFileReference.tooShort", value: { "@type": "IdentityFileReference", value: "short" }, expect: "invalid" },
    { name: "JobTitle.plain", value: { "@type": "JobTitle", value: "Senior Engineer" }, expect: "valid" },
    { name: "MiddleName.plain", value: { "@type": "MiddleName", value: "Maria" }, expect: "valid" },
    { name: "PostOfficeBoxAddress.full", value: { "@type": "PostOfficeBoxAddress", recipient: "Anna", boxId: "PF 12 34", zipCode: "10115", city: "Berlin", country: "DE" }, expect: "valid" },
    { name: "PostOfficeBoxAddress.missingBoxId", value: { "@type": "PostOfficeBoxAddress", recipient: "Anna", zipCode: "10115", city: "Berlin", country: "DE" }, expect: "invalid" },
    { name: "Pseudonym.plain", value: { "@type": "Pseudonym", value: "annie" }, expect: "valid" },
    { name: "Website.full", value: { "@type": "Website", value: "https://www.example.com/path/to" }, expect: "valid" },
    { name: "Website.bareDomain", value: { "@type": "Website", value: "example.de" }, expect: "valid" },
    { name: "Website.withPort", value: { "@type": "Website", value: "http://shop.example.com:8080/a?b=c" }, expect: "valid" },
    { name: "Website.singleLabel", value: { "@type": "Website", value: "http://localhost" }, expect: "invalid" },
    { name: "Website.dotInPath", value: { "@type": "Website", value: "https://example.com/index.html" }, expect: "invalid" },
    { name: "Website.wwwOnly", value: { "@type": "Website", value: "www.de" }, expect: "invalid" },
    { name: "SchematizedXML.withSchema", value: { "@type": "SchematizedXML", value: "<a>b</a>", schemaURL: "https://example.com/schema.xsd" }, expect: "valid" },
    { name: "SchematizedXML.badSchemaURL", value: { "@type": "SchematizedXML", value: "<a/>", schemaURL: "no" }, expect: "invalid" },
    { name: "SchematizedXML.tooLong", value: { "@type": "SchematizedXML", value: x(50001) }, expect: "invalid" },
    // not identity values
    { name: "Unknown.type", value: { "@type": "Foo", value: "x" }, expect: "invalid" },
    { name: "Unknown.relationshipType", value: { "@type": "ProprietaryString", title: "t", value: "x" }, expect: "invalid" },
    { name: "Unknown.noType", value: { value: "x" }, expect: "invalid" },
    // newer than 7.0.0 (runtime 7.5 rules)
    { name: "BankAccount.ibanOnly", value: { "@type": "BankAccount", accountHolder: "Anna Müller", iban: "DE89370400440532013000" }, expect: "valid", newerThan700: true },
    { name: "BankAccount.withBic", value: { "@type": "BankAccount", accountHolder: "Anna Müller", iban: "DE89370400440532013000", bic: "COBADEFFXXX" }, expect: "valid", newerThan700: true },
    { name: "BankAccount.gb", value: { "@type": "BankAccount", accountHolder: "J. Smith", iban: "GB29NWBK60161331926819", bic: "NWBKGB2L" }, expect: "valid", newerThan700: true },
    { name: "BankAccount.wrongChecksum", value: { "@type": "BankAccount", accountHolder: "Anna", iban: "DE89370400440532013001" }, expect: "invalid", newerThan700: true },
    { name: "BankAccount.wrongLength", value: { "@type": "BankAccount", accountHolder: "Anna", iban: "DE8937040044053201300" }, expect: "invalid", newerThan700: true },
    { name: "BankAccount.badBic", value: { "@type": "BankAccount", accountHolder: "Anna", iban: "DE89370400440532013000", bic: "COBA DEFF" }, expect: "invalid", newerThan700: true },
    { name: "BankAccount.unknownCountry", value: { "@type": "BankAccount", accountHolder: "Anna", iban: "XX89370400440532013000" }, expect: "invalid", newerThan700: true },
    { name: "MaritalStatus.single", value: { "@type": "MaritalStatus", value: "single" }, expect: "valid", newerThan700: true },
    { name: "MaritalStatus.capitalized", value: { "@type": "MaritalStatus", value: "Married" }, expect: "invalid", newerThan700: true },
    { name: "SchematizedJSON.object", value: { "@type": "SchematizedJSON", value: { a: [1, 2] } }, expect: "valid", newerThan700: true },
    { name: "VerifiableCredential.jwt", value: { "@type": "VerifiableCredential", value: "eyJhbGciOiJFUzI1NiJ9.e30.sig", type: "jwt_vc_json" }, expect: "valid", newerThan700: true }
];

const owner = "did:e:localhost:dids:0123456789abcdef012345";
const rel = (value, extra = {}) => ({ key: "customerNumber", confidentiality: "protected", ...extra, value });

const relationship = [
    // ProprietaryString
    { name: "ProprietaryString.plain", attribute: rel({ "@type": "ProprietaryString", title: "Customer number", value: "K-4711" }), expect: "valid" },
    { name: "ProprietaryString.withDescription", attribute: rel({ "@type": "ProprietaryString", title: "Tarif", description: "Ihr aktueller Tarif", value: "Öko 100" }), expect: "valid" },
    { name: "ProprietaryString.freeTextTitle", attribute: rel({ "@type": "ProprietaryString", title: "顧客番号", value: "K-1" }), expect: "valid" },
    { name: "ProprietaryString.valueTooLong", attribute: rel({ "@type": "ProprietaryString", title: "t", value: x(101) }), expect: "invalid" },
    { name: "ProprietaryString.titleTooLong", attribute: rel({ "@type": "ProprietaryString", title: x(101), value: "v" }), expect: "invalid" },
    { name: "ProprietaryString.descriptionTooLong", attribute: rel({ "@type": "ProprietaryString", title: "t", description: x(1001), value: "v" }), expect: "invalid" },
    { name: "ProprietaryString.missingTitle", attribute: rel({ "@type": "ProprietaryString", value: "v" }), expect: "invalid" },
    { name: "ProprietaryString.forbiddenValue", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "漢" }), expect: "invalid" },
    { name: "ProprietaryString.valueHints", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "a", valueHintsOverride: { min: 1, max: 5, values: [{ key: "a", displayName: "A" }, { key: 2, displayName: "B" }], propertyHints: { x: { max: 3 } }, defaultValue: "a", editHelp: "help", pattern: "^a$" } }), expect: "valid" },
    { name: "ProprietaryString.emptyValueHints", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "a", valueHintsOverride: {} }), expect: "valid" },
    { name: "ProprietaryString.badValueHintsItem", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "a", valueHintsOverride: { values: [{ key: {}, displayName: "A" }] } }), expect: "invalid" },
    // ProprietaryBoolean
    { name: "ProprietaryBoolean.true", attribute: rel({ "@type": "ProprietaryBoolean", title: "Newsletter", value: true }), expect: "valid" },
    { name: "ProprietaryBoolean.false", attribute: rel({ "@type": "ProprietaryBoolean", title: "Newsletter", value: false }), expect: "valid" },
    { name: "ProprietaryBoolean.technical", attribute: rel({ "@type": "ProprietaryBoolean", title: "Flag", description: "d", value: true }, { isTechnical: true }), expect: "valid" },
    { name: "ProprietaryBoolean.string", attribute: rel({ "@type": "ProprietaryBoolean", title: "t", value: "true" }), expect: "invalid" },
    { name: "ProprietaryBoolean.number", attribute: rel({ "@type": "ProprietaryBoolean", title: "t", value: 1 }), expect: "invalid" },
    { name: "ProprietaryBoolean.missingValue", attribute: rel({ "@type": "ProprietaryBoolean", title: "t" }), expect: "invalid" },
    // ProprietaryInteger
    { name: "ProprietaryInteger.positive", attribute: rel({ "@type": "ProprietaryInteger", title: "Points", value: 5 }), expect: "valid" },
    { name: "ProprietaryInteger.negative", attribute: rel({ "@type": "ProprietaryInteger", title: "Balance", value: -3 }), expect: "valid" },
    { name: "ProprietaryInteger.zeroAsFloat", attribute: rel({ "@type": "ProprietaryInteger", title: "Zero", value: 0.0 }), expect: "valid" },
    { name: "ProprietaryInteger.fraction", attribute: rel({ "@type": "ProprietaryInteger", title: "t", value: 1.5 }), expect: "invalid" },
    { name: "ProprietaryInteger.string", attribute: rel({ "@type": "ProprietaryInteger", title: "t", value: "5" }), expect: "invalid" },
    { name: "ProprietaryInteger.null", attribute: rel({ "@type": "ProprietaryInteger", title: "t", value: null }), expect: "invalid" },
    // ProprietaryFloat
    { name: "ProprietaryFloat.fraction", attribute: rel({ "@type": "ProprietaryFloat", title: "Rate", value: 1.5 }), expect: "valid" },
    { name: "ProprietaryFloat.zero", attribute: rel({ "@type": "ProprietaryFloat", title: "Rate", value: 0 }), expect: "valid" },
    { name: "ProprietaryFloat.exponent", attribute: rel({ "@type": "ProprietaryFloat", title: "Big", value: -2.25e21 }), expect: "valid" },
    { name: "ProprietaryFloat.string", attribute: rel({ "@type": "ProprietaryFloat", title: "t", value: "1.5" }), expect: "invalid" },
    { name: "ProprietaryFloat.boolean", attribute: rel({ "@type": "ProprietaryFloat", title: "t", value: true }), expect: "invalid" },
    { name: "ProprietaryFloat.nullDescription", attribute: rel({ "@type": "ProprietaryFloat", title: "t", description: null, value: 1 }), expect: "invalid" },
    // ProprietaryJSON
    { name: "ProprietaryJSON.object", attribute: rel({ "@type": "ProprietaryJSON", title: "Data", value: { z: 1, a: [true, null, "ü"], n: { "@type": "X" } } }), expect: "valid" },
    { name: "ProprietaryJSON.array", attribute: rel({ "@type": "ProprietaryJSON", title: "Data", value: [1, 2.5, "x"] }), expect: "valid" },
    { name: "ProprietaryJSON.string", attribute: rel({ "@type": "ProprietaryJSON", title: "Data", value: "plain" }), expect: "valid" },
    { name: "ProprietaryJSON.tooLong", attribute: rel({ "@type": "ProprietaryJSON", title: "t", value: { a: x(4100) } }), expect: "invalid" },
    { name: "ProprietaryJSON.null", attribute: rel({ "@type": "ProprietaryJSON", title: "t", value: null }), expect: "invalid" },
    { name: "ProprietaryJSON.missing", attribute: rel({ "@type": "ProprietaryJSON", title: "t" }), expect: "invalid" },
    // Consent
    { name: "Consent.plain", attribute: rel({ "@type": "Consent", consent: "I agree to the terms." }), expect: "valid" },
    { name: "Consent.withLink", attribute: rel({ "@type": "Consent", consent: "I agree.", link: "https://example.com/terms" }), expect: "valid" },
    { name: "Consent.withLinkText", attribute: rel({ "@type": "Consent", consent: "I agree.", link: "HTTPS://Example.com/AGB", linkDisplayText: "AGB" }), expect: "valid" },
    { name: "Consent.textWithoutLink", attribute: rel({ "@type": "Consent", consent: "I agree.", linkDisplayText: "AGB" }), expect: "invalid" },
    { name: "Consent.badLink", attribute: rel({ "@type": "Consent", consent: "I agree.", link: "not a link" }), expect: "invalid" },
    { name: "Consent.tooLong", attribute: rel({ "@type": "Consent", consent: x(10001) }), expect: "invalid" },
    { name: "Consent.shortLinkText", attribute: rel({ "@type": "Consent", consent: "c", link: "https://x.de", linkDisplayText: "ab" }), expect: "invalid" },
    // every other relationship type
    { name: "ProprietaryCountry.plain", attribute: rel({ "@type": "ProprietaryCountry", title: "Country", value: "AT" }), expect: "valid" },
    { name: "ProprietaryCountry.bad", attribute: rel({ "@type": "ProprietaryCountry", title: "Country", value: "Austria" }), expect: "invalid" },
    { name: "ProprietaryEMailAddress.plain", attribute: rel({ "@type": "ProprietaryEMailAddress", title: "Mail", value: "kunde@example.com" }), expect: "valid" },
    { name: "ProprietaryEMailAddress.bad", attribute: rel({ "@type": "ProprietaryEMailAddress", title: "Mail", value: "kunde" }), expect: "invalid" },
    { name: "ProprietaryFileReference.plain", attribute: rel({ "@type": "ProprietaryFileReference", title: "File", value: x(30, "A") }), expect: "valid" },
    { name: "ProprietaryHEXColor.short", attribute: rel({ "@type": "ProprietaryHEXColor", title: "Color", value: "#fA0" }), expect: "valid" },
    { name: "ProprietaryHEXColor.long", attribute: rel({ "@type": "ProprietaryHEXColor", title: "Color", value: "#00ff7F" }), expect: "valid" },
    { name: "ProprietaryHEXColor.bad", attribute: rel({ "@type": "ProprietaryHEXColor", title: "Color", value: "#12345" }), expect: "invalid" },
    { name: "ProprietaryLanguage.plain", attribute: rel({ "@type": "ProprietaryLanguage", title: "Lang", value: "fr" }), expect: "valid" },
    { name: "ProprietaryLanguage.bad", attribute: rel({ "@type": "ProprietaryLanguage", title: "Lang", value: "fra" }), expect: "invalid" },
    { name: "ProprietaryPhoneNumber.plain", attribute: rel({ "@type": "ProprietaryPhoneNumber", title: "Hotline", value: "0800 123" }), expect: "valid" },
    { name: "ProprietaryURL.plain", attribute: rel({ "@type": "ProprietaryURL", title: "Portal", value: "https://portal.example.com/login" }), expect: "valid" },
    { name: "ProprietaryURL.bad", attribute: rel({ "@type": "ProprietaryURL", title: "Portal", value: "https://portal" }), expect: "invalid" },
    { name: "ProprietaryXML.plain", attribute: rel({ "@type": "ProprietaryXML", title: "Doc", value: "<x/>", schemaURL: "https://example.com/x.xsd" }), expect: "valid" },
    // the RelationshipAttribute itself
    { name: "RelationshipAttribute.keyTooLong", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "v" }, { key: x(101) }), expect: "invalid" },
    { name: "RelationshipAttribute.badConfidentiality", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "v" }, { confidentiality: "secret" }), expect: "invalid" },
    { name: "RelationshipAttribute.technicalString", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "v" }, { isTechnical: "yes" }), expect: "invalid" },
    { name: "RelationshipAttribute.private", attribute: rel({ "@type": "ProprietaryString", title: "t", value: "v" }, { confidentiality: "private", isTechnical: false }), expect: "valid" },
    { name: "RelationshipAttribute.identityValue", attribute: rel({ "@type": "GivenName", value: "Anna" }), expect: "invalid" }
];

// Identity cases with tags. Their forms (x:, urn:, language:, mimetype:, bkb:) are checked by the
// use cases, not the content model: `restExpect` is the decision of the REST API.
const tagged = [
    { name: "Tags.custom", value: { "@type": "GivenName", value: "Tagged" }, tags: ["x:favourite", "X:Other", "urn:example:a"], expect: "valid" },
    { name: "Tags.languageAndMime", value: { "@type": "EMailAddress", value: "tags@example.com" }, tags: ["language:de", "mimetype:text/plain"], expect: "valid" },
    { name: "Tags.duplicate", value: { "@type": "GivenName", value: "Dup" }, tags: ["x:a", "x:a"], expect: "invalid" },
    { name: "Tags.tooMany", value: { "@type": "GivenName", value: "Many" }, tags: Array.from({ length: 21 }, (_, i) => `x:${i}`), expect: "invalid" },
    { name: "Tags.unknownForm", value: { "@type": "GivenName", value: "Unknown" }, tags: ["favourite"], expect: "valid", restExpect: "invalid" },
    { name: "Tags.unknownLanguage", value: { "@type": "GivenName", value: "Lang" }, tags: ["language:xx"], expect: "valid", restExpect: "invalid" },
    { name: "Tags.backboneTagNotInCollection", value: { "@type": "GivenName", value: "Bkb" }, tags: ["bkb:private"], expect: "valid", restExpect: "invalid" },
    { name: "Tags.notStrings", value: { "@type": "GivenName", value: "Num" }, tags: [1], expect: "invalid" }
];

module.exports = { identity, relationship, tagged, owner };
