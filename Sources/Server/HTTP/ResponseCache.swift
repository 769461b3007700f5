import NIOCore
import Resolvers
import Synchronization

/// Whole `/graphql` responses kept for reuse (`ResponseCaching`), by the exact request bytes
/// (the POST body, or the GET query string) and the caller: a dashboard refreshing the same
/// query is answered without parsing, validating or executing it again while the data it
/// showed is still fresh. Different callers never share an entry.
///
/// In process only: every pod keeps its own, and events that change cached answers (an
/// invalidation, a reload, another pod's message) outdate them through the validity check.
/// Bounded: when full, outdated entries are dropped first, then everything.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        let isGET: Bool
        let request: [UInt8]
        let caller: RequestCaller
        /// Hashed once, outside the lock (the request bytes can be kilobytes).
        private let hash: Int

        init(isGET: Bool, request: [UInt8], caller: RequestCaller) {
            self.isGET = isGET
            self.request = request
            self.caller = caller
            var hasher = Hasher()
            hasher.combine(isGET)
            request.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(caller)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.isGET == b.isGET && a.request == b.request && a.caller == b.caller
        }
    }

    private struct Entry {
        let body: ByteBuffer
        let validity: ResponseValidity
    }

    let capacity: Int
    /// Larger responses are not kept.
    let maxBodyBytes: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(capacity: Int = 1024, maxBodyBytes: Int = 1 << 20) {
        self.capacity = max(1, capacity)
        self.maxBodyBytes = maxBodyBytes
    }

    /// The body kept for `key` while it is still valid (an outdated one is dropped).
    func body(for key: Key) -> ByteBuffer? {
        guard let entry = entries.withLock({ $0[key] }) else { return nil }
        if entry.validity.isCurrent() { return entry.body }
        entries.withLock { map in
            if let current = map[key], current.body == entry.body { map[key] = nil }
        }
        return nil
    }

    func insert(_ body: [UInt8], validity: ResponseValidity, for key: Key) {
        guard body.count <= maxBodyBytes, validity.isCurrent() else { return }
        let entry = Entry(body: ByteBuffer(bytes: body), validity: validity)
        entries.withLock { map in
            if map.count >= capacity, map[key] == nil {
                map = map.filter { $0.value.validity.isCurrent() }
                if map.count >= capacity { map.removeAll(keepingCapacity: true) }
            }
            map[key] = entry
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
