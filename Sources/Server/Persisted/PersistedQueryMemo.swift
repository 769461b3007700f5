import Synchronization

/// Documents read from the shared store lately, by hash, so that a hot hash costs no database
/// round trip. An entry is trusted for `ttl` (a minute): a document removed or newly trusted
/// with `hyperpage persisted` is seen by every pod within that time, at once when the command
/// reached the pods through Redis (`ClusterEvent.Kind.persisted` empties the memo). Unknown hashes are not
/// remembered (another pod may register them at any moment). Bounded: when full it is emptied
/// and refills with the documents in use.
final class PersistedQueryMemo: Sendable {
    let capacity: Int
    let ttl: Duration
    private let entries = Mutex<[String: Entry]>([:])
    private let clock: @Sendable () -> ContinuousClock.Instant

    private struct Entry {
        var document: PersistedDocument
        var readAt: ContinuousClock.Instant
    }

    init(capacity: Int = 1024, ttl: Duration = .seconds(60),
         clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.capacity = max(1, capacity)
        self.ttl = ttl
        self.clock = clock
    }

    /// The document read under `sha256` less than `ttl` ago.
    func document(sha256: String) -> PersistedDocument? {
        let now = clock()
        return entries.withLock { map in
            guard let entry = map[sha256] else { return nil }
            guard now - entry.readAt < ttl else {
                map.removeValue(forKey: sha256)
                return nil
            }
            return entry.document
        }
    }

    func insert(_ document: PersistedDocument, sha256: String) {
        let now = clock()
        entries.withLock { map in
            if map.count >= capacity, map[sha256] == nil { map.removeAll(keepingCapacity: true) }
            map[sha256] = Entry(document: document, readAt: now)
        }
    }

    /// Forgets every document (they are read from the store again).
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    var count: Int { entries.withLock { $0.count } }
}
