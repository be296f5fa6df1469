import Testing
@testable import CouncilCore

@Suite struct SecretRedactorTests {
    @Test func keysAndKeyShapesAreHiddenButOrdinaryWordsAreNot() {
        let redactor = SecretRedactor(secrets: ["my-own-secret-value"])
        #expect(redactor.redact("got my-own-secret-value back") == "got [redacted] back")
        #expect(redactor.redact("Bearer abcdefgh then sk-or-v1-0123456789") == "[redacted] then [redacted]")
        #expect(redactor.redact("task-1234 and risk-free, ok") == "task-1234 and risk-free, ok")
        #expect(redactor.redact("key sk-abc***xyz was wrong") == "key [redacted] was wrong")
    }

    @Test func maskedKeyFragmentsAreHiddenInErrors() {
        let redactor = SecretRedactor(secrets: [])
        #expect(redactor.redact("Authentication Error, Invalid proxy server token passed. Received API Key = wron****efgh, Key Hash")
                == "Authentication Error, Invalid proxy server token passed. Received API Key = [redacted], Key Hash")
        #expect(redactor.redact("key ****wxyz and abcd**** rejected") == "key [redacted] and [redacted] rejected")
        #expect(redactor.redact("a ** b and x**y stay") == "a ** b and x**y stay", "short fragments are not keys")
        #expect(redactor.redactKnownSecrets("some**bold**") == "some**bold**", "answers keep their Markdown")
    }

    @Test func endpointSecretsIncludeCredentialHeadersAndURLCredentials() {
        let endpoint = ProviderEndpoint(name: "p", baseURL: "https://user:pass-word@example.com/v1?key=query-secret",
                                        apiKey: "the-api-key", headers: ["X-Api-Key": "header-secret", "X-Title": "council"])
        let secrets = Set(endpoint.secrets.compactMap { $0 })
        #expect(secrets.isSuperset(of: ["the-api-key", "user", "pass-word", "header-secret", "query-secret"]))
        #expect(!secrets.contains("council"), "an attribution header is not a secret")
    }
}
