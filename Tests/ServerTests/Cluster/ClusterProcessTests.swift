import Fakes
import Foundation
import Schema
import Testing

/// Two `hyperpage serve` processes sharing a redis-server: membership, one leader, failover,
/// invalidation over pub/sub, a shared cache, and riding out a Redis outage.
@Suite(.serialized) struct ClusterProcessTests {
    static let viewerQuery = "{ github { viewer { login } } }"

    @Test func bothPodsAppearWithExactlyOneLeaderAndLeadershipMovesWhenTheLeaderDies() async throws {
        let h = try await ClusterHarness()
        let a = try h.startPod()
        let b = try h.startPod()
        var seen: (pods: [String], flagged: [String], leader: String?) = ([], [], nil)
        let formed = try await ClusterHarness.eventually {
            seen = try await a.cluster()
            let other = try await b.cluster()
            return seen.pods.count == 2 && seen.flagged.count == 1 && seen.leader == seen.flagged.first
                && other.leader == seen.leader && Set(other.pods) == Set(seen.pods)
        }
        #expect(formed, "cluster as pod A sees it: \(seen)")
        let leaderID = try #require(seen.leader)
        #expect(Set(seen.pods) == Set([a.podID, b.podID].compactMap { $0 }))
        let (leader, survivor) = a.podID == leaderID ? (a, b) : (b, a)
        #expect(leader.podID == leaderID)
        leader.kill(signal: SIGKILL)

        var after: (pods: [String], flagged: [String], leader: String?) = ([], [], nil)
        let moved = try await ClusterHarness.eventually {
            after = try await survivor.cluster()
            return after.leader != nil && after.leader != leaderID && after.pods == [after.leader!]
                && after.flagged == after.pods
        }
        #expect(moved, "after SIGKILL of the leader the survivor sees: \(after)")
        await h.stop()
    }

    @Test func invalidateCacheOnOnePodMakesTheOtherRefetchAndPodsShareTheCache() async throws {
        let h = try await ClusterHarness()
        let a = try h.startPod()
        let b = try h.startPod()
        let start = h.upstreamCalls
        let first = try await a.graphQL(Self.viewerQuery)
        #expect(first["errors"] == nil, "\(first)")
        let afterA = h.upstreamCalls
        #expect(afterA > start)
        // The same query on the other pod is answered from the shared cache.
        let second = try await b.graphQL(Self.viewerQuery)
        #expect(second["data"] == first["data"])
        #expect(h.upstreamCalls == afterA)

        let refused = try await a.graphQL("mutation { invalidateCache(tool: GITHUB) { podsNotified } }")
        #expect(firstErrorCode(refused) == "FORBIDDEN", "\(refused)")
        let wrongToken = try await a.graphQL("mutation { invalidateCache(tool: GITHUB) { podsNotified } }", adminToken: "nope")
        #expect(firstErrorCode(wrongToken) == "FORBIDDEN")
        #expect(h.upstreamCalls == afterA)

        // Both pods subscribe shortly after start: wait until the event reaches both.
        var result: Value = .null
        let notified = try await ClusterHarness.eventually {
            result = try await a.graphQL("mutation { invalidateCache(tool: GITHUB) { tool sharedEntriesRemoved podsNotified } }",
                                         adminToken: ClusterHarness.adminToken)
            return result["data"]?["invalidateCache"]?["podsNotified"] == .int(2)
        }
        #expect(notified, "\(result)")
        #expect(result["data"]?["invalidateCache"]?["sharedEntriesRemoved"] == .bool(true))
        #expect(result["data"]?["invalidateCache"]?["tool"] == .string("GITHUB"))
        let third = try await b.graphQL(Self.viewerQuery)
        #expect(third["data"] == first["data"])
        #expect(h.upstreamCalls > afterA, "pod B refetched after the invalidation")
        await h.stop()
    }

