import Fakes
import Foundation
import Schema
import Testing

/// Two (or more) `hyperpage serve` processes sharing a redis-server the harness starts itself,
/// with the GitHub fake as their tool and short cluster intervals (heartbeat 200ms, lease 1s).
final class ClusterHarness: @unchecked Sendable {
    static let adminToken = "cluster-test-admin-token"
    static let heartbeat = "200ms"
    static let lease = "1s"

    let redis: ClusterRedisServer
    let github: FakeToolServer
    let directory: URL
    let configFile: URL
    private(set) var pods: [ClusterPod] = []

    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "needs the built hyperpage binary (swift build)" }
    }

    /// - Parameter cache: extra lines under `cache:` (warm queries).
    init(cache extra: String = "") async throws {
        redis = try ClusterRedisServer()
        try redis.start()
        github = try await FakeToolServer.start(.github)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hyperpage-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        configFile = directory.appendingPathComponent("hyperpage.yaml")
        try """
            server: { host: 127.0.0.1, port: 0, admin_token: "${HYPERPAGE_ADMIN_TOKEN}" }
            graphql: { schema_dir: "\(ServeProcessTests.packageRoot.appendingPathComponent("schema").path)" }
            cache:
              redis_url: "\(redis.url)"
              key_secret: "${HYPERPAGE_CACHE_KEY_SECRET}"
              default_ttl: 60s
            \(extra)
            cluster: { heartbeat_interval: \(Self.heartbeat), leader_lease: \(Self.lease) }
            tools:
              github: { enabled: true, api_url: "\(github.apiURL)", token: "${GITHUB_TOKEN}" }
            """.write(to: configFile, atomically: true, encoding: .utf8)
    }

    /// Starts one more pod.
    @discardableResult
    func startPod() throws -> ClusterPod {
        guard let binary = ServeProcessTests.binary else { throw MissingBinary() }
        let pod = try ClusterPod(binary: binary, config: configFile, environment: [
            "GITHUB_TOKEN": FakeCredentials.githubToken,
            "HYPERPAGE_ADMIN_TOKEN": Self.adminToken,
            "HYPERPAGE_CACHE_KEY_SECRET": "cluster-test-key-secret",
        ])
        pods.append(pod)
        return pod
    }

    /// Edits the pods' shared configuration file (for reload tests).
    func editConfig(replacing old: String, with new: String) throws {
        let text = try String(contentsOf: configFile, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(to: configFile, atomically: true, encoding: .utf8)
    }

    /// Upstream requests the GitHub fake answered so far.
    var upstreamCalls: Int { github.requestCounts().values.reduce(0, +) }

    func stop() async {
        for pod in pods { pod.kill(signal: SIGTERM) }
        redis.kill()
        await github.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Polls `condition` every 100ms until it holds or `timeout` passes; returns whether it held.
    static func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let limit = ContinuousClock.now + timeout
        while ContinuousClock.now < limit {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
