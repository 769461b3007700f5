import Foundation
import Schema

/// The shared (second) cache level of one tool and one credential, above a `CacheStore`:
/// freshness by kind, stale on error, the quota floor, and no stampede.
///
/// `resolve` answers a batch of keys with one store lookup; what is missing or expired is
/// fetched with one call of the caller's `fetch` and written back with one store write. While
/// a key is being fetched in this process, other callers missing it wait for that fetch
/// (single flight); across processes, a short store lock (`hp:lock:<key>`) elects one fetcher
/// and the others poll the store until its answer appears (bounded by the lock's TTL and the
/// request's deadline), else fetch themselves.
///
/// Store failures are misses and skipped writes: they are counted (`cacheError`), make
/// `CacheHealth` degraded, and never fail a query.
final class ToolCache: Sendable {
    let tool: String
    /// HMAC of the credential's identity: the `<scope>` of every key.
    let scope: String
    let livePolicy: LivePolicy
    /// The policy now (a reload may replace it between two calls).
    var policy: CachePolicy { livePolicy.policy }
    let store: any CacheStore
    let ledger: RateLimitLedger
    let observer: (any UpstreamObserver)?
    let health: CacheHealth
    let flights = FlightGroup()
    /// Parsed bodies of the entries this tool served recently.
    let parsed = ParsedEntryMemo()
    /// The current Unix time in seconds.
    let now: @Sendable () -> Double
    /// The pause between two looks at the store while another pod fetches.
    static var pollInterval: Duration { .milliseconds(25) }

    /// What entries fetched from the tool become: the keys fetched, with their retained
    /// entries (for conditional revalidation), to new entries.
    typealias Fetch = @Sendable (_ keys: [String], _ retained: [String: CacheEntry]) async throws(UpstreamError) -> [String: CacheEntry]

    init(tool: String, scope: String, policy: LivePolicy, store: any CacheStore, ledger: RateLimitLedger,
         observer: (any UpstreamObserver)?, health: CacheHealth, now: @escaping @Sendable () -> Double) {
        self.tool = tool
        self.scope = scope
        livePolicy = policy
        self.store = store
        self.ledger = ledger
        self.observer = observer
        self.health = health
        self.now = now
    }

    func isCaching(_ kind: CacheKind) -> Bool { policy.ttl(for: kind) > .zero }

    func key(_ kind: CacheKind, resource: String) -> String {
        CacheKeys.key(tool: tool, scope: scope, kind: kind.name, resource: resource)
    }

    /// A new entry of `kind` fetched now.
    func entry(body: [UInt8], headers: [(name: String, value: String)] = [], kind: CacheKind) -> CacheEntry {
        let t = now()
        let fresh = t + policy.ttl(for: kind).seconds
        return CacheEntry(body: body, headers: headers, storedAt: t, freshUntil: fresh, retainUntil: fresh + policy.staleGrace.seconds)
    }

    /// `old` confirmed unchanged by the tool now (a 304).
    func refreshed(_ old: CacheEntry, kind: CacheKind) -> CacheEntry {
        entry(body: old.body, headers: old.headers, kind: kind)
    }

    // MARK: Resolving a batch

    /// The entries of `keys` (those the tool answered), from the cache or from `fetch`.
    func resolve(kind: CacheKind, keys: [String], deadline: ContinuousClock.Instant,
                 fetch: Fetch) async throws(UpstreamError) -> [String: CacheEntry] {
        guard isCaching(kind) else {
            SourceStatusRecorder.current?.noteUncached()
            return try await fetch(keys, [:])
        }
        let result = try await resolveCached(kind: kind, keys: keys, deadline: deadline, fetch: fetch)
        if let recorder = SourceStatusRecorder.current, let until = result.values.lazy.map(\.freshUntil).min() {
            recorder.noteFresh(until: until)
        }
        return result
    }

