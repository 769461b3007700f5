import Foundation
import Logging
import Redis

/// Shares a `RateLimitLedger` with every pod through Redis, off the request path:
///
/// - **Writes.** Each observation the ledger records is queued here (the newest per bucket;
///   queuing never waits) and a background task writes the queue in one pipeline of `EVAL`s.
///   The script keeps the newest observation by `observedAt`, so a late write of an older
///   response never overwrites a newer one, whichever pod wrote it:
///   `HSET hp:quota:<tool>:<scope>:<bucket> limit … remaining … reset … observedAt …` plus
///   `cost:<kind>` fields, an expiry an hour past the window's reset, and the key's name in the
///   set `hp:quota-index`.
/// - **Reads.** Every `refreshInterval` (1 s by default) the pod reads the index and, in one
///   pipeline, the hashes of its own credentials' buckets, and merges what is newer into the
///   local ledger (and the metrics' gauges).
///
/// When Redis fails, the local ledger keeps working: writes are dropped and counted
/// (`droppedWrites`, `UpstreamObserver.quotaLedgerWritesDropped`), reads are skipped until the
/// next refresh, and nothing waits on Redis but the two background tasks.
public final class RedisQuotaSync: RateLimitLedgerSink, Sendable {
    /// Every ledger key starts with this; the rest is `<tool>:<scope>:<bucket>`.
    public static let keyPrefix = "hp:quota:"
    /// A set of every ledger key written, so pods read them without `SCAN`.
    public static let indexKey = "hp:quota-index"
    /// How long a key outlives its window's reset.
    static let retentionPastReset: Double = 3600

    /// Keeps the newest observation: `KEYS[1]` the ledger key, `KEYS[2]` the index; `ARGV`:
    /// observedAt, limit, remaining, reset (empty: unknown), expiry in ms, then kind/cost pairs.
    static let script = """
        local current = redis.call('HGET', KEYS[1], 'observedAt')
        if (not current) or tonumber(current) <= tonumber(ARGV[1]) then
          redis.call('HSET', KEYS[1], 'observedAt', ARGV[1], 'limit', ARGV[2], 'remaining', ARGV[3], 'reset', ARGV[4])
        end
        for i = 6, #ARGV, 2 do
          redis.call('HSET', KEYS[1], 'cost:' .. ARGV[i], ARGV[i + 1])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('SADD', KEYS[2], KEYS[1])
        return 1
        """

    private let client: RedisClient
    private let ledger: RateLimitLedger
    /// `<tool>:<scope>:` of every credential this pod serves: the keys it reads back.
    private let readPrefixes: [String]
    private let refreshInterval: Duration
    private let observer: (any UpstreamObserver)?
    private let logger: Logger
    private let pending = LockedBox([QuotaKey: (observation: RateLimitObservation, costs: [RequestCost])]())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let tasks = LockedBox([Task<Void, Never>]())
    private let counters = LockedBox((written: 0, dropped: 0))

