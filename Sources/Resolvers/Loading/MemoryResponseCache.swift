import Synchronization

/// An in-process `ResponseCache` with a bounded number of entries. Expired entries are dropped
/// when read or when room is needed; when full, the entry closest to expiry goes first.
public final class MemoryResponseCache: ResponseCache {
    public let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])
    private let clock = ContinuousClock()

    private struct Entry {
        var response: UpstreamResponse
        var expires: ContinuousClock.Instant
    }

    public init(capacity: Int = 2048) {
        self.capacity = max(1, capacity)
    }

    public func response(for key: String) async -> UpstreamResponse? {
        let now = clock.now
        return entries.withLock { map in
            guard let entry = map[key] else { return nil }
            guard entry.expires > now else {
                map[key] = nil
                return nil
            }
            return entry.response
        }
    }

    public func store(_ response: UpstreamResponse, for key: String, ttl: Duration) async {
        guard ttl > .zero else { return }
        let now = clock.now
        entries.withLock { map in
            if map[key] == nil, map.count >= capacity {
                map = map.filter { $0.value.expires > now }
                if map.count >= capacity, let soonest = map.min(by: { $0.value.expires < $1.value.expires }) {
                    map[soonest.key] = nil
                }
            }
            map[key] = Entry(response: response, expires: now + ttl)
        }
    }

    /// How many entries are held (expired ones included until they are dropped).
    public var count: Int { entries.withLock { $0.count } }
}
