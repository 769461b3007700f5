import Resolvers

/// The upstream client, the DataLoaders and the response cache report to the metrics through
/// this protocol (`ToolRuntime(observer: metrics)`); the recording methods are on
/// `HyperpageMetrics` itself.
extension HyperpageMetrics: UpstreamObserver {
    /// Keeps `hyperpage_rate_limit_remaining{tool,bucket}` (and `…_limit`) at the newest
    /// observation, this pod's or, through the shared ledger, another's; observations that
    /// give no count leave the gauge as it was.
    public func rateLimitObserved(_ observation: RateLimitObservation) {
        if let remaining = observation.remaining {
            rateLimitRemaining(tool: observation.tool, bucket: observation.bucket, remaining: remaining)
        }
        if let limit = observation.limit {
            rateLimitLimit(tool: observation.tool, bucket: observation.bucket, limit: limit)
        }
    }
}