    /// - Parameter scopes: tool → credential scope of the credentials this pod serves
    ///   (`ToolRuntime.credentialScopes`); only their buckets are read back.
    public init(client: RedisClient, ledger: RateLimitLedger, scopes: [String: String],
                refreshInterval: Duration = .seconds(1), observer: (any UpstreamObserver)? = nil,
                logger: Logger = Logger(label: "hyperpage.quota")) {
        self.client = client
        self.ledger = ledger
        self.readPrefixes = scopes.map { Self.keyPrefix + "\($0.key):\($0.value):" }.sorted()
        self.refreshInterval = refreshInterval
        self.observer = observer
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Attaches to the ledger and starts the writer and the periodic refresh.
    public func start() {
        ledger.attach(self)
        let writer = Task { [self] in
            for await _ in wakeUps { await flush() }
        }
        let reader = Task { [self] in
            while !Task.isCancelled {
                await refresh()
                try? await Task.sleep(for: refreshInterval)
            }
        }
        tasks.withLock { $0 += [writer, reader] }
    }

    /// Stops both tasks, after one last write of what is queued.
    public func stop() async {
        wake.finish()
        let running = tasks.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in running.dropFirst() { task.cancel() }
        for task in running { await task.value }
        await flush()
    }

    /// Writes handed to Redis and acknowledged.
    public var writtenCount: Int { counters.withLock { $0.written } }
    /// Writes dropped because Redis failed or refused them.
    public var droppedWrites: Int { counters.withLock { $0.dropped } }

    public func ledgerRecorded(_ observation: RateLimitObservation, costs: [RequestCost]) {
        let key = QuotaKey(tool: observation.tool, scope: observation.scope, bucket: observation.bucket)
        pending.withLock { pending in
            if let queued = pending[key], queued.observation.observedAt > observation.observedAt { return }
            pending[key] = (observation, costs)
        }
        wake.yield()
    }

    /// Writes every queued observation now, in one pipeline.
    public func flush() async {
        let batch = pending.withLock { pending in
            defer { pending = [:] }
            return Array(pending.values)
        }
        guard !batch.isEmpty else { return }
        let now = Date()
        let commands = batch.map { Self.command(for: $0.observation, costs: $0.costs, now: now) }
        let refused: Int
        do throws(RedisError) {
            let replies = try await client.pipeline(commands)
            refused = replies.filter { if case .error = $0 { true } else { false } }.count
        } catch {
            logger.warning("quota ledger write dropped", metadata: [
                "hyperpage.redis.error": "\(error.code)", "hyperpage.quota.count": "\(batch.count)",
            ])
            recordDropped(batch.count)
            return
        }
        if refused > 0 {
            logger.warning("Redis refused quota ledger writes", metadata: ["hyperpage.quota.count": "\(refused)"])
            recordDropped(refused)
        }
        counters.withLock { $0.written += batch.count - refused }
    }

    private func recordDropped(_ count: Int) {
        counters.withLock { $0.dropped += count }
        observer?.quotaLedgerWritesDropped(count: count)
    }

    /// Reads this pod's credentials' buckets from Redis and merges what is newer. Returns false
    /// when Redis could not be read.
    @discardableResult
    public func refresh() async -> Bool {
        guard !readPrefixes.isEmpty else { return true }
        do throws(RedisError) {
            let members = try await client.send(["SMEMBERS", Self.indexKey])
            let keys = (members.array ?? []).compactMap(\.string).filter { key in
                readPrefixes.contains { key.hasPrefix($0) }
            }.sorted()
            guard !keys.isEmpty else { return true }
            let replies = try await client.pipeline(keys.map { [Array("HGETALL".utf8), Array($0.utf8)] })
            var gone: [String] = []
            for (key, reply) in zip(keys, replies) {
                guard let fields = Self.fields(reply), !fields.isEmpty else {
                    if case .array = reply { gone.append(key) }
                    continue
                }
                guard let (observation, costs) = Self.observation(key: key, fields: fields) else { continue }
                if ledger.merge(shared: observation, costs: costs) { observer?.rateLimitObserved(observation) }
            }
            if !gone.isEmpty { _ = try await client.send(["SREM", Self.indexKey] + gone) }
            return true
        } catch {
            logger.debug("quota ledger refresh skipped", metadata: ["hyperpage.redis.error": "\(error.code)"])
            return false
        }
    }

    // MARK: Encoding

    static func key(tool: String, scope: String, bucket: String) -> String {
        keyPrefix + "\(tool):\(scope):\(bucket)"
    }

    static func command(for o: RateLimitObservation, costs: [RequestCost], now: Date) -> [[UInt8]] {
        let resetSeconds = o.resetAt.map { $0.timeIntervalSince1970 } ?? now.timeIntervalSince1970
        let expiryMilliseconds = Int(max(60, resetSeconds - now.timeIntervalSince1970 + retentionPastReset) * 1000)
        var args = ["EVAL", script, "2", key(tool: o.tool, scope: o.scope, bucket: o.bucket), indexKey,
                    String(o.observedAt.timeIntervalSince1970), o.limit.map(String.init) ?? "",
                    o.remaining.map(String.init) ?? "", o.resetAt.map { String($0.timeIntervalSince1970) } ?? "",
                    String(expiryMilliseconds)]
        for cost in costs { args += [cost.kind, "\(cost.average) \(cost.samples)"] }
        return args.map { Array($0.utf8) }
    }

    /// The field → value pairs of an `HGETALL` reply.
    static func fields(_ reply: RedisReply) -> [String: String]? {
        guard case .array(let items) = reply, items.count % 2 == 0 else { return nil }
        var out: [String: String] = [:]
        for i in stride(from: 0, to: items.count, by: 2) {
            guard let name = items[i].string, let value = items[i + 1].string else { continue }
            out[name] = value
        }
        return out
    }

    /// A ledger hash read back, or nil when its key or `observedAt` does not parse.
    static func observation(key: String, fields: [String: String]) -> (RateLimitObservation, [RequestCost])? {
        guard key.hasPrefix(keyPrefix) else { return nil }
        let parts = key.dropFirst(keyPrefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let observedAt = fields["observedAt"].flatMap(Double.init) else { return nil }
        let observation = RateLimitObservation(
            tool: String(parts[0]), scope: String(parts[1]), bucket: String(parts[2]),
            limit: fields["limit"].flatMap { Int($0) }, remaining: fields["remaining"].flatMap { Int($0) },
            resetAt: fields["reset"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) },
            observedAt: Date(timeIntervalSince1970: observedAt))
        var costs: [RequestCost] = []
        for (name, value) in fields where name.hasPrefix("cost:") {
            let numbers = value.split(separator: " ")
            guard numbers.count == 2, let average = Double(numbers[0]), let samples = Int(numbers[1]) else { continue }
            costs.append(RequestCost(kind: String(name.dropFirst(5)), average: average, samples: samples))
        }
        return (observation, costs.sorted { $0.kind < $1.kind })
    }
}
