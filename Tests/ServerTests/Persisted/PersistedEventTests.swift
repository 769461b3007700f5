import Foundation
import Postgres
import Testing
@testable import Server

/// `hyperpage persisted add|remove` tells every pod sharing the Redis (`hp:events`), so a removed
/// trusted document stops running at once instead of when the pod's memo expires (a minute).
@Suite struct PersistedEventTests {
    @Test func aRemovalReachesAPodThroughRedisAtOnce() async throws {
        try await StoreTestDatabase.run { database in
            let redisURL = try PodProcess.redisURL(database: 13)
            let site = try await PersistedTestSite.make(database, persistedOnly: true, redisURL: redisURL)
            let pod = try site.assembly()
            do {
                try await removal(site, pod, redisURL: redisURL)
            } catch {
                await PersistedQueryPostgresTests.stop(pod, site: site)
                throw error
            }
            await PersistedQueryPostgresTests.stop(pod, site: site)
        }
    }

    func removal(_ site: PersistedTestSite, _ pod: ServerAssembly, redisURL: String) async throws {
        let events = try #require(pod.cluster.services.first { $0 is ClusterEvents })
        let listening = Task { try await events.run() }
        defer { listening.cancel() }
        // The pod is subscribed once a publication reaches a receiver.
        var subscribed = false
        for _ in 0..<100 where !subscribed {
            if case .success(let receivers) = await OneShotClusterEvent.publish(.persisted, redisURL: redisURL, from: "test"),
               receivers > 0 {
                subscribed = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(subscribed)

        let file = try site.file("tools.graphql", PersistedTestSite.toolsQuery)
        let added = await site.cli("add", "--config", site.configPath, file)
        #expect(added.status == 0)
        #expect(added.stderr == "")
        let request = try PersistedQueryUnitTests.request(persistedBody(PersistedTestSite.toolsQuery, hashOnly: true))
        guard case .run = await pod.server.persistedQueries.resolve(request) else {
            Issue.record("the registered document did not run")
            return
        }
        let removed = await site.cli("remove", "--config", site.configPath, PersistedTestSite.toolsHash)
        #expect(removed.status == 0)
        #expect(removed.stderr == "")
        // Without the event the pod's memo would keep running it for a minute.
        var refused = false
        for _ in 0..<100 where !refused {
            if case .refused = await pod.server.persistedQueries.resolve(request) {
                refused = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(refused, "the pod still ran a removed document 10 s after the removal")
    }

    @Test func anUnreachableRedisIsAWarningNotAFailure() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: true, redisURL: "redis://127.0.0.1:9")
            let file = try site.file("tools.graphql", PersistedTestSite.toolsQuery)
            let added = await site.cli("add", "--config", site.configPath, file)
            await site.pool.shutdown()
            #expect(added.status == 0)
            #expect(added.stdoutText == "\(PersistedTestSite.toolsHash)  \(file)\n")
            #expect(added.stderr.hasPrefix("hyperpage: warning: the pods were not told through Redis (REDIS_"))
        }
    }
}
