import Synchronization

/// The cache policy every `ToolCache` of a runtime reads, replaceable while serving (a config
/// reload changes TTLs, stale grace and quota floors; an admin override changes one tool's TTL).
/// The key secret is never replaced: keys derived from it are fixed when the runtime is built.
public final class LivePolicy: Sendable {
    private let current: Mutex<(policy: CachePolicy, toolTTL: [String: Duration])>

    public init(_ policy: CachePolicy) {
        current = Mutex((policy, policy.toolTTL))
    }

    /// The configured policy with the overrides' per-tool TTLs in `toolTTL`.
    public var policy: CachePolicy {
        current.withLock { state in
            var p = state.policy
            p.toolTTL = state.toolTTL
            return p
        }
    }

    /// Installs `policy`, keeping the key secret in use and the overrides' TTLs.
    public func replace(with policy: CachePolicy) {
        current.withLock { old in
            var next = policy
            next.keySecret = old.policy.keySecret
            old.policy = next
        }
    }

    /// Installs the overrides' TTLs (tool → TTL of all its cached kinds); survives `replace`.
    public func replaceToolTTLs(_ ttls: [String: Duration]) {
        current.withLock { $0.toolTTL = ttls }
    }
}
