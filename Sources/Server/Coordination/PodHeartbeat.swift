import Foundation
import Logging
import Redis
import ServiceLifecycle

/// Records this pod in Redis every `interval` and reads back the live pods and the leader.
///
/// One beat is one pipeline: `SET hp:pod:<id> <record> PX 3×interval`, `ZADD hp:pods <now ms> <id>`,
/// `ZREMRANGEBYSCORE hp:pods -inf <now − 3×interval>` (pods that stopped beating), `ZRANGE`,
/// `GET hp:leader`; then one `MGET` of the listed pods' records. A pod that misses three beats
/// (crashed, partitioned) disappears from every pod's list. When Redis fails, the loop backs off
/// (up to `interval`) and keeps trying: requests never wait for it.
struct PodHeartbeat: Service {
    static let podsKey = "hp:pods"
    static func podKey(_ id: String) -> String { "hp:pod:\(id)" }

    let identity: PodIdentity
    let client: RedisClient
    let view: ClusterView
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        var backoff = CoordinationBackoff(base: .milliseconds(100), cap: interval)
        var failing = false
        while !Task.isCancelled {
            let pause: Duration
            do throws(RedisError) {
                try await beat()
                backoff.success()
                if failing { logger.info("cluster heartbeat resumed") }
                failing = false
                pause = interval
            } catch {
                view.failed(error.description)
                if !failing { logger.warning("cluster heartbeat failed; retrying", metadata: ["error": "\(error)"]) }
                failing = true
                pause = backoff.failure()
            }
            try? await Task.sleep(for: pause)
        }
    }

    /// One heartbeat; updates `view`.
    func beat() async throws(RedisError) {
        let now = Date().timeIntervalSince1970
        let nowMS = Int64(now * 1000)
        let expiry = (interval * 3).milliseconds
        let record = PodRecord(id: identity.id, startedAt: identity.startedAt, lastSeen: now)
        let replies = try await client.checkedPipeline([
            ["SET", Self.podKey(identity.id), String(decoding: record.json, as: UTF8.self), "PX", String(expiry)],
            ["ZADD", Self.podsKey, String(nowMS), identity.id],
            ["ZREMRANGEBYSCORE", Self.podsKey, "-inf", "(\(nowMS - expiry)"],
            ["ZRANGE", Self.podsKey, "0", "-1"],
            ["GET", LeaderElection.leaseKey],
        ])
        let ids = (replies[3].array ?? []).compactMap(\.string)
        let leader = replies[4].string.flatMap(LeaseValue.init).map { ClusterView.Leader(podID: $0.podID, fencingToken: $0.token) }
        var pods: [PodRecord] = []
        if !ids.isEmpty {
            let records = try await client.send(["MGET"] + ids.map(Self.podKey)).array ?? []
            var gone: [String] = []
            for (i, id) in ids.enumerated() {
                if i < records.count, let bytes = records[i].bytes, let pod = PodRecord(json: bytes) {
                    pods.append(pod)
                } else {
                    gone.append(id)
                }
            }
            // A member whose record expired left without saying so.
            if !gone.isEmpty { _ = try await client.send(["ZREM", Self.podsKey] + gone) }
        }
        view.update(pods: pods, leader: leader)
    }
}
