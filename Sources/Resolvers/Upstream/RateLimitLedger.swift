import Foundation

/// The latest rate-limit observation per tool, shared by every request of a server (and read
/// by `Query.rateLimits` and the metrics). Thread-safe.
public final class RateLimitLedger: Sendable {
    private let observations = LockedBox([String: RateLimitObservation]())

    public init() {}

    /// Records what `response` says about `tool`'s rate limit; responses without rate-limit
    /// headers leave the ledger as it was. A response that states no limit keeps the limit
    /// last seen (Jira's 429s often carry only `Retry-After`).
    @discardableResult
    public func record(tool: String, response: UpstreamResponse, at now: Date = Date()) -> RateLimitObservation? {
        guard var observation = RateLimitObservation(tool: tool, response: response, at: now) else { return nil }
        return observations.withLock { observations in
            if observation.limit == nil { observation.limit = observations[tool]?.limit }
            observations[tool] = observation
            return observation
        }
    }

    /// Every tool's latest observation, sorted by tool.
    public func snapshot() -> [RateLimitObservation] {
        observations.withLock { $0.values.sorted { $0.tool < $1.tool } }
    }

    public func observation(for tool: String) -> RateLimitObservation? {
        observations.withLock { $0[tool] }
    }
}
