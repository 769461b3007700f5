import Logging
import Resolvers
import Schema
import ServiceLifecycle
import Synchronization

/// Keeps `cache.warm_queries` warm: every `interval` the leader runs each of them through the
/// served schema with the cache in refresh mode (`CacheRefresh`), so their entries are renewed
/// before they expire and dashboards hit a warm cache. Followers only wait.
///
/// Leader-only work is fenced: the round takes the leader's fencing token, and right before each
/// query the lease in Redis is compared with it (`LeaderElection.confirm`); a former leader that
/// has not yet noticed it lost the lease stops there. Without Redis the pod is its own leader.
final class WarmQueryRefresher: Service, Sendable {
    struct Prepared: Sendable {
        let name: String
        let document: Document
        let variables: ObjectValue
    }

    /// The queries and how often they run; a config reload replaces them. `automatic`: the
    /// interval follows the TTLs (no `cache.warm_interval`).
    private let plan: Mutex<(queries: [Prepared], interval: Duration, automatic: Bool)>
    let schema: GraphQLSchema
    let resolvers: ResolverMap<RequestContext>
    let tools: ToolRuntime
    let election: LeaderElection?
    let requestTimeout: Duration
    let logger: Logger
    /// Queries run so far by this pod (metrics and tests).
    let runs = Atomic<Int>(0)

    /// Queries were validated when the config was loaded.
    init(config: HyperpageConfig, schema: GraphQLSchema, resolvers: ResolverMap<RequestContext>,
         tools: ToolRuntime, election: LeaderElection?, logger: Logger) {
        plan = Mutex(Self.plan(config))
        self.schema = schema
        self.resolvers = resolvers
        self.tools = tools
        self.election = election
        requestTimeout = config.server.requestTimeout
        self.logger = logger
    }

    /// Takes the warm queries and interval of a reloaded configuration.
    func update(_ config: HyperpageConfig) {
        let next = Self.plan(config)
        plan.withLock { $0 = next }
    }

    /// The parsed queries and their interval (a second while there is nothing to warm, to
    /// notice a reload that adds some).
    static func plan(_ config: HyperpageConfig) -> (queries: [Prepared], interval: Duration, automatic: Bool) {
        let prepared = config.cache.warmQueries.compactMap { warm -> Prepared? in
            guard let document = try? parse(Source(warm.query)) else { return nil }
            return Prepared(name: warm.name, document: document, variables: warm.variables)
        }
        let automatic = config.cache.warmInterval <= .zero
        let interval = automatic ? automaticInterval(config.cache) : config.cache.warmInterval
        guard !prepared.isEmpty, let interval else { return ([], .seconds(1), false) }
        return (prepared, interval, automatic)
    }

    /// The pause before the next round: the plan's interval, shortened to 0.8 × the shortest
    /// refresh interval an admin override set for a tool that is on (automatic intervals only).
    func nextInterval() -> Duration {
        let (interval, automatic) = plan.withLock { ($0.interval, $0.automatic) }
        guard automatic else { return interval }
        let off = tools.overrides.disabledTools
        let overridden = tools.overrides.refreshIntervals.filter { !off.contains($0.key) }.values.min()
        return overridden.map { min(interval, $0 * 0.8) } ?? interval
    }

    /// 0.8 × the smallest non-zero TTL (default or per kind); nil when nothing is cached.
    static func automaticInterval(_ cache: HyperpageConfig.CacheSection) -> Duration? {
        let ttls = ([cache.defaultTTL] + cache.ttl.values.flatMap(\.values)).filter { $0 > .zero }
        return ttls.min().map { $0 * 0.8 }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: nextInterval())
            if Task.isCancelled { return }
            await round()
        }
    }

    /// One round: every query, if this pod leads (and still leads right before each).
    func round() async {
        let token: Int64
        if let election {
            guard let current = election.currentToken() else { return }
            token = current
        } else {
            token = 0
        }
        for query in plan.withLock({ $0.queries }) {
            if let election, !(await election.confirm(token)) {
                logger.info("warm refresh stopped: leadership lost", metadata: ["fencing_token": "\(token)"])
                return
            }
            let context = tools.makeContext(deadline: .now + requestTimeout)
            let result = await CacheRefresh.$isOn.withValue(true) {
                await execute(schema: schema, document: query.document, variableValues: query.variables,
                              context: context, resolvers: resolvers)
            }
            runs.add(1, ordering: .relaxed)
            if !result.errors.isEmpty {
                logger.warning("warm query answered with errors", metadata: [
                    "warm_query": "\(query.name)", "errors": "\(result.errors.count)",
                ])
            }
        }
    }
}
