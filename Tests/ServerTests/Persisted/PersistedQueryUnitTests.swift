import Foundation
import Schema
import Synchronization
import Testing
@testable import Server

/// The pieces without HTTP or a database: reading the extension, the memo's lifetime and bound,
/// the in-process store's bounds, the trusted-only gate, and the configuration key.
@Suite struct PersistedQueryUnitTests {
    static let hash = PersistedQueryHTTPTests.helloHash

    static func request(_ json: String) throws -> GraphQLRequest {
        let value = try JSONParser.parse(json)
        do { return try GraphQLRequest(json: value) } catch {
            Issue.record("malformed: \(error.message)")
            throw error
        }
    }

    @Test func theExtensionIsReadFromBodiesAndURLs() throws {
        let body = try Self.request(#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(Self.hash.uppercased())"}}}"#)
        #expect(body.query == nil)
        #expect(body.persistedQuery == PersistedQueryReference(sha256: Self.hash))
        let url = try GraphQLRequest(urlParameters: [
            ("extensions", #"{"persistedQuery":{"version":1.0,"sha256Hash":"\#(Self.hash)"}}"#), ("operationName", "Q")])
        #expect(url.query == nil)
        #expect(url.operationName == "Q")
        #expect(url.persistedQuery?.sha256 == Self.hash)
        let plain = try Self.request(#"{"query":"{ hello }","extensions":{"persistedQuery":null}}"#)
        #expect(plain.persistedQuery == nil)
        #expect(throws: MalformedRequest.self) { try GraphQLRequest(urlParameters: [("extensions", "{}")]) }
    }

    @Test func theMemoForgetsAfterItsLifetimeAndEmptiesWhenFull() {
        let now = Mutex(ContinuousClock.now)
        let memo = PersistedQueryMemo(capacity: 2, ttl: .seconds(60), clock: { now.withLock { $0 } })
        let doc = PersistedDocument(text: "{ hello }", trusted: true)
        memo.insert(doc, sha256: "a")
        now.withLock { $0 += .seconds(59) }
        #expect(memo.document(sha256: "a") == doc)
        now.withLock { $0 += .seconds(1) }
        #expect(memo.document(sha256: "a") == nil)
        #expect(memo.count == 0)
        memo.insert(doc, sha256: "a")
        memo.insert(doc, sha256: "b")
        memo.insert(doc, sha256: "c")
        #expect(memo.count == 1)
        #expect(memo.document(sha256: "c") == doc)
    }

    @Test func theInProcessStoreDropsItsOldestAutomaticRegistrations() async throws {
        let store = MemoryPersistedQueryStore(capacity: 2, maxBytes: 1000)
        try await store.trust([("t", "{ trusted }")])
        #expect(try await store.register(sha256: "a", text: "{ a }"))
        #expect(try await store.register(sha256: "b", text: "{ b }"))
        #expect(try await store.list().map(\.sha256) == ["t", "b"])
        #expect(try await store.document(sha256: "t")?.trusted == true)
        #expect(try await store.list().first?.lastUsedAt != nil)
        let small = MemoryPersistedQueryStore(capacity: 10, maxBytes: 8)
        #expect(try await small.register(sha256: "a", text: "{ a }"))
        #expect(try await !small.register(sha256: "b", text: "{ bbbbbbbb }"))
        #expect(try await small.list().map(\.sha256) == ["a"])
        #expect(try await small.remove(sha256: "a"))
        #expect(try await !small.remove(sha256: "a"))
    }

    @Test func trustedOnlyRefusesEverythingElseWithoutRegistering() async throws {
        let store = MemoryPersistedQueryStore()
        try await store.trust([(Self.hash, "{ hello }")])
        try await store.register(sha256: DocumentHash.of("{ tags }"), text: "{ tags }")
        let gate = PersistedQueries(store: store, trustedOnly: true, memoize: false)
        for json in [#"{"query":"{ hello }"}"#,
                     #"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(Self.hash)"}}}"#] {
            guard case .run(let request, let register) = await gate.resolve(try Self.request(json)) else {
                Issue.record("refused \(json)")
                continue
            }
            #expect(request.query == "{ hello }")
            #expect(register == nil)
        }
        for json in [#"{"query":"{ tags }"}"#, #"{"query":"{ users { id } }"}"#,
                     #"{"query":"{ users { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(DocumentHash.of("{ users { id } }"))"}}}"#] {
            guard case .refused(.rejected(let result, _)) = await gate.resolve(try Self.request(json)) else {
                Issue.record("not refused: \(json)")
                continue
            }
            #expect(result.errors.first?.code == "PERSISTED_QUERY_NOT_TRUSTED")
        }
        await gate.register(sha256: DocumentHash.of("{ users { id } }"), text: "{ users { id } }")
        #expect(try await store.list().count == 2)
    }

    @Test func persistedOnlyNeedsADatabase() {
        #expect(configProblems("graphql:\n  persisted_only: true\n")
            == ["2:19: graphql.persisted_only: trusted documents need a database: set database.url (and register them with hyperpage persisted add)"])
        #expect(configProblems("graphql:\n  persisted_only: true\ndatabase:\n  url: postgres://db/hyperpage\n") == [])
        #expect(configProblems("graphql:\n  persisted_only: sometimes\n")
            == ["2:19: graphql.persisted_only: expected true or false, got 'sometimes'"])
        var config = HyperpageConfig()
        config.graphql.persistedOnly = true
        #expect(throws: ConfigError.self) {
            try ServerAssembly.makePersistedQueries(config: config, database: nil, metrics: HyperpageMetrics(),
                                                    logger: .init(label: "test"))
        }
    }
}
