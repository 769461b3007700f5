/// Hooks through which upstream access reports what it does, for metrics. Every method has a
/// no-op default, so an observer implements only what it records.
public protocol UpstreamObserver: Sendable {
    /// One HTTP attempt ended: with a status (any status), or without one (transport failure).
    /// `errorCode` is what the attempt counts as (nil for 2xx).
    func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?, seconds: Double)
    /// A response carried rate-limit headers, or another pod's newer observation was read from
    /// the shared ledger.
    func rateLimitObserved(_ observation: RateLimitObservation)
    /// `count` quota ledger writes to Redis were dropped (Redis failed or refused them).
    func quotaLedgerWritesDropped(count: Int)
    /// A DataLoader dispatched a batch of `size` keys.
    func loaderBatch(loader: String, size: Int)
    /// The cache was asked for an upstream result: a fresh entry (hit) or not (miss).
    func cacheLookup(tool: String, hit: Bool)
    /// A retained entry past its TTL was served (the tool failed or its quota is low).
    func cacheStaleServed(tool: String)
    /// An expired entry was revalidated: the tool answered 304 and the cached body was reused.
    func cacheRevalidated(tool: String)
    /// The cache store failed; the operation counted as a miss or a skipped write.
    func cacheError(_ error: CacheStoreError)
}

extension UpstreamObserver {
    public func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?, seconds: Double) {}
    public func rateLimitObserved(_ observation: RateLimitObservation) {}
    public func quotaLedgerWritesDropped(count: Int) {}
    public func loaderBatch(loader: String, size: Int) {}
    public func cacheLookup(tool: String, hit: Bool) {}
    public func cacheStaleServed(tool: String) {}
    public func cacheRevalidated(tool: String) {}
    public func cacheError(_ error: CacheStoreError) {}
}
