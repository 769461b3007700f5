import Foundation
import Synchronization
@testable import Resolvers

/// A Unix clock the cache reads and tests move forward, so TTLs pass without sleeping.
final class TestUnixClock: Sendable {
    private let value = Mutex(Date().timeIntervalSince1970)

    var now: Double { value.withLock { $0 } }

    func advance(seconds: Double) { value.withLock { $0 += seconds } }
}

/// A cache backend that is down: every operation fails, as a Redis outage would.
struct FailingCacheStore: CacheStore {
    private var error: CacheStoreError { CacheStoreError(code: .unavailable, message: "the test store is down") }

    func entries(for keys: [String]) async throws(CacheStoreError) -> [CacheEntry?] { throw error }
    func store(_ entries: [(key: String, entry: CacheEntry)]) async throws(CacheStoreError) { throw error }
    func acquireLock(_ key: String, token: String, ttl: Duration) async throws(CacheStoreError) -> Bool { throw error }
    func releaseLock(_ key: String, token: String) async throws(CacheStoreError) { throw error }
    func removeEntries(withPrefix prefix: String) async throws(CacheStoreError) { throw error }
}

/// Counts what the cache reports, for assertions on hits, stale answers and store errors.
final class CacheEventCounter: UpstreamObserver {
    private let counts = Mutex<[String: Int]>([:])

    func count(_ event: String) -> Int { counts.withLock { $0[event] ?? 0 } }
    private func add(_ event: String) { counts.withLock { $0[event, default: 0] += 1 } }

    func cacheLookup(tool: String, hit: Bool) { add(hit ? "hit:\(tool)" : "miss:\(tool)") }
    func cacheStaleServed(tool: String) { add("stale:\(tool)") }
    func cacheRevalidated(tool: String) { add("revalidated:\(tool)") }
    func cacheError(_ error: CacheStoreError) { add("error:\(error.code.rawValue)") }
}
