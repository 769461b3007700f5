import Schema
import Synchronization

/// Parsed JSON of recently served cache entries, so that a cached answer is parsed once per
/// pod rather than once per request.
///
/// A cached dashboard query reads a few dozen upstream bodies; parsing them again on every
/// request was nearly all of its cost. An entry is reused only while the store still hands out
/// the same version of it (same `storedAt` and body size); a refetched or revalidated entry
/// is parsed afresh. Bounded: when full, the memo is emptied and refills with what is in use.
final class ParsedEntryMemo: Sendable {
    let capacity: Int
    private let values = Mutex<[String: Memo]>([:])

    private struct Memo {
        var storedAt: Double
        var size: Int
        var value: Value
    }

    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
    }

    /// The parsed body of `entry` (stored under `key`), parsing it with `parse` when the memo
    /// does not hold this version.
    func value(of entry: CacheEntry, key: String,
               parse: ([UInt8]) throws(UpstreamError) -> Value) throws(UpstreamError) -> Value {
        let cached = values.withLock { map -> Value? in
            guard let memo = map[key], memo.storedAt == entry.storedAt, memo.size == entry.body.count else { return nil }
            return memo.value
        }
        if let cached { return cached }
        let value = try parse(entry.body)
        values.withLock { map in
            if map.count >= capacity, map[key] == nil { map.removeAll(keepingCapacity: true) }
            map[key] = Memo(storedAt: entry.storedAt, size: entry.body.count, value: value)
        }
        return value
    }

    var count: Int { values.withLock { $0.count } }
}
