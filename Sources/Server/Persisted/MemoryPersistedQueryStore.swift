import Foundation
import Synchronization

/// Persisted documents in this process's memory, when no database is configured (the demo,
/// one pod): lost at restart, not shared. Bounded: past `capacity` documents, or `maxBytes` of
/// text, the oldest automatic registrations are dropped (a client whose hash is gone gets
/// `PERSISTED_QUERY_NOT_FOUND` and registers it again); trusted documents are never dropped.
public final class MemoryPersistedQueryStore: PersistedQueryStore {
    public let capacity: Int
    public let maxBytes: Int
    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    private struct Entry {
        var document: PersistedDocument
        var createdAt: Date
        var lastUsedAt: Date?
        var order: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var nextOrder: UInt64 = 0
    }

    public init(capacity: Int = 10_000, maxBytes: Int = 64 << 20, now: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
        self.now = now
    }

    public func document(sha256: String) async throws(PersistedQueryStoreError) -> PersistedDocument? {
        let time = now()
        return state.withLock { state in
            state.entries[sha256]?.lastUsedAt = time
            return state.entries[sha256]?.document
        }
    }

    @discardableResult
    public func register(sha256: String, text: String) async throws(PersistedQueryStoreError) -> Bool {
        // A document that alone goes past the byte bound would only push out the others.
        guard text.utf8.count <= maxBytes else { return false }
        let time = now()
        return state.withLock { state in
            guard state.entries[sha256] == nil else { return false }
            Self.insert(&state, sha256: sha256, document: PersistedDocument(text: text, trusted: false), at: time)
            Self.evict(&state, capacity: capacity, maxBytes: maxBytes)
            return state.entries[sha256] != nil
        }
    }

    public func trust(_ documents: [(sha256: String, text: String)]) async throws(PersistedQueryStoreError) {
        let time = now()
        state.withLock { state in
            for (sha256, text) in documents {
                if state.entries[sha256] != nil {
                    state.entries[sha256]?.document.trusted = true
                } else {
                    Self.insert(&state, sha256: sha256, document: PersistedDocument(text: text, trusted: true), at: time)
                }
            }
            Self.evict(&state, capacity: capacity, maxBytes: maxBytes)
        }
    }

    public func list() async throws(PersistedQueryStoreError) -> [PersistedQueryRecord] {
        state.withLock { state in
            state.entries.sorted { $0.value.order < $1.value.order }.map { hash, entry in
                PersistedQueryRecord(sha256: hash, trusted: entry.document.trusted, createdAt: entry.createdAt,
                                     lastUsedAt: entry.lastUsedAt)
            }
        }
    }

    public func remove(sha256: String) async throws(PersistedQueryStoreError) -> Bool {
        state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: sha256) else { return false }
            state.bytes -= entry.document.text.utf8.count
            return true
        }
    }

    private static func insert(_ state: inout State, sha256: String, document: PersistedDocument, at time: Date) {
        state.nextOrder += 1
        state.entries[sha256] = Entry(document: document, createdAt: time, lastUsedAt: nil, order: state.nextOrder)
        state.bytes += document.text.utf8.count
    }

    /// Drops the oldest untrusted documents until both bounds hold (or only trusted ones are left).
    private static func evict(_ state: inout State, capacity: Int, maxBytes: Int) {
        guard state.entries.count > capacity || state.bytes > maxBytes else { return }
        let candidates = state.entries.filter { !$0.value.document.trusted }.sorted { $0.value.order < $1.value.order }
        for (hash, entry) in candidates {
            guard state.entries.count > capacity || state.bytes > maxBytes else { return }
            state.entries.removeValue(forKey: hash)
            state.bytes -= entry.document.text.utf8.count
        }
    }
}
