import Foundation
import Logging
import Redis
import Testing
@testable import Server

/// `LeaderElection` against the test Redis (database 9, used by nothing else): one leader at a
/// time, fencing tokens that grow with each leadership, and compare-and-act refusing a former
/// leader.
@Suite(.serialized) struct LeaderElectionTests {
    static func client() throws -> RedisClient {
        let url = try PodProcess.redisURL(database: 9)
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }

    @Test func oneLeaderAtATimeAndAFormerLeaderIsFenced() async throws {
        let client = try Self.client()
        do {
            try await fencing(client)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    func fencing(_ client: RedisClient) async throws {
        _ = try await client.send(["DEL", LeaderElection.leaseKey, LeaderElection.fenceKey])
        let logger = Logger(label: "test")
        let a = LeaderElection(identity: PodIdentity(id: "pod-a", startedAt: 1), client: client, lease: .seconds(30), logger: logger)
        let b = LeaderElection(identity: PodIdentity(id: "pod-b", startedAt: 2), client: client, lease: .seconds(30), logger: logger)
        try await a.step()
        try await b.step()
        let tokenA = try #require(a.currentToken())
        #expect(b.currentToken() == nil)
        #expect(await a.confirm(tokenA))
        #expect(!(await b.confirm(tokenA)))
        // Renewal keeps the same token.
        try await a.step()
        #expect(a.currentToken() == tokenA)

        // The lease vanishes (as when it expires after a crash): B takes over with a larger token.
        _ = try await client.send(["DEL", LeaderElection.leaseKey])
        try await b.step()
        let tokenB = try #require(b.currentToken())
        #expect(tokenB > tokenA)
        // A still believes it leads until it talks to Redis, but compare-and-act refuses it…
        #expect(!(await a.confirm(tokenA)))
        // …and its next renewal ends its leadership.
        try await a.step()
        #expect(a.currentToken() == nil)
        #expect(await b.confirm(tokenB))
    }
}
