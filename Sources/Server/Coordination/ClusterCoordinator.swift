import Foundation
import Logging
import Redis
import Resolvers
import ServiceLifecycle
import Synchronization

/// This pod's part in the cluster: its identity, the heartbeat, the leader election and the
/// `hp:events` pub/sub, all built from the config. Without Redis there is no cluster: the pod is
/// alone and its own leader, and `services` is empty.
public final class ClusterCoordinator: Sendable {
    public let identity: PodIdentity
    public let view: ClusterView
    /// Nil without Redis.
    public let election: LeaderElection?
    let heartbeat: PodHeartbeat?
    let events: ClusterEvents?
    let tools: ToolRuntime
    let logger: Logger

    private let hooks: EventHooks

    public init(config: HyperpageConfig, redis: RedisClient?, tools: ToolRuntime, logger: Logger,
                identity: PodIdentity = .current()) {
        let hooks = EventHooks()
        self.hooks = hooks
        self.identity = identity
        self.tools = tools
        self.logger = logger
        let view = ClusterView()
        self.view = view
        guard let redis else {
            election = nil
            heartbeat = nil
            events = nil
            return
        }
        election = LeaderElection(identity: identity, client: redis, lease: config.cluster.leaderLease, logger: logger)
        heartbeat = PodHeartbeat(identity: identity, client: redis, view: view,
                                 interval: config.cluster.heartbeatInterval, logger: logger)
        let podID = identity.id
        events = ClusterEvents(client: redis, logger: logger) { event in
            if event.from != podID {
                logger.info("cluster event", metadata: ["event": "\(event.kind.rawValue)", "from": "\(event.from)",
                                                        "tool": "\(event.tool ?? "")"])
            }
            for handler in hooks.handlers.withLock({ $0 }) { await handler(event) }
        }
    }

    /// Adds what to do with an event from `hp:events` besides logging it; runs for this pod's
    /// own events too.
    public func onEvent(_ handler: @escaping @Sendable (ClusterEvent) async -> Void) {
        hooks.handlers.withLock { $0.append(handler) }
    }

    /// The loops to run in the server's `ServiceGroup` (none without Redis).
    public var services: [any Service] {
        var list: [any Service] = []
        if let heartbeat { list.append(heartbeat) }
        if let election { list.append(election) }
        if let events { list.append(events) }
        return list
    }

    /// Whether pods share a Redis.
    public var isClustered: Bool { heartbeat != nil }

    /// Events this pod received on `hp:events` (0 without Redis).
    public var eventsReceived: Int { events?.received.load(ordering: .relaxed) ?? 0 }

    /// The pods and leader `Query.cluster` shows: from the last heartbeat, or this pod alone.
    public func snapshot() -> ClusterView.Snapshot {
        guard isClustered else {
            let me = PodRecord(id: identity.id, startedAt: identity.startedAt, lastSeen: Date().timeIntervalSince1970)
            return ClusterView.Snapshot(pods: [me], leader: ClusterView.Leader(podID: identity.id, fencingToken: 0),
                                        redisProblem: nil, beaten: true)
        }
        return view.snapshot
    }

    /// Drops `tool`'s cached answers and tells every pod. Returns whether the store removed them
    /// and how many pods received the event.
    public func invalidate(tool: String) async -> (removed: Bool, notified: Int) {
        var removed = true
        do throws(CacheStoreError) {
            try await tools.invalidate(tool: tool)
        } catch {
            removed = false
            logger.warning("cache invalidation failed", metadata: ["tool": "\(tool)", "error": "\(error)"])
        }
        guard let events else { return (removed, 1) }
        do throws(RedisError) {
            return (removed, try await events.publish(ClusterEvent(kind: .invalidate, tool: tool, from: identity.id)))
        } catch {
            logger.warning("cluster event not published", metadata: ["error": "\(error)"])
            return (removed, 0)
        }
    }

    /// Publishes a reload event (every pod, this one included, re-reads its file); false when
    /// Redis did not take it.
    public func publishReload() async -> Bool {
        await publish(.reload)
    }

    /// Publishes an event of `kind` from this pod; false without Redis or when Redis did not take it.
    public func publish(_ kind: ClusterEvent.Kind, tool: String? = nil) async -> Bool {
        guard let events else { return false }
        do throws(RedisError) {
            _ = try await events.publish(ClusterEvent(kind: kind, tool: tool, from: identity.id))
            return true
        } catch {
            logger.warning("cluster event not published", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// `/readyz`'s "cluster" check: the live pods and leader, degraded while Redis does not
    /// answer the heartbeat. Never essential: a pod cut off from Redis still serves.
    public func readinessCheck() -> ReadinessReport.Check {
        let s = snapshot()
        let pods = "pods: " + s.pods.map(\.id).joined(separator: ", ") + "; leader: " + (s.leader?.podID ?? "none")
        if let problem = s.redisProblem {
            return ReadinessReport.Check(name: "cluster", kind: .dependency, status: .degraded,
                                         message: "redis unreachable (\(problem)); last seen \(pods)")
        }
        if !s.beaten {
            return ReadinessReport.Check(name: "cluster", kind: .dependency, status: .degraded, message: "no heartbeat yet")
        }
        return ReadinessReport.Check(name: "cluster", kind: .dependency, status: .ok, message: pods)
    }
}

/// The handlers of received events, added after the coordinator is built.
final class EventHooks: Sendable {
    let handlers = Mutex<[@Sendable (ClusterEvent) async -> Void]>([])
}
