import Synchronization

/// What this pod last learned about the cluster from Redis: the live pods, the leader named by
/// the lease, and whether Redis answered the last heartbeat. Written by `PodHeartbeat`, read by
/// `Query.cluster` and `/readyz`.
public final class ClusterView: Sendable {
    public struct Leader: Sendable, Equatable {
        public var podID: String
        public var fencingToken: Int64
    }

    public struct Snapshot: Sendable, Equatable {
        /// Ordered by start time, then id.
        public var pods: [PodRecord] = []
        public var leader: Leader?
        /// Why the last heartbeat failed (a Redis error code and message, never a value); nil when it worked.
        public var redisProblem: String?
        /// Whether a heartbeat has completed at all.
        public var beaten = false
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(pods: [PodRecord], leader: Leader?) {
        let sorted = pods.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        state.withLock { $0 = Snapshot(pods: sorted, leader: leader, redisProblem: nil, beaten: true) }
    }

    func failed(_ problem: String) {
        state.withLock { $0.redisProblem = problem }
    }
}
