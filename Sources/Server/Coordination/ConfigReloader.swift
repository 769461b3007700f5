import Foundation
import Logging
import Resolvers
import Synchronization

/// Re-reads this pod's configuration file and applies what can change while serving: the cache
/// TTLs, stale grace and quota floors (`ToolRuntime.replaceCachePolicy`) and the warm queries.
/// Everything else (tools enabled, addresses, tokens, server, Redis, database, sign-in, cluster
/// timings) needs a restart: the outcome names those sections when they changed. A file with
/// problems changes nothing.
public final class ConfigReloader: Sendable {
    public struct Outcome: Sendable, Equatable {
        /// Whether the file was read and its live settings applied.
        public var applied: Bool
        /// The problems of a refused file (file:line:column: message, never a secret).
        public var problems: [String] = []
        /// Sections that changed but only take effect after a restart.
        public var restartNeeded: [String] = []
    }

    let path: String
    let environment: [String: String]
    let tools: ToolRuntime
    let warm: WarmQueryRefresher
    let logger: Logger
    private let current: Mutex<HyperpageConfig>

    init(path: String, environment: [String: String], config: HyperpageConfig, tools: ToolRuntime,
         warm: WarmQueryRefresher, logger: Logger) {
        self.path = path
        self.environment = environment
        self.tools = tools
        self.warm = warm
        self.logger = logger
        current = Mutex(config)
    }

    /// Reloads the file of this pod.
    public func reload() -> Outcome {
        let next: HyperpageConfig
        do {
            next = try ConfigLoader.load(path: path, environment: environment)
        } catch {
            let problems = error.problems.map(\.description)
            logger.warning("config reload refused", metadata: ["problems": "\(problems.count)"])
            return Outcome(applied: false, problems: problems)
        }
        let previous = current.withLock { old in
            defer { old = next }
            return old
        }
        tools.replaceCachePolicy(next.cache.policy)
        warm.update(next)
        let restart = Self.restartNeeded(previous, next)
        logger.info("config reloaded", metadata: ["restart_needed": "\(restart.joined(separator: ","))"])
        return Outcome(applied: true, restartNeeded: restart)
    }

    /// The sections that differ in ways a reload does not apply.
    static func restartNeeded(_ a: HyperpageConfig, _ b: HyperpageConfig) -> [String] {
        var out: [String] = []
        if a.server != b.server { out.append("server") }
        if a.graphql != b.graphql { out.append("graphql") }
        if a.cache.redisURL != b.cache.redisURL || a.cache.keySecret != b.cache.keySecret || a.cache.responses != b.cache.responses
            || a.cache.responseMaxAge != b.cache.responseMaxAge {
            out.append("cache")
        }
        if a.database != b.database { out.append("database") }
        if a.upstream != b.upstream { out.append("upstream") }
        if a.tools != b.tools { out.append("tools") }
        if a.auth != b.auth { out.append("auth") }
        if a.cluster != b.cluster { out.append("cluster") }
        return out
    }
}
