import Fakes
import Foundation
import Schema
import Testing

/// A configuration reload on one pod reaches the other (`POST /admin/reload`), and SIGHUP
/// reloads a pod's own file.
@Suite(.serialized) struct ClusterReloadTests {
    @Test func reloadOnOnePodChangesTheTTLsOfBoth() async throws {
        let h = try await ClusterHarness()
        let a = try h.startPod()
        let b = try h.startPod()
        #expect(try await ClusterHarness.eventually { try await a.cluster().pods.count == 2 })
        // Cached at first: the second query on B costs nothing.
        _ = try await b.graphQL(ClusterProcessTests.viewerQuery)
        let cachedStart = h.upstreamCalls
        _ = try await b.graphQL(ClusterProcessTests.viewerQuery)
        #expect(h.upstreamCalls == cachedStart)

        try h.editConfig(replacing: "default_ttl: 60s", with: "default_ttl: 0s")
        let refused = try await a.reload(adminToken: nil)
        #expect(refused.status == 403)
        let reloaded = try await a.reload(adminToken: ClusterHarness.adminToken)
        #expect(reloaded.status == 200, "\(reloaded.body)")
        #expect(reloaded.body["applied"] == .bool(true))
        #expect(reloaded.body["published"] == .bool(true))
        // Pod B re-read its file too: caching is off there, every query reaches the tool.
        let uncached = try await ClusterHarness.eventually {
            let before = h.upstreamCalls
            _ = try await b.graphQL(ClusterProcessTests.viewerQuery)
            return h.upstreamCalls > before
        }
        #expect(uncached)

        // SIGHUP on B alone: back to a 60s TTL on B.
        try h.editConfig(replacing: "default_ttl: 0s", with: "default_ttl: 60s")
        kill(b.process.processIdentifier, SIGHUP)
        let cachedAgain = try await ClusterHarness.eventually {
            _ = try await b.graphQL(ClusterProcessTests.viewerQuery)
            let before = h.upstreamCalls
            _ = try await b.graphQL(ClusterProcessTests.viewerQuery)
            return h.upstreamCalls == before
        }
        #expect(cachedAgain)
        #expect(b.process.isRunning)
        await h.stop()
    }

    @Test func aBrokenFileIsRefusedAndChangesNothing() async throws {
        let h = try await ClusterHarness()
        let a = try h.startPod()
        try h.editConfig(replacing: "default_ttl: 60s", with: "default_ttl: soon")
        let refused = try await a.reload(adminToken: ClusterHarness.adminToken)
        #expect(refused.status == 400)
        #expect(refused.body["applied"] == .bool(false))
        guard case .list(let problems)? = refused.body["problems"] else {
            Issue.record("no problems in \(refused.body)")
            return
        }
        #expect(problems.count == 1)
        // Still caching with the old TTL.
        _ = try await a.graphQL(ClusterProcessTests.viewerQuery)
        let before = h.upstreamCalls
        _ = try await a.graphQL(ClusterProcessTests.viewerQuery)
        #expect(h.upstreamCalls == before)
        await h.stop()
    }
}
