import Foundation
import Synchronization

/// The upstream quota as this server knows it: per tool, credential scope and bucket, the
/// newest rate-limit observation (from this process's responses or, with Redis, from any pod's)
/// and the observed cost of each kind of request. Read by the quota floor
/// (`ToolCache.isQuotaLow`), `Query.rateLimits` and the metrics. Thread-safe; never suspends.
///
/// With a `sink` attached (`RedisQuotaSync`), every observation recorded here is handed to it
/// to be shared; shared observations come back through `merge(shared:costs:)`.
public final class RateLimitLedger: Sendable {
    private struct Entry {
        /// The newest observation by `observedAt`, local or shared.
        var observation: RateLimitObservation
        /// The newest observation this process read from a response: what the next local
        /// response's cost is measured against.
        var lastOwn: RateLimitObservation?
        var costs: [String: RequestCost] = [:]
    }

    private let entries = LockedBox([QuotaKey: Entry]())
    private let sink = LockedBox<(any RateLimitLedgerSink)?>(nil)
    private let changes = Atomic<UInt64>(0)

    public init() {}

    /// Grows after every change of what the ledger shows (an observation recorded or merged),
    /// so a response that showed the ledger can tell whether it still would. It is bumped after
    /// the change: a reader that took the version before a snapshot never pairs a new version
    /// with an old snapshot.
    public var version: UInt64 { changes.load(ordering: .acquiring) }

    private func changed() { changes.add(1, ordering: .releasing) }

    /// Hands every observation recorded from now on (with its key's costs) to `sink`.
    public func attach(_ sink: any RateLimitLedgerSink) {
        self.sink.withLock { $0 = sink }
    }

    /// Records what `response` says about `tool`'s rate limit for the credential `scope`;
    /// responses without rate-limit headers leave the ledger as it was. A response that states
    /// no limit keeps the limit last seen (Jira's 429s often carry only `Retry-After`).
    ///
    /// `kind` (a `CacheKind` name, or nil: `other`) is what the request was: how far
    /// `remaining` dropped since this process's previous response in the same window becomes a
    /// sample of that kind's cost. The drop also counts whatever other requests (concurrent
    /// ones, other pods) spent in between, so costs are estimates, smoothed by a moving average.
    @discardableResult
    public func record(tool: String, scope: String = "", kind: String? = nil, response: UpstreamResponse,
                       at now: Date = Date()) -> RateLimitObservation? {
        guard var observation = RateLimitObservation(tool: tool, scope: scope, response: response, at: now) else { return nil }
        let key = QuotaKey(tool: tool, scope: scope, bucket: observation.bucket)
        let costs: [RequestCost] = entries.withLock { entries in
            guard var entry = entries[key] else {
                entries[key] = Entry(observation: observation, lastOwn: observation)
                return []
            }
            if observation.limit == nil { observation.limit = entry.observation.limit }
            if let own = entry.lastOwn, let drop = Self.drop(from: own, to: observation) {
                let name = kind ?? "other"
                entry.costs[name, default: RequestCost(kind: name)].add(sample: Double(drop))
            }
            if entry.lastOwn.map({ $0.observedAt <= observation.observedAt }) ?? true { entry.lastOwn = observation }
            if entry.observation.observedAt <= observation.observedAt { entry.observation = observation }
            entries[key] = entry
            return entry.costs.values.sorted { $0.kind < $1.kind }
        }
        changed()
        sink.withLock { $0 }?.ledgerRecorded(observation, costs: costs)
        return observation
    }

    /// Takes an observation another pod shared when it is newer than what is known here;
    /// shared costs fill in kinds this process has not measured. Returns whether the
    /// observation was taken.
    @discardableResult
    public func merge(shared observation: RateLimitObservation, costs: [RequestCost] = []) -> Bool {
        let key = QuotaKey(tool: observation.tool, scope: observation.scope, bucket: observation.bucket)
        let (newer, filled) = entries.withLock { entries in
            var entry = entries[key] ?? Entry(observation: observation, lastOwn: nil)
            let newer = entries[key] == nil || entry.observation.observedAt < observation.observedAt
            if newer { entry.observation = observation }
            var filled = false
            for cost in costs where (entry.costs[cost.kind]?.samples ?? 0) == 0 {
                let old = entry.costs[cost.kind]
                if old == nil || old!.samples != cost.samples || old!.average != cost.average { filled = true }
                entry.costs[cost.kind] = cost
            }
            entries[key] = entry
            return (newer, filled)
        }
        if newer || filled { changed() }
        return newer
    }

    /// `remaining` spent between two observations of the same window, or nil when they are not
    /// comparable (window reset, missing counts, out of order).
    static func drop(from old: RateLimitObservation, to new: RateLimitObservation) -> Int? {
        guard let before = old.remaining, let after = new.remaining, old.observedAt <= new.observedAt,
              let oldReset = old.resetAt, let newReset = new.resetAt, abs(oldReset.timeIntervalSince(newReset)) < 1.5,
              after <= before else { return nil }
        return before - after
    }

    /// Every observation, sorted by tool, bucket and scope.
    public func snapshot() -> [RateLimitObservation] {
        entries.withLock { $0.values.map(\.observation) }.sorted {
            ($0.tool, $0.bucket, $0.scope) < ($1.tool, $1.bucket, $1.scope)
        }
    }

    /// The newest observation of `tool`, any scope and bucket.
    public func observation(for tool: String) -> RateLimitObservation? {
        entries.withLock { entries in
            entries.values.map(\.observation).filter { $0.tool == tool }.max { $0.observedAt < $1.observedAt }
        }
    }

    /// The newest observation of one bucket of one credential.
    public func observation(tool: String, scope: String, bucket: String) -> RateLimitObservation? {
        entries.withLock { $0[QuotaKey(tool: tool, scope: scope, bucket: bucket)]?.observation }
    }

    /// The observed cost of each kind of request against one bucket, sorted by kind.
    public func costs(tool: String, scope: String, bucket: String) -> [RequestCost] {
        entries.withLock { $0[QuotaKey(tool: tool, scope: scope, bucket: bucket)]?.costs.values.sorted { $0.kind < $1.kind } ?? [] }
    }
}

/// One bucket of one credential of one tool: what the ledger keeps an observation of.
public struct QuotaKey: Hashable, Sendable {
    public var tool: String
    public var scope: String
    public var bucket: String

    public init(tool: String, scope: String, bucket: String) {
        self.tool = tool
        self.scope = scope
        self.bucket = bucket
    }
}

/// How much of a bucket one request of a kind spends, as observed: an exponential moving
/// average of the drops of `remaining`.
public struct RequestCost: Sendable, Equatable {
    /// A `CacheKind` name (`search`, `user`…), or `other` for requests without one.
    public var kind: String
    public var average: Double
    /// How many responses were measured (capped; only whether it is zero matters for merging).
    public var samples: Int

    /// The weight of a new sample in the average.
    static let smoothing = 0.2

    public init(kind: String, average: Double = 0, samples: Int = 0) {
        self.kind = kind
        self.average = average
        self.samples = samples
    }

    mutating func add(sample: Double) {
        average = samples == 0 ? sample : average + Self.smoothing * (sample - average)
        samples = min(samples + 1, 1_000_000)
    }
}

/// Where a ledger hands its new observations (to be shared with other pods). Called on the
/// recording task, so it must return at once.
public protocol RateLimitLedgerSink: Sendable {
    func ledgerRecorded(_ observation: RateLimitObservation, costs: [RequestCost])
}
