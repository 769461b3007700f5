import Synchronization

/// The cache policy every `ToolCache` of a runtime reads, replaceable while serving (a config
/// reload changes TTLs, stale grace and quota floors). The key secret is never replaced: keys
/// derived from it are fixed when the runtime is built.
public final class LivePolicy: Sendable {
    private let current: Mutex<CachePolicy>

    public init(_ policy: CachePolicy) {
        current = Mutex(policy)
    }

    public var policy: CachePolicy { current.withLock { $0 } }

    /// Installs `policy`, keeping the key secret in use.
    public func replace(with policy: CachePolicy) {
        current.withLock { old in
            var next = policy
            next.keySecret = old.keySecret
            old = next
        }
    }
}