    @Test func podsKeepAnsweringWithoutRedisAndResumeCachingWhenItReturns() async throws {
        let h = try await ClusterHarness()
        let a = try h.startPod()
        let b = try h.startPod()
        let formed = try await ClusterHarness.eventually { try await a.cluster().pods.count == 2 }
        #expect(formed)

        h.redis.kill()
        for pod in [a, b] {
            let answer = try await pod.graphQL(Self.viewerQuery)
            #expect(answer["data"]?["github"]?["viewer"]?["login"] == .string(FakeDataset.standard.github.viewer.login), "\(answer)")
        }
        var readiness: Value = .null
        let degraded = try await ClusterHarness.eventually {
            readiness = try await a.readiness()
            return readiness["status"] == .string("degraded") && check(readiness, "cache")?["status"] == .string("degraded")
                && check(readiness, "cluster")?["status"] == .string("degraded")
        }
        #expect(degraded, "\(readiness)")

        try h.redis.start()
        // Heartbeats and election resume by themselves: both pods and a leader again.
        let reformed = try await ClusterHarness.eventually {
            let seen = try await b.cluster()
            return seen.pods.count == 2 && seen.leader != nil
        }
        #expect(reformed)
        // Caching resumes: a repeated query stops reaching the fake.
        let cached = try await ClusterHarness.eventually {
            _ = try await a.graphQL(Self.viewerQuery)
            let before = h.upstreamCalls
            _ = try await a.graphQL(Self.viewerQuery)
            _ = try await b.graphQL(Self.viewerQuery)
            return h.upstreamCalls == before
        }
        #expect(cached)
        let ready = try await ClusterHarness.eventually {
            readiness = try await a.readiness()
            return check(readiness, "cluster")?["status"] == .string("ok")
        }
        #expect(ready, "\(readiness)")
        await h.stop()
    }
}

/// The `/readyz` check called `name`.
func check(_ report: Value, _ name: String) -> Value? {
    guard case .list(let checks)? = report["checks"] else { return nil }
    return checks.first { $0["name"] == .string(name) }
}

/// `errors[0].extensions.code` of a response.
func firstErrorCode(_ response: Value) -> String? {
    guard case .list(let errors)? = response["errors"], case .string(let code)? = errors.first?["extensions"]?["code"] else {
        return nil
    }
    return code
}

/// The leader keeps `cache.warm_queries` warm, and the next leader takes over after a SIGKILL.
@Suite(.serialized) struct ClusterWarmQueryTests {
    @Test func theLeaderRefreshesWarmQueriesAndTheNextLeaderTakesOver() async throws {
        let h = try await ClusterHarness(cache: """
              warm_interval: 300ms
              warm_queries:
                - name: viewer
                  query: "{ github { viewer { login } } }"
            """)
        let a = try h.startPod()
        let b = try h.startPod()
        var leaderID: String?
        let formed = try await ClusterHarness.eventually {
            let seen = try await a.cluster()
            _ = try await b.cluster()
            leaderID = seen.leader
            return seen.pods.count == 2 && seen.leader != nil
        }
        #expect(formed)
        // No client query reaches the tool: only the leader's refresh does, again and again.
        let start = h.upstreamCalls
        #expect(await ClusterHarness.eventually { h.upstreamCalls >= start + 2 })

        let (leader, survivor) = a.podID == leaderID ? (a, b) : (b, a)
        leader.kill(signal: SIGKILL)
        let moved = try await ClusterHarness.eventually {
            let seen = try await survivor.cluster()
            return seen.leader == survivor.podID && seen.pods.count == 1
        }
        #expect(moved)
        let afterFailover = h.upstreamCalls
        #expect(await ClusterHarness.eventually { h.upstreamCalls >= afterFailover + 2 }, "the new leader refreshes")
        // A client asking now finds the answer warm.
        let answer = try await survivor.graphQL(ClusterProcessTests.viewerQuery)
        #expect(answer["errors"] == nil)
        await h.stop()
    }
}
