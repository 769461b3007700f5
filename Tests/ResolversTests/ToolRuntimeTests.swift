import Fakes
import Foundation
import Schema
import Synchronization
import Testing
@testable import Resolvers

/// `ToolRuntime` against the fakes: readiness states, the response cache, loader batch
/// reports, and sibling tools answered concurrently.
@Suite(.serialized) struct ToolRuntimeTests {
    /// Records what the runtime reports through the observer hooks.
    final class Recorder: UpstreamObserver {
        let batches = Mutex<[String: [Int]]>([:])
        let lookups = Mutex<[String: (hits: Int, misses: Int)]>([:])

        func loaderBatch(loader: String, size: Int) { batches.withLock { $0[loader, default: []].append(size) } }
        func cacheLookup(tool: String, hit: Bool) {
            lookups.withLock { l in
                var entry = l[tool] ?? (0, 0)
                if hit { entry.hits += 1 } else { entry.misses += 1 }
                l[tool] = entry
            }
        }
    }

    @Test func readinessNamesEachToolsState() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        var report = await h.runtime.readiness(deadline: .now + .seconds(10))
        #expect(report.map(\.tool) == ["github", "gitlab", "jira"])
        #expect(report.allSatisfy { $0.state == .ok && $0.message == nil })
        h.gitlab.setFaults(FakeFaults(failure: .status(503)))
        h.jira.setFaults(FakeFaults(failure: .rateLimited(retryAfterSeconds: 1)))
        report = await h.runtime.readiness(deadline: .now + .seconds(10))
        #expect(report.map(\.state) == [.ok, .down, .degraded])
        #expect(report[1].message?.hasPrefix("UPSTREAM_UNAVAILABLE") == true)
        #expect(report.allSatisfy { !($0.message ?? "").contains(FakeCredentials.gitlabToken) })
    }

    @Test func getAnswersAreCachedAcrossRequestsAndBatchesReported() async throws {
        let recorder = Recorder()
        let h = try await ToolHarness.start(cacheTTL: .seconds(60), observer: recorder)
        defer { Task { await h.stop() } }
        let query = """
        { gitlab { mergeRequests(first: 20) { nodes { project { id } } } }
          jira { issues(jql: "ORDER BY updated DESC", first: 50) { nodes { project { key } changelog { id } } } } }
        """
        let first = try await h.run(query)
        #expect(errorSummary(first) == [])
        let countsAfterFirst = h.gitlab.requestCounts()
        let second = try await h.run(query)
        #expect(errorSummary(second) == [])
        #expect(second == first)
        #expect(h.gitlab.requestCounts() == countsAfterFirst)  // every GitLab GET came from the cache
        #expect((recorder.lookups.withLock { $0["gitlab"]?.hits } ?? 0) > 0)
        // The JQL search (a read-only POST) is cached by its body's hash; the changelogs per issue.
        #expect(h.jira.requestCount("/rest/api/3/search/jql") == 1)
        #expect(h.jira.requestCount("/rest/api/3/changelog/bulkfetch") == 1)
        let batches = recorder.batches.withLock { $0 }
        #expect(batches["jira_changelogs"] == [50, 50])
        #expect(batches["jira_projects"]?.allSatisfy { $0 == Set(h.dataset.jira.issues.map(\.projectKey)).count } == true)
    }

    @Test func siblingToolsRunConcurrently() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        for fake in [h.github, h.gitlab, h.jira] { fake.setFaults(FakeFaults(latency: .milliseconds(200))) }
        let clock = ContinuousClock()
        let start = clock.now
        let r = try await h.run("{ github { viewer { login } } gitlab { viewer { login } } jira { viewer { login } } }")
        let elapsed = clock.now - start
        #expect(errorSummary(r) == [])
        #expect(elapsed < .milliseconds(550), "took \(elapsed)")
    }
}
