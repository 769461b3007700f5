import Fakes
import Foundation
import Redis
import Resolvers
import Schema
import Testing
@testable import Server

/// Two `hyperpage serve` processes sharing one redis-server behave as one: one upstream fetch
/// serves both, concurrent cold queries across them fetch each resource once, credentials never
/// share entries, and the quota ledger one pod fills is what the other shows. Each test uses its
/// own Redis database and key secret, so no test sees another's entries.
@Suite(.serialized) struct TwoPodTests {
    /// The demo's dashboard without `rateLimits` (whose `observedAt` differs per pod).
    static let dashboard = DemoDashboardQuery.text.replacingOccurrences(of: "rateLimits { tool limit remaining resetAt }", with: "")

    /// The fakes and two pods on the same Redis database and secret; `secondToken` gives pod B
    /// GitHub's second credential.
    struct Pods {
        let github: FakeToolServer, gitlab: FakeToolServer, jira: FakeToolServer
        let a: PodProcess, b: PodProcess
        let setup: PodProcess.Setup

        static func start(database: Int, secondToken: Bool = false) async throws -> Pods {
            let github = try await FakeToolServer.start(.github)
            let gitlab = try await FakeToolServer.start(.gitlab)
            let jira = try await FakeToolServer.start(.jira)
            let setup = PodProcess.Setup(github: github, gitlab: gitlab, jira: jira,
                                         redisURL: try PodProcess.redisURL(database: database),
                                         keySecret: "two-pod-\(UUID().uuidString)")
            var setupB = setup
            if secondToken { setupB.githubToken = FakeCredentials.githubSecondToken }
            let a = try await PodProcess.start(setup)
            let b = try await PodProcess.start(setupB)
            return Pods(github: github, gitlab: gitlab, jira: jira, a: a, b: b, setup: setup)
        }

        /// Every fake's request counts, by tool and path.
        func counts() -> [String: Int] {
            var out: [String: Int] = [:]
            for (tool, fake) in [("github", github), ("gitlab", gitlab), ("jira", jira)] {
                for (path, count) in fake.requestCounts() { out[tool + " " + path] = count }
            }
            return out
        }

        func stop() async {
            await a.stop()
            await b.stop()
            await github.stop()
            await gitlab.stop()
            await jira.stop()
        }
    }

    // MARK: (a) pod B reuses what pod A fetched

    @Test func theSameQueryOnTheSecondPodCostsNoUpstreamCalls() async throws {
        let pods = try await Pods.start(database: 11)
        do { try await sameQueryBody(pods) } catch {
            await pods.stop()
            throw error
        }
        await pods.stop()
    }

    private func sameQueryBody(_ pods: Pods) async throws {
        let first = try await pods.a.graphql(Self.dashboard)
        #expect(first["errors"] == nil, "\(first)")
        let afterA = pods.counts()
        #expect(afterA.values.reduce(0, +) > 0, "pod A asked no tool: \(afterA)")
        let second = try await pods.b.graphql(Self.dashboard)
        #expect(second["errors"] == nil, "\(second)")
        #expect(pods.counts() == afterA, "pod B called upstream")
        #expect(second["data"] == first["data"])
    }

    // MARK: (b) no stampede across pods

    @Test func twentyConcurrentColdQueriesAcrossTwoPodsFetchEachResourceOnce() async throws {
        let pods = try await Pods.start(database: 12)
        do { try await stampedeBody(pods) } catch {
            await pods.stop()
            throw error
        }
        await pods.stop()
    }

