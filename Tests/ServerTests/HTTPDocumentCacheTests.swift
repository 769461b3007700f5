import Hummingbird
import HummingbirdTesting
import Schema
import Testing
@testable import Server

/// Valid documents are parsed and validated once per text; invalid ones are rejected every time.
@Suite struct HTTPDocumentCacheTests {
    @Test func aRepeatedValidQueryIsAnsweredFromTheCachedDocument() async throws {
        let service = try HTTPTestService.make()
        let app = HyperpageHTTPServer(config: HTTPTestService.config(), service: service, metrics: HyperpageMetrics(),
                                      readiness: { ReadinessReport() }).makeApplication()
        try await app.test(.router) { client in
            let body = #"{"query":"query Q($n: String) { hello(name: $n) }","variables":{"n":"Ada"}}"#
            let first = try await client.postJSON(body)
            #expect(first.text == #"{"data":{"hello":"Hello, Ada!"}}"#)
            #expect(service.validDocuments.count == 1)
            let again = try await client.postJSON(#"{"query":"query Q($n: String) { hello(name: $n) }","variables":{"n":"Bo"}}"#)
            #expect(again.text == #"{"data":{"hello":"Hello, Bo!"}}"#)
            #expect(service.validDocuments.count == 1)
        }
    }

    @Test func anInvalidQueryIsNeverCachedAndAlwaysRejected() async throws {
        let service = try HTTPTestService.make()
        let app = HyperpageHTTPServer(config: HTTPTestService.config(), service: service, metrics: HyperpageMetrics(),
                                      readiness: { ReadinessReport() }).makeApplication()
        try await app.test(.router) { client in
            for _ in 0..<2 {
                let response = try await client.postJSON(#"{"query":"{ nope }"}"#)
                let json = try response.json()
                #expect(json[path: "errors", 0, "extensions", "code"]?.string == "GRAPHQL_VALIDATION_FAILED")
            }
            #expect(service.validDocuments.count == 0)
        }
    }

    @Test func theCacheIsBoundedAndSkipsLongTexts() throws {
        let cache = ValidatedDocumentCache(capacity: 2, maxTextBytes: 20)
        let doc = try parse(Source("{ a }"))
        cache.insert(doc, for: "{ a }")
        cache.insert(doc, for: "{ b }")
        #expect(cache.count == 2)
        cache.insert(doc, for: "{ c }")
        #expect(cache.count == 1)
        #expect(cache.document(for: "{ c }") != nil)
        cache.insert(doc, for: String(repeating: " ", count: 30) + "{ d }")
        #expect(cache.count == 1)
    }
}
