import Hummingbird
import HummingbirdTesting
import Logging
import Schema
import Testing
@testable import Server

/// Automatic persisted queries through the HTTP stack with the in-process store (no database):
/// the protocol as Apollo clients speak it, its errors, and the metrics.
@Suite struct PersistedQueryHTTPTests {
    /// `printf '%s' '{ hello }' | sha256sum`
    static let helloHash = "001c3174e099bd72b729d0c0a529ba9f5a740c446e2a6e1d71b283cb84ec3065"

    static func body(query: String? = nil, hash: String = helloHash, version: String = "1") -> String {
        var members: [String] = []
        if let query { members.append(#""query":"\#(query)""#) }
        members.append(#""extensions":{"persistedQuery":{"version":\#(version),"sha256Hash":"\#(hash)"}}"#)
        return "{" + members.joined(separator: ",") + "}"
    }

    static func app(store: MemoryPersistedQueryStore, metrics: HyperpageMetrics = HyperpageMetrics()) throws -> some ApplicationProtocol {
        let persisted = PersistedQueries(store: store, memoize: false, metrics: metrics)
        var logger = Logger(label: "hyperpage.http.test")
        logger.logLevel = .warning
        return HyperpageHTTPServer(config: HTTPTestService.config(), service: try HTTPTestService.make(), metrics: metrics,
                                   readiness: { ReadinessReport() }, logger: logger, persistedQueries: persisted).makeApplication()
    }

    @Test func theHashOfTheTextIsTheOneApolloClientsSend() {
        #expect(DocumentHash.of("{ hello }") == Self.helloHash)
        #expect(DocumentHash.normalized(Self.helloHash.uppercased()) == Self.helloHash)
        #expect(DocumentHash.normalized(String(Self.helloHash.dropLast())) == nil)
        #expect(DocumentHash.normalized(String(Self.helloHash.dropLast()) + "g") == nil)
    }

    // MARK: The round trip

    @Test func aHashIsUnknownThenRegisteredWithItsTextThenEnoughAlone() async throws {
        let store = MemoryPersistedQueryStore()
        let metrics = HyperpageMetrics()
        try await Self.app(store: store, metrics: metrics).test(.router) { client in
            try await roundTrip(client, store: store)
        }
        let exposition = metrics.exposition()
        // Misses: the unknown hash twice (both media types), then the request that registered it.
        #expect(exposition.contains(#"hyperpage_persisted_queries_total{result="miss"} 3"#))
        #expect(exposition.contains(#"hyperpage_persisted_queries_total{result="registered"} 1"#))
        #expect(exposition.contains(#"hyperpage_persisted_queries_total{result="hit"} 2"#))
    }

    func roundTrip(_ client: any TestClientProtocol, store: MemoryPersistedQueryStore) async throws {
        let unknown = try await client.postJSON(Self.body())
        #expect(unknown.status == .badRequest)
        let error = try unknown.json()[path: "errors", 0]
        #expect(error?[path: "message"]?.string == "PersistedQueryNotFound")
        #expect(error?[path: "extensions", "code"]?.string == "PERSISTED_QUERY_NOT_FOUND")
        #expect(try unknown.json()[path: "data"] == nil)

        // Over application/json the same error comes with 200 (Apollo reads it either way).
        let unknownJSON = try await client.postJSON(Self.body(), accept: "application/json")
        #expect(unknownJSON.status == .ok)
        #expect(try unknownJSON.json()[path: "errors", 0, "extensions", "code"]?.string == "PERSISTED_QUERY_NOT_FOUND")

        let registered = try await client.postJSON(Self.body(query: "{ hello }"))
        #expect(registered.status == .ok)
        #expect(registered.text == #"{"data":{"hello":"Hello, world!"}}"#)
        #expect(try await store.document(sha256: Self.helloHash) == PersistedDocument(text: "{ hello }", trusted: false))

        let byHash = try await client.postJSON(Self.body())
        #expect(byHash.text == #"{"data":{"hello":"Hello, world!"}}"#)

        // Apollo's useGETForHashedQueries: the hash in the `extensions` URL parameter.
        let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(Self.helloHash)"}}"#
        let get = try await client.getGraphQL([("extensions", extensions)])
        #expect(get.status == .ok)
        #expect(get.text == #"{"data":{"hello":"Hello, world!"}}"#)
    }

    @Test func hashesWorkInsideABatch() async throws {
        let store = MemoryPersistedQueryStore()
        try await store.register(sha256: Self.helloHash, text: "{ hello }")
        try await Self.app(store: store).test(.router) { client in
            let response = try await client.postJSON("[\(Self.body()),\(Self.body(hash: String(repeating: "a", count: 64)))]")
            #expect(response.status == .ok)
            let json = try response.json()
            #expect(json[path: 0, "data", "hello"]?.string == "Hello, world!")
            #expect(json[path: 1, "errors", 0, "extensions", "code"]?.string == "PERSISTED_QUERY_NOT_FOUND")
        }
    }

    // MARK: Refusals

    @Test func aHashThatIsNotTheTextsIsRefusedAndNothingIsStored() async throws {
        let store = MemoryPersistedQueryStore()
        try await Self.app(store: store).test(.router) { client in
            let wrong = String(repeating: "0", count: 64)
            for accept in ["application/graphql-response+json", "application/json"] {
                let response = try await client.postJSON(Self.body(query: "{ hello }", hash: wrong), accept: accept)
                #expect(response.status == .badRequest)
                #expect(try response.json()[path: "errors", 0, "extensions", "code"]?.string == "PERSISTED_QUERY_HASH_MISMATCH")
            }
        }
        #expect(try await store.list().isEmpty)
    }

    @Test func anotherVersionIsRefusedWithItsCode() async throws {
        try await Self.app(store: MemoryPersistedQueryStore()).test(.router) { client in
            let response = try await client.postJSON(Self.body(query: "{ hello }", version: "2"))
            #expect(response.status == .badRequest)
            let error = try response.json()[path: "errors", 0]
            #expect(error?[path: "extensions", "code"]?.string == "PERSISTED_QUERY_VERSION_NOT_SUPPORTED")
            #expect(error?[path: "message"]?.string?.contains("version 2") == true)
            let get = try await client.getGraphQL([("extensions", #"{"persistedQuery":{"version":2,"sha256Hash":"\#(Self.helloHash)"}}"#)])
            #expect(get.status == .badRequest)
            #expect(try get.json()[path: "errors", 0, "extensions", "code"]?.string == "PERSISTED_QUERY_VERSION_NOT_SUPPORTED")
        }
    }

    @Test(arguments: [
        (#"{"extensions":{"persistedQuery":"abc"}}"#, "extensions.persistedQuery"),
        (#"{"extensions":{"persistedQuery":{"sha256Hash":"\#(helloHash)"}}}"#, "extensions.persistedQuery.version"),
        (#"{"extensions":{"persistedQuery":{"version":"1","sha256Hash":"\#(helloHash)"}}}"#, "extensions.persistedQuery.version"),
        (#"{"extensions":{"persistedQuery":{"version":1}}}"#, "extensions.persistedQuery.sha256Hash"),
        (#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":42}}}"#, "extensions.persistedQuery.sha256Hash"),
        (#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}"#, "extensions.persistedQuery.sha256Hash"),
    ])
    func aMalformedExtensionNamesTheField(body: String, field: String) async throws {
        try await Self.app(store: MemoryPersistedQueryStore()).test(.router) { client in
            let response = try await client.postJSON(body, accept: "application/json")
            #expect(response.status == .badRequest)
            let error = try response.json()[path: "errors", 0]
            #expect(error?[path: "extensions", "code"]?.string == "BAD_REQUEST")
            #expect(error?[path: "message"]?.string?.contains("\"\(field)\"") == true)
        }
    }

    @Test func anInvalidDocumentWithItsHashIsRejectedAndNeverStored() async throws {
        let store = MemoryPersistedQueryStore()
        let metrics = HyperpageMetrics()
        try await Self.app(store: store, metrics: metrics).test(.router) { client in
            for text in ["{ nope }", "{ hello "] {
                let response = try await client.postJSON(Self.body(query: text, hash: DocumentHash.of(text)))
                #expect(response.status == .badRequest)
                let code = try response.json()[path: "errors", 0, "extensions", "code"]?.string
                #expect(code == "GRAPHQL_VALIDATION_FAILED" || code == "GRAPHQL_PARSE_FAILED")
                let again = try await client.postJSON(Self.body(hash: DocumentHash.of(text)))
                #expect(try again.json()[path: "errors", 0, "extensions", "code"]?.string == "PERSISTED_QUERY_NOT_FOUND")
            }
        }
        #expect(try await store.list().isEmpty)
        #expect(!metrics.exposition().contains(#"result="registered""#))
    }

    @Test func aRequestWithNeitherQueryNorHashIsStillMalformed() async throws {
        try await Self.app(store: MemoryPersistedQueryStore()).test(.router) { client in
            let response = try await client.postJSON(#"{"extensions":{}}"#)
            #expect(response.status == .badRequest)
            #expect(try response.json()[path: "errors", 0, "message"]?.string?.contains("no \"query\"") == true)
        }
    }
}