    private func stampedeBody(_ pods: Pods) async throws {
        let results = try await withThrowingTaskGroup(of: Value.self) { group in
            for i in 0..<20 {
                let pod = i % 2 == 0 ? pods.a : pods.b
                group.addTask { try await pod.graphql(Self.dashboard) }
            }
            var out: [Value] = []
            for try await result in group { out.append(result) }
            return out
        }
        #expect(results.allSatisfy { $0["errors"] == nil },
                "\(results.first { $0["errors"] != nil }.map { String(decoding: JSONSerializer.serialize($0["errors"] ?? .null), as: UTF8.self) } ?? "")")
        #expect(Set(results.map { JSONSerializer.serialize($0["data"] ?? .null) }).count == 1)
        let concurrent = pods.counts()
        // What one cold query costs: a third pod, same Redis, a secret of its own (so cold).
        for fake in [pods.github, pods.gitlab, pods.jira] { fake.resetRequestCounts() }
        var setup = pods.setup
        setup.keySecret = "two-pod-baseline-\(UUID().uuidString)"
        let baselinePod = try await PodProcess.start(setup)
        let single = try await baselinePod.graphql(Self.dashboard)
        await baselinePod.stop()
        #expect(single["errors"] == nil, "\(single)")
        #expect(concurrent == pods.counts(), "20 concurrent queries cost more than one cold query")
    }

    // MARK: (c) credentials never share an entry

    @Test func twoCredentialsOnTwoPodsNeverShareAnEntry() async throws {
        let pods = try await Pods.start(database: 13, secondToken: true)
        do { try await credentialsBody(pods) } catch {
            await pods.stop()
            throw error
        }
        await pods.stop()
    }

    private func credentialsBody(_ pods: Pods) async throws {
        let query = "{ github { viewer { login } pullRequests(first: 5) { totalCount nodes { title } } } }"
        let first = "Bearer " + FakeCredentials.githubToken, second = "Bearer " + FakeCredentials.githubSecondToken
        let a = try await pods.a.graphql(query)
        #expect(a["errors"] == nil, "\(a)")
        let firstCost = pods.github.requestCount(credentialHeader: first)
        #expect(firstCost > 0)
        #expect(pods.github.requestCount(credentialHeader: second) == 0)
        // Pod B's credential finds nothing of pod A's: it pays the same calls with its own token.
        let b = try await pods.b.graphql(query)
        #expect(b["errors"] == nil, "\(b)")
        #expect(pods.github.requestCount(credentialHeader: second) == firstCost)
        #expect(pods.github.requestCount(credentialHeader: first) == firstCost)
        // Each credential's entries are cached under its own scope: asking again costs nothing.
        _ = try await pods.a.graphql(query)
        _ = try await pods.b.graphql(query)
        #expect(pods.github.requestCount(credentialHeader: first) + pods.github.requestCount(credentialHeader: second)
                == 2 * firstCost)
        let scopes = try await Self.githubScopes(redisURL: pods.setup.redisURL)
        #expect(scopes.count == 2, "\(scopes)")
    }

    /// The distinct `<scope>`s of the GitHub entries in Redis.
    static func githubScopes(redisURL: String) async throws -> Set<String> {
        let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
        var cursor = "0"
        var scopes: Set<String> = []
        repeat {
            let reply = try await client.send(["SCAN", cursor, "MATCH", CacheKeys.toolPrefix("github") + "*", "COUNT", "500"])
            guard case .array(let parts) = reply, parts.count == 2 else { break }
            cursor = parts[0].string ?? "0"
            for key in parts[1].array ?? [] {
                let fields = (key.string ?? "").split(separator: ":")
                if fields.count > 3 { scopes.insert(String(fields[3])) }
            }
        } while cursor != "0"
        await client.shutdown()
        return scopes
    }

    // MARK: (d) the shared quota ledger

    @Test func theQuotaSpentThroughPodAShowsOnPodB() async throws {
        let pods = try await Pods.start(database: 14)
        do { try await ledgerBody(pods) } catch {
            await pods.stop()
            throw error
        }
        await pods.stop()
    }

    private func ledgerBody(_ pods: Pods) async throws {
        let limits = "{ rateLimits { tool bucket remaining limit } }"
        let before = try await pods.b.graphql(limits)
        #expect(before.at("data.rateLimits")?.list.isEmpty == true, "\(before)")
        let spent = try await pods.a.graphql(Self.dashboard)
        #expect(spent["errors"] == nil, "\(spent)")
        let onA = try await Self.githubCore(pods.a.graphql(limits))
        let remaining = try #require(onA?.remaining, "pod A has no GitHub core budget")
        #expect(remaining < (onA?.limit ?? 0))
        // Pod B made no GitHub call; it learns A's budget from Redis within its refresh period.
        var onB: (remaining: Int?, limit: Int?)?
        let limit = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < limit {
            onB = try await Self.githubCore(pods.b.graphql(limits))
            if onB?.remaining == remaining { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(onB?.remaining == remaining)
        #expect(onB?.limit == onA?.limit)
        let metrics = try await pods.b.metrics()
        let samples = PrometheusTextCheck.samples(in: metrics)
        #expect(samples[#"hyperpage_rate_limit_remaining{tool="github",bucket="core"}"#] == Double(remaining), "\(metrics)")
    }

    static func githubCore(_ response: Value) throws -> (remaining: Int?, limit: Int?)? {
        let entries = response.at("data.rateLimits")?.list ?? []
        guard let core = entries.first(where: { $0["tool"]?.string == "github" && $0["bucket"]?.string == "core" }) else { return nil }
        return (core["remaining"]?.int, core["limit"]?.int)
    }
}
