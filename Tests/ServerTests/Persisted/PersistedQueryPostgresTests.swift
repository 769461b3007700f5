import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Schema
import Testing
@testable import Server

/// Persisted queries in a real PostgreSQL, over real HTTP: automatic registrations shared by two
/// servers, what is never stored, the trusted-documents mode with documents registered by
/// `hyperpage persisted add`, and how `last_used_at` is kept.
@Suite struct PersistedQueryPostgresTests {
    // MARK: Automatic persisted queries shared by two servers

    @Test func aRegistrationOnOneServerServesTheOther() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: false)
            let first = try site.assembly()
            let second = try site.assembly()
            do {
                try await first.server.makeApplication().test(.live) { a in
                    try await second.server.makeApplication().test(.live) { b in
                        try await self.sharedRoundTrip(a, b, site: site)
                    }
                }
                #expect(second.metrics.exposition().contains(#"hyperpage_persisted_queries_total{result="hit"} 1"#))
                #expect(first.metrics.exposition().contains(#"hyperpage_persisted_queries_total{result="registered"} 1"#))
            } catch {
                await Self.stop(first, second, site)
                throw error
            }
            await Self.stop(first, second, site)
        }
    }

    func sharedRoundTrip(_ a: any TestClientProtocol, _ b: any TestClientProtocol, site: PersistedTestSite) async throws {
        let query = PersistedTestSite.toolsQuery
        #expect(DocumentHash.of(query) == PersistedTestSite.toolsHash)

        let unknown = try await a.postJSON(persistedBody(query, hashOnly: true))
        #expect(unknown.status == .badRequest)
        #expect(try unknown.errorCode() == "PERSISTED_QUERY_NOT_FOUND")
        #expect(try unknown.json()[path: "errors", 0, "message"]?.string == "PersistedQueryNotFound")
        let unknownOnB = try await b.postJSON(persistedBody(query, hashOnly: true))
        #expect(try unknownOnB.errorCode() == "PERSISTED_QUERY_NOT_FOUND")

        let registered = try await a.postJSON(persistedBody(query, hashOnly: false))
        #expect(registered.status == .ok)
        #expect(try registered.json()[path: "data", "tools", 0, "slug"]?.string == "github")
        let row = try await site.row(PersistedTestSite.toolsHash)
        #expect(row?.trusted == false)
        #expect(row?.used == true)

        let again = try await a.postJSON(persistedBody(query, hashOnly: true))
        #expect(again.status == .ok)
        #expect(again.text == registered.text)

        // The second server never saw the text: it reads it from PostgreSQL.
        let onB = try await b.postJSON(persistedBody(query, hashOnly: true))
        #expect(onB.status == .ok)
        #expect(onB.text == registered.text)
        #expect(try await site.count() == 1)
    }

    @Test func invalidDocumentsAndMismatchedHashesAreNeverStored() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: false)
            let server = try site.assembly()
            do {
                try await server.server.makeApplication().test(.live) { client in
                    try await self.neverStored(client, site: site)
                }
            } catch {
                await Self.stop(server, site)
                throw error
            }
            await Self.stop(server, site)
        }
    }

    func neverStored(_ client: any TestClientProtocol, site: PersistedTestSite) async throws {
        let invalid = "{ tools { nope } }"
        let response = try await client.postJSON(persistedBody(invalid, hashOnly: false))
        #expect(response.status == .badRequest)
        #expect(try response.errorCode() == "GRAPHQL_VALIDATION_FAILED")
        #expect(try await site.row(DocumentHash.of(invalid)) == nil)

        let unparsable = "{ tools { slug }"
        let broken = try await client.postJSON(persistedBody(unparsable, hashOnly: false))
        #expect(try broken.errorCode() == "GRAPHQL_PARSE_FAILED")

        var mismatched = ObjectValue([("query", .string(PersistedTestSite.toolsQuery))])
        mismatched["extensions"] = .object(ObjectValue([("persistedQuery", .object(ObjectValue([
            ("version", .int(1)), ("sha256Hash", .string(DocumentHash.of("{ other }")))])))]))
        let mismatch = try await client.postJSON(String(decoding: JSONSerializer.serialize(.object(mismatched)), as: UTF8.self))
        #expect(mismatch.status == .badRequest)
        #expect(try mismatch.errorCode() == "PERSISTED_QUERY_HASH_MISMATCH")

        let badVersion = try await client.postJSON(
            #"{"query":"{ tools { slug } }","extensions":{"persistedQuery":{"version":3,"sha256Hash":"\#(PersistedTestSite.toolsHash)"}}}"#)
        #expect(badVersion.status == .badRequest)
        #expect(try badVersion.errorCode() == "PERSISTED_QUERY_VERSION_NOT_SUPPORTED")

        let malformed = try await client.postJSON(#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":false}}}"#)
        #expect(malformed.status == .badRequest)
        #expect(try malformed.errorCode() == "BAD_REQUEST")
        #expect(try malformed.json()[path: "errors", 0, "message"]?.string?.contains("extensions.persistedQuery.sha256Hash") == true)
        #expect(try await site.count() == 0)
    }

    // MARK: Trusted documents

    @Test func trustedModeRunsOnlyDocumentsRegisteredWithTheCommandLine() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: true)
            let file = try site.file("tools.graphql", PersistedTestSite.toolsQuery)
            let added = await site.cli("add", "--config", site.configPath, file)
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdoutText == "\(PersistedTestSite.toolsHash)  \(file)\n")
            // A document registered by automatic persisted queries before the switch is not trusted.
            let apqOnly = "{ rateLimits { tool } }"
            try await PostgresPersistedQueryStore(pool: site.pool).register(sha256: DocumentHash.of(apqOnly), text: apqOnly)
            let server = try site.assembly()
            do {
                try await server.server.makeApplication().test(.live) { client in
                    try await self.trustedOnly(client, site: site, apqOnly: apqOnly)
                }
                let exposition = server.metrics.exposition()
                #expect(exposition.contains(#"hyperpage_persisted_queries_total{result="not_trusted"} 5"#))
                #expect(exposition.contains(#"hyperpage_persisted_queries_total{result="hit"} 4"#))
            } catch {
                await Self.stop(server, site)
                throw error
            }
            await Self.stop(server, site)
        }
    }

    func trustedOnly(_ client: any TestClientProtocol, site: PersistedTestSite, apqOnly: String) async throws {
        let stranger = "{ cluster { answeredBy } }"
        for body in [plainBody(stranger), persistedBody(stranger, hashOnly: true), persistedBody(stranger, hashOnly: false),
                     persistedBody(apqOnly, hashOnly: true), plainBody(apqOnly)] {
            let refused = try await client.postJSON(body)
            #expect(refused.status == .badRequest)
            #expect(try refused.errorCode() == "PERSISTED_QUERY_NOT_TRUSTED", "\(body)")
            #expect(try refused.json()[path: "data"] == nil)
        }
        // The registration attempt stored nothing.
        #expect(try await site.row(DocumentHash.of(stranger)) == nil)
        #expect(try await site.count() == 2)

        let expected = #"{"data":{"tools":[{"slug":"github"},{"slug":"gitlab"},{"slug":"jira"},{"slug":"code_reviews"},{"slug":"ci_cd"},{"slug":"ticketing"}]}}"#
        for body in [persistedBody(PersistedTestSite.toolsQuery, hashOnly: true), plainBody(PersistedTestSite.toolsQuery),
                     persistedBody(PersistedTestSite.toolsQuery, hashOnly: false)] {
            let accepted = try await client.postJSON(body)
            #expect(accepted.status == .ok)
            #expect(accepted.text == expected)
        }
        let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(PersistedTestSite.toolsHash)"}}"#
        let get = try await client.getGraphQL([("extensions", extensions)])
        #expect(get.text == expected)
    }

    // MARK: The store

    @Test func lastUsedIsWrittenAtMostOncePerInterval() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: false)
            do {
                try await lastUsed(site)
            } catch {
                await site.pool.shutdown()
                throw error
            }
            await site.pool.shutdown()
        }
    }

    func lastUsed(_ site: PersistedTestSite) async throws {
        let store = PostgresPersistedQueryStore(pool: site.pool, touchInterval: .seconds(60))
        let hash = PersistedTestSite.toolsHash
        #expect(try await store.register(sha256: hash, text: PersistedTestSite.toolsQuery))
        #expect(try await !store.register(sha256: hash, text: PersistedTestSite.toolsQuery))
        func lastUsed() async throws -> Date? {
            try await site.pool.query("SELECT last_used_at FROM persisted_queries WHERE sha256 = \(hash)").rows.first?.decode("last_used_at")
        }
        // Used 10 s ago: a read leaves it alone.
        try await site.pool.query("UPDATE persisted_queries SET last_used_at = now() - interval '10 seconds' WHERE sha256 = \(hash)")
        let recent = try await lastUsed()
        #expect(try await store.document(sha256: hash) == PersistedDocument(text: PersistedTestSite.toolsQuery, trusted: false))
        #expect(try await lastUsed() == recent)
        // Used two minutes ago, or never: a read records the use.
        try await site.pool.query("UPDATE persisted_queries SET last_used_at = now() - interval '2 minutes' WHERE sha256 = \(hash)")
        let old = try #require(try await lastUsed())
        _ = try await store.document(sha256: hash)
        let touched = try #require(try await lastUsed())
        #expect(touched.timeIntervalSince(old) > 100)
        try await site.pool.query("UPDATE persisted_queries SET last_used_at = NULL WHERE sha256 = \(hash)")
        _ = try await store.document(sha256: hash)
        #expect(try await lastUsed() != nil)
        #expect(try await store.document(sha256: String(repeating: "b", count: 64)) == nil)

        // Trusting upgrades an automatic registration; registering never downgrades.
        try await store.trust([(hash, PersistedTestSite.toolsQuery)])
        #expect(try await site.row(hash)?.trusted == true)
        #expect(try await !store.register(sha256: hash, text: PersistedTestSite.toolsQuery))
        #expect(try await store.document(sha256: hash)?.trusted == true)
    }

    @Test func aHotHashIsAnsweredFromThePodsMemo() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: false)
            do {
                try await memo(site)
            } catch {
                await site.pool.shutdown()
                throw error
            }
            await site.pool.shutdown()
        }
    }

    func memo(_ site: PersistedTestSite) async throws {
        let store = PostgresPersistedQueryStore(pool: site.pool)
        try await store.register(sha256: PersistedTestSite.toolsHash, text: PersistedTestSite.toolsQuery)
        let pod = PersistedQueries(store: store)
        let request = try PersistedQueryUnitTests.request(persistedBody(PersistedTestSite.toolsQuery, hashOnly: true))
        guard case .run(let first, _) = await pod.resolve(request) else { Issue.record("not found"); return }
        #expect(first.query == PersistedTestSite.toolsQuery)
        // Gone from the table: this pod still answers from its memo, without asking the database…
        try await site.pool.query("DELETE FROM persisted_queries")
        guard case .run(let second, _) = await pod.resolve(request) else { Issue.record("the memo was not used"); return }
        #expect(second.query == PersistedTestSite.toolsQuery)
        // …while a pod that never read it asks, and finds nothing.
        guard case .refused(.rejected(let result, _)) = await PersistedQueries(store: store).resolve(request) else {
            Issue.record("a fresh pod found a deleted document")
            return
        }
        #expect(result.errors.first?.code == "PERSISTED_QUERY_NOT_FOUND")
    }

    static func stop(_ assemblies: ServerAssembly..., site: PersistedTestSite) async {
        for assembly in assemblies { await assembly.shutdown() }
        await site.pool.shutdown()
    }

    static func stop(_ first: ServerAssembly, _ second: ServerAssembly, _ site: PersistedTestSite) async {
        await stop(first, second, site: site)
    }

    static func stop(_ only: ServerAssembly, _ site: PersistedTestSite) async {
        await stop(only, site: site)
    }
}