    private func resolveCached(kind: CacheKind, keys: [String], deadline: ContinuousClock.Instant,
                               fetch: Fetch) async throws(UpstreamError) -> [String: CacheEntry] {
        var distinct: [String] = []
        var seen = Set<String>()
        for key in keys where seen.insert(key).inserted { distinct.append(key) }
        let retained = await lookup(distinct)
        let t = now()
        let quotaLow = isQuotaLow(kind)
        let refreshing = CacheRefresh.isOn
        var result: [String: CacheEntry] = [:]
        var missing: [String] = []
        for key in distinct {
            if let entry = retained[key], entry.isFresh(at: t), !refreshing || quotaLow {
                observer?.cacheLookup(tool: tool, hit: true)
                result[key] = entry
                continue
            }
            observer?.cacheLookup(tool: tool, hit: false)
            if let entry = retained[key], quotaLow {
                serveStale(entry)
                result[key] = entry
            } else {
                missing.append(key)
            }
        }
        guard !missing.isEmpty else { return result }

        let (leading, following) = flights.claim(missing)
        var failure: UpstreamError?
        if !leading.isEmpty {
            do throws(UpstreamError) {
                let fetched = try await lead(leading, kind: kind, retained: retained, deadline: deadline, fetch: fetch)
                result.merge(fetched) { _, new in new }
            } catch {
                failure = error
                for key in leading { if let stale = staleFallback(retained[key], error) { result[key] = stale } }
            }
        }
        for (key, flight) in following {
            switch await flight.wait() {
            case .success(let entry):
                result[key] = entry
            case .failure(let error):
                if let stale = staleFallback(retained[key], error) {
                    result[key] = stale
                } else if error.code != .badResponse || failure == nil {
                    failure = error
                }
            }
        }
        if let failure, missing.contains(where: { result[$0] == nil }) { throw failure }
        return result
    }

    /// Fetches `keys` for everyone: takes their cross-pod locks, waits in the store for keys
    /// another pod holds, fetches the rest in one call, writes them back in one write, and ends
    /// every key's flight.
    private func lead(_ keys: [String], kind: CacheKind, retained: [String: CacheEntry], deadline: ContinuousClock.Instant,
                      fetch: Fetch) async throws(UpstreamError) -> [String: CacheEntry] {
        let token = UUID().uuidString
        var locked: [String] = []
        var elsewhere: [String] = []
        for key in keys {
            do throws(CacheStoreError) {
                if try await store.acquireLock(CacheKeys.lockKey(key), token: token, ttl: policy.lockTTL) {
                    locked.append(key)
                } else {
                    elsewhere.append(key)
                }
                health.recordSuccess()
            } catch {
                storeFailed(error)
                // A slow reply may still have set the lock (ours or not): wait for the entry
                // as if another pod fetched it, falling back to fetching when the wait ends
                // empty. An unreachable store is a plain miss: fetch at once.
                if error.code == .timeout { elsewhere.append(key) } else { locked.append(key) }
            }
        }
        var got: [String: CacheEntry] = [:]
        // Another pod may have fetched, written and released a key between our lookup and our
        // lock: look again before asking the tool (one MGET, on the cold path only).
        if !locked.isEmpty {
            let t = now()
            for (key, entry) in await lookup(locked)
            where entry.isFresh(at: t) && entry.storedAt > (retained[key]?.storedAt ?? -.infinity) {
                got[key] = entry
            }
            locked.removeAll { got[$0] != nil }
            await release(keys.filter { got[$0] != nil }, token: token)
        }
        // Our own keys first, then the wait for other pods' keys: waiting first would deadlock
        // two pods that each hold a key the other waits for (until the locks' TTL).
        var failure: UpstreamError?
        func fetchAndWrite(_ toFetch: [String]) async {
            guard !toFetch.isEmpty else { return }
            do throws(UpstreamError) {
                let fetched = try await fetch(toFetch, retained.filter { toFetch.contains($0.key) })
                got.merge(fetched) { _, new in new }
                await write(fetched)
            } catch {
                failure = error
            }
        }
        await fetchAndWrite(locked)
        if !elsewhere.isEmpty {
            got.merge(await awaitOtherFetcher(elsewhere, retained: retained, deadline: deadline)) { _, new in new }
            await fetchAndWrite(elsewhere.filter { got[$0] == nil })
        }
        await release(locked, token: token)
        let missingItem = UpstreamError(code: .badResponse, tool: tool, message: "The tool did not return a requested item.")
        for key in keys {
            if let entry = got[key] {
                flights.finish(key, .success(entry))
            } else {
                flights.finish(key, .failure(failure ?? missingItem))
            }
        }
        if let failure { throw failure }
        return got
    }

