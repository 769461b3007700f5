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
/// Bounded in entries and in bytes: when full, outdated entries are dropped first, then
/// everything.
///
/// Requests that miss the same key while one of them is executing wait for it (`flight`): when
/// a kept response stops being valid under load, one request executes and the others get what
/// it kept, instead of all executing at once.
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

    fileprivate struct Entry {
        let body: ByteBuffer
        let validity: ResponseValidity
    }

    fileprivate struct Store {
        var entries: [Key: Entry] = [:]
        /// Response bytes plus request bytes of every entry.
        var bytes = 0
    }

    let capacity: Int
    /// Larger responses are not kept.
    let maxBodyBytes: Int
    /// Response and request bytes kept at most, all entries together.
    let maxTotalBytes: Int
    private let store = Mutex(Store())
    private let flights = Mutex<[Key: [CheckedContinuation<ByteBuffer?, Never>]]>([:])

    /// What a request that missed does next.
    enum Flight {
        /// Execute, then call `land(_:)` (whatever happens).
        case lead
        /// Another request with the same key executed; its kept response, or nil when it kept
        /// none (execute then, without waiting again).
        case followed(ByteBuffer?)
    }

    init(capacity: Int = 1024, maxBodyBytes: Int = 1 << 20, maxTotalBytes: Int = 64 << 20) {
        self.capacity = max(1, capacity)
        self.maxBodyBytes = maxBodyBytes
        self.maxTotalBytes = max(maxBodyBytes, maxTotalBytes)
    }

    /// The body kept for `key` while it is still valid (an outdated one is dropped).
    func body(for key: Key) -> ByteBuffer? {
        guard let entry = store.withLock({ $0.entries[key] }) else { return nil }
        if entry.validity.isCurrent() { return entry.body }
        store.withLock { s in
            if let current = s.entries[key], current.body == entry.body { s.remove(key) }
        }
        return nil
    }

    func insert(_ body: [UInt8], validity: ResponseValidity, for key: Key) {
        guard body.count <= maxBodyBytes, validity.isCurrent() else { return }
        let entry = Entry(body: ByteBuffer(bytes: body), validity: validity)
        let size = Store.size(entry, key)
        store.withLock { s in
            s.remove(key)
            if s.entries.count >= capacity || s.bytes + size > maxTotalBytes {
                for (k, e) in s.entries where !e.validity.isCurrent() { s.remove(k) }
                if s.entries.count >= capacity || s.bytes + size > maxTotalBytes { s = Store() }
            }
            s.entries[key] = entry
            s.bytes += size
        }
    }

    /// Leads the execution for `key`, or waits for the request already leading it.
    func flight(for key: Key) async -> Flight {
        let leads = flights.withLock { f -> Bool in
            guard f[key] == nil else { return false }
            f[key] = []
            return true
        }
        if leads { return .lead }
        let body = await withCheckedContinuation { (waiter: CheckedContinuation<ByteBuffer?, Never>) in
            let landed = flights.withLock { f -> Bool in
                guard f[key] != nil else { return true }
                f[key]!.append(waiter)
                return false
            }
            if landed { waiter.resume(returning: self.body(for: key)) }
        }
        return .followed(body)
    }

    /// Ends the flight of `key`: its waiters get the response kept under it, if any.
    func land(_ key: Key) {
        let waiters = flights.withLock { $0.removeValue(forKey: key) ?? [] }
        guard !waiters.isEmpty else { return }
        let body = body(for: key)
        for waiter in waiters { waiter.resume(returning: body) }
    }

    var count: Int { store.withLock { $0.entries.count } }
    var bytes: Int { store.withLock { $0.bytes } }
}

extension ResponseCache.Store {
    static func size(_ entry: ResponseCache.Entry, _ key: ResponseCache.Key) -> Int {
        entry.body.readableBytes + key.request.count
    }

    mutating func remove(_ key: ResponseCache.Key) {
        guard let old = entries.removeValue(forKey: key) else { return }
        bytes -= Self.size(old, key)
    }
}
