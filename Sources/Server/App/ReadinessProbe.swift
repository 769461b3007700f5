import Resolvers
import Synchronization

/// Answers `/readyz` from the tools' own answers to a cheap "who am I" call, reused for a few
/// seconds: load balancers probe often, and every probe would otherwise spend upstream quota.
final class ReadinessProbe: Sendable {
    let tools: ToolRuntime
    let cacheDescription: String
    /// The pods and leader (with Redis), checked fresh every time.
    let cluster: ClusterCoordinator?
    /// How long one round of tool probes is reused.
    let reuseFor: Duration
    /// How long one round may take.
    let probeTimeout: Duration
    private let last = Mutex<(at: ContinuousClock.Instant, report: ReadinessReport)?>(nil)

    init(tools: ToolRuntime, cacheDescription: String, cluster: ClusterCoordinator? = nil, reuseFor: Duration = .seconds(15), probeTimeout: Duration = .seconds(3)) {
        self.tools = tools
        self.cacheDescription = cacheDescription
        self.cluster = cluster
        self.reuseFor = reuseFor
        self.probeTimeout = probeTimeout
    }

    /// The cache's state (read fresh every time) followed by the tools' checks (reused for
    /// `reuseFor`).
    func report() async -> ReadinessReport {
        var cache = ReadinessReport.Check(cacheHealth: tools.cacheHealth, description: cacheDescription)
        var shared: [ReadinessReport.Check] = []
        if let cluster {
            let check = cluster.readinessCheck()
            // The heartbeat notices an unreachable Redis before any cache lookup does.
            if let problem = cluster.view.snapshot.redisProblem, cache.status == .ok {
                cache.status = .degraded
                cache.message = "\(cacheDescription): \(problem)"
            }
            shared.append(check)
        }
        let now = ContinuousClock.now
        if let cached = last.withLock({ $0 }), now - cached.at < reuseFor {
            return ReadinessReport(checks: [cache] + shared + cached.report.checks)
        }
        let results = await tools.readiness(deadline: now + probeTimeout)
        var checks: [ReadinessReport.Check] = []
        for r in results {
            let status: ReadinessReport.Status = switch r.state {
            case .ok: .ok
            case .degraded: .degraded
            case .down: .down
            }
            // A tool being down nulls only its own fields: the pod still serves the others.
            checks.append(ReadinessReport.Check(name: r.tool, kind: .tool, status: status, message: r.message, essential: false))
        }
        let toolReport = ReadinessReport(checks: checks)
        last.withLock { $0 = (now, toolReport) }
        return ReadinessReport(checks: [cache] + shared + checks)
    }
}