    /// Polls the store until another pod's fetch of `keys` lands (an entry fresher than the one
    /// retained), at most until the lock would expire or the deadline passes.
    private func awaitOtherFetcher(_ keys: [String], retained: [String: CacheEntry],
                                   deadline: ContinuousClock.Instant) async -> [String: CacheEntry] {
        let until = min(ContinuousClock.now + policy.lockTTL, deadline)
        var pending = keys
        var got: [String: CacheEntry] = [:]
        while !pending.isEmpty, ContinuousClock.now + Self.pollInterval < until {
            try? await Task.sleep(for: Self.pollInterval)
            let entries: [CacheEntry?]
            do throws(CacheStoreError) {
                entries = try await store.entries(for: pending)
            } catch {
                storeFailed(error)
                break
            }
            let t = now()
            for (key, entry) in zip(pending, entries) {
                guard let entry, entry.isFresh(at: t), entry.storedAt > (retained[key]?.storedAt ?? -.infinity) else { continue }
                got[key] = entry
            }
            pending.removeAll { got[$0] != nil }
        }
        return got
    }

    // MARK: Store access (failures are misses)

    private func lookup(_ keys: [String]) async -> [String: CacheEntry] {
        do throws(CacheStoreError) {
            let entries = try await store.entries(for: keys)
            health.recordSuccess()
            var out: [String: CacheEntry] = [:]
            for (key, entry) in zip(keys, entries) { out[key] = entry }
            return out
        } catch {
            storeFailed(error)
            return [:]
        }
    }

    private func write(_ entries: [String: CacheEntry]) async {
        guard !entries.isEmpty else { return }
        do throws(CacheStoreError) {
            try await store.store(entries.map { (key: $0.key, entry: $0.value) })
            health.recordSuccess()
        } catch {
            storeFailed(error)
        }
    }

    private func release(_ keys: [String], token: String) async {
        for key in keys {
            do throws(CacheStoreError) {
                try await store.releaseLock(CacheKeys.lockKey(key), token: token)
            } catch {
                storeFailed(error)
            }
        }
    }

    private func storeFailed(_ error: CacheStoreError) {
        health.recordFailure(error)
        observer?.cacheError(error)
    }

    // MARK: Staleness

    /// Whether the bucket a request of `kind` spends (this credential's, as every pod sees
    /// it through the ledger) has fewer requests left than its floor, in a window that has not
    /// reset yet.
    func isQuotaLow(_ kind: CacheKind) -> Bool {
        let bucket = kind.quotaBucket
        guard let observation = ledger.observation(tool: tool, scope: scope, bucket: bucket),
              let remaining = observation.remaining, let reset = observation.resetAt, reset > Date() else { return false }
        let coreLimit = ledger.observation(tool: tool, scope: scope, bucket: RateLimitObservation.coreBucket)?.limit
        return remaining < policy.floor(for: tool, bucket: bucket, limit: observation.limit, coreLimit: coreLimit)
    }

    /// The retained entry to serve instead of failing with `error`, when there is one and the
    /// failure is the tool's (down, slow, rate limited) rather than the caller's credentials.
    private func staleFallback(_ entry: CacheEntry?, _ error: UpstreamError) -> CacheEntry? {
        guard let entry else { return nil }
        switch error.code {
        case .unavailable, .timeout, .rateLimited:
            serveStale(entry)
            return entry
        case .unauthorized, .badResponse:
            return nil
        }
    }

    private func serveStale(_ entry: CacheEntry) {
        observer?.cacheStaleServed(tool: tool)
        SourceStatusRecorder.current?.markStale(tool: tool, ageSeconds: now() - entry.storedAt)
    }
}
