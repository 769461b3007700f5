import Resolvers

/// The upstream client, the DataLoaders and the response cache report to the metrics through
/// this protocol (`ToolRuntime(observer: metrics)`); the recording methods are on
/// `HyperpageMetrics` itself.
extension HyperpageMetrics: UpstreamObserver {
    /// Keeps `hyperpage_rate_limit_remaining{tool}` at the latest remaining budget; responses
    /// that give no remaining count leave the gauge as it was.
    public func rateLimitObserved(_ observation: RateLimitObservation) {
        guard let remaining = observation.remaining else { return }
        rateLimitRemaining(tool: observation.tool, remaining: remaining)
    }
}
