import Foundation
import Synchronization

/// The in-process `CacheStore`: what a server uses without `cache.redis_url`, with the same
/// behaviour as the shared one (times, locks, prefix removal), bounded in entries.
///
/// When a new key needs room, entries past their `retainUntil` go first, then the one whose
/// `retainUntil` comes soonest. Locks expire by themselves after their TTL.
public final class MemoryCacheStore: CacheStore {
    public let capacity: Int
    private let now: @Sendable () -> Double
    private let state = Mutex(State())

    private struct State {
        var entries: [String: CacheEntry] = [:]
        var locks: [String: (token: String, until: Double)] = [:]
    }

    /// - Parameter now: the current Unix time in seconds (tests pass a controllable clock).
    public init(capacity: Int = 4096, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.capacity = max(1, capacity)
        self.now = now
    }

    public func entries(for keys: [String]) async throws(CacheStoreError) -> [CacheEntry?] {
        let t = now()
        return state.withLock { s in
            keys.map { key in
                guard let entry = s.entries[key] else { return nil }
                guard entry.retainUntil > t else {
                    s.entries[key] = nil
                    return nil
                }
                return entry
            }
        }
    }

    public func store(_ entries: [(key: String, entry: CacheEntry)]) async throws(CacheStoreError) {
        let t = now()
        state.withLock { s in
            for (key, entry) in entries where entry.retainUntil > t {
                if s.entries[key] == nil, s.entries.count >= capacity {
                    Self.makeRoom(&s.entries, capacity: capacity, now: t)
                }
                s.entries[key] = entry
            }
        }
    }

    public func acquireLock(_ key: String, token: String, ttl: Duration) async throws(CacheStoreError) -> Bool {
        let t = now()
        return state.withLock { s in
            if let held = s.locks[key], held.until > t { return false }
            s.locks[key] = (token, t + ttl.seconds)
            return true
        }
    }

    public func releaseLock(_ key: String, token: String) async throws(CacheStoreError) {
        state.withLock { s in
            if s.locks[key]?.token == token { s.locks[key] = nil }
        }
    }

    public func removeEntries(withPrefix prefix: String) async throws(CacheStoreError) {
        state.withLock { s in
            s.entries = s.entries.filter { !$0.key.hasPrefix(prefix) }
        }
    }

    /// How many entries are held (including expired ones not dropped yet).
    public var count: Int { state.withLock { $0.entries.count } }

    /// Drops everything past retention; if still full, the entry retained for the shortest time.
    private static func makeRoom(_ entries: inout [String: CacheEntry], capacity: Int, now: Double) {
        entries = entries.filter { $0.value.retainUntil > now }
        while entries.count >= capacity, let soonest = entries.min(by: { $0.value.retainUntil < $1.value.retainUntil }) {
            entries[soonest.key] = nil
        }
    }
}
