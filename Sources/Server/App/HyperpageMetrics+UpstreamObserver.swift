import Resolvers

/// The metrics see every upstream call, rate-limit reading, DataLoader batch and cache lookup
/// of the tool layer.
extension HyperpageMetrics: UpstreamObserver {
    public func rateLimitObserved(_ observation: RateLimitObservation) {
        if let remaining = observation.remaining {
            rateLimitRemaining(tool: observation.tool, remaining: remaining)
        }
    }
}
