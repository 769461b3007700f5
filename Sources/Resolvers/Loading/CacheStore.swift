/// The shared second level of the cache: where upstream answers are kept between requests
/// and, with Redis, between pods. The per-request first level is the DataLoader's memo.
///
/// A store only keeps bytes under keys and hands them back; freshness, staleness, conditional
/// revalidation and stampede control are decided by its callers from `CacheEntry`'s times.
/// Every method is one round trip to the backing server (`MGET`, a pipeline of `SET … PX`,
/// `SET NX PX`), so a whole DataLoader batch costs one lookup and one write-back.
///
/// Implementations: `MemoryCacheStore` (bounded, in-process; the default without
/// `cache.redis_url`) and `RedisCacheStore`.
public protocol CacheStore: Sendable {
    /// The entries under `keys`, in the same order; nil for a key that is absent or past its
    /// `retainUntil`.
    func entries(for keys: [String]) async throws(CacheStoreError) -> [CacheEntry?]
    /// Writes every entry, each kept until its own `retainUntil`.
    func store(_ entries: [(key: String, entry: CacheEntry)]) async throws(CacheStoreError)
    /// Takes the short lock `key` for `ttl` when nobody holds it; true when this caller got it.
    /// `token` identifies the holder so that only it releases the lock.
    func acquireLock(_ key: String, token: String, ttl: Duration) async throws(CacheStoreError) -> Bool
    /// Releases the lock if `token` still holds it.
    func releaseLock(_ key: String, token: String) async throws(CacheStoreError)
    /// Drops every entry whose key starts with `prefix` (invalidation of one tool).
    func removeEntries(withPrefix prefix: String) async throws(CacheStoreError)
}

/// One cached upstream answer with its validators and its times (Unix seconds, so that pods
/// with different monotonic clocks agree).
public struct CacheEntry: Sendable, Equatable {
    /// The response body (JSON) as the tool sent it, or an item a DataLoader resolved.
    public var body: [UInt8]
    /// Response headers worth keeping: validators (`etag`, `last-modified`) and paging
    /// (`link`, `x-total`, `x-next-page`, …). Names are lower-cased.
    public var headers: [(name: String, value: String)]
    /// When the answer was fetched or last revalidated.
    public var storedAt: Double
    /// Until when it is served without asking the tool.
    public var freshUntil: Double
    /// Until when it is kept: after `freshUntil` it is only served when the tool fails or its
    /// quota is spent (stale on error), or revalidated with `If-None-Match`/`If-Modified-Since`.
    public var retainUntil: Double

    public init(body: [UInt8], headers: [(name: String, value: String)] = [], storedAt: Double,
                freshUntil: Double, retainUntil: Double) {
        self.body = body
        self.headers = headers
        self.storedAt = storedAt
        self.freshUntil = freshUntil
        self.retainUntil = retainUntil
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    public func isFresh(at now: Double) -> Bool { now < freshUntil }

    public static func == (a: CacheEntry, b: CacheEntry) -> Bool {
        a.body == b.body && a.storedAt == b.storedAt && a.freshUntil == b.freshUntil && a.retainUntil == b.retainUntil
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

/// The shared store could not be used (server down, timeout, unreadable entry). Callers treat
/// it as a miss and go to the tool: the cache being away never fails a query.
public struct CacheStoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unavailable = "CACHE_UNAVAILABLE"
        case timeout = "CACHE_TIMEOUT"
        case corruptEntry = "CACHE_CORRUPT_ENTRY"
    }
    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
