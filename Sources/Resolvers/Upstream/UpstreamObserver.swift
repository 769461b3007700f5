/// Hooks through which upstream access reports what it does, for metrics. Every method has a
/// no-op default, so an observer implements only what it records.
public protocol UpstreamObserver: Sendable {
    /// One HTTP attempt ended: with a status (any status), or without one (transport failure).
    /// `errorCode` is what the attempt counts as (nil for 2xx).
    func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?, seconds: Double)
    /// A response carried rate-limit headers.
    func rateLimitObserved(_ observation: RateLimitObservation)
    /// A DataLoader dispatched a batch of `size` keys.
    func loaderBatch(loader: String, size: Int)
    /// The response cache was asked for an upstream result.
    func cacheLookup(tool: String, hit: Bool)
}

extension UpstreamObserver {
    public func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?, seconds: Double) {}
    public func rateLimitObserved(_ observation: RateLimitObservation) {}
    public func loaderBatch(loader: String, size: Int) {}
    public func cacheLookup(tool: String, hit: Bool) {}
}
