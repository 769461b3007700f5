import Prometheus
import Resolvers
import Synchronization

/// The server's Prometheus metrics, exposed on `GET /metrics` (text format 0.0.4). Every name is
/// listed in `docs/operations.md` and used by `docs/grafana-dashboard.json`:
///
/// | metric | type | labels |
/// |---|---|---|
/// | `hyperpage_graphql_requests_total` | counter | `operation_type` (query, mutation, subscription, unknown), `outcome` (ok, field_error, rejected, bad_request) |
/// | `hyperpage_graphql_response_cache_lookups_total` | counter | `result` (hit: a kept response answered the request; miss: it was executed) |
/// | `hyperpage_graphql_request_duration_seconds` | histogram | — (one observation per HTTP request to `/graphql`, batches included) |
/// | `hyperpage_upstream_requests_total` | counter | `tool`, `status` (HTTP status, or the error code when there was no response); one per attempt |
/// | `hyperpage_upstream_request_duration_seconds` | histogram | `tool` |
/// | `hyperpage_dataloader_batch_size` | histogram | `loader` |
/// | `hyperpage_cache_lookups_total` | counter | `tool`, `result` (hit: fresh entry; miss: none or expired) |
/// | `hyperpage_cache_stale_served_total` | counter | `tool` (expired entries served: tool failing or quota below the floor) |
/// | `hyperpage_cache_revalidated_total` | counter | `tool` (expired entries confirmed by a 304 and reused) |
/// | `hyperpage_cache_errors_total` | counter | `code` (cache store failures, each a miss or a skipped write) |
/// | `hyperpage_rate_limit_remaining` | gauge | `tool`, `bucket` (newest observation of any pod sharing the Redis ledger) |
/// | `hyperpage_rate_limit_limit` | gauge | `tool`, `bucket` |
/// | `hyperpage_quota_ledger_writes_dropped_total` | counter | — (ledger observations not shared because Redis failed) |
/// | `hyperpage_audit_write_failures_total` | counter | `event` (audit events that could not be written; the request went on) |
///
/// Thread-safe: the registry locks internally, so any task may record.
public final class HyperpageMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// The per-request series, by label values: the registry checks names and labels on every
    /// `make…` call, too slow for the path of a reused response.
    private let requestCounters = Mutex<[String: Counter]>([:])
    private let requestDuration: ValueHistogram
    private let responseCacheHits: Counter
    private let responseCacheMisses: Counter

    static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let batchSizeBuckets: [Double] = [1, 2, 5, 10, 20, 50, 100, 250]

    /// Outcomes of one GraphQL operation (`outcome` label).
    public enum Outcome: String, Sendable {
        /// Executed without errors.
        case ok
        /// Executed, with field errors (partial or null data).
        case fieldError = "field_error"
        /// Refused before execution: parse, validation, limits, introspection off, variables.
        case rejected
        /// Not a well-formed GraphQL-over-HTTP request (bad JSON, media type, size, method).
        case badRequest = "bad_request"
    }

    private static var graphQLRequests: MetricNameDescriptor {
        descriptor("graphql", "requests", "total", "GraphQL operations by operation type and outcome.")
    }
    private static var graphQLDuration: MetricNameDescriptor {
        descriptor("graphql", "request_duration", "seconds", "Time to answer one HTTP request to /graphql (a batch counts once).")
    }
    private static var responseCacheLookups: MetricNameDescriptor {
        descriptor("graphql", "response_cache_lookups", "total", "Lookups of kept whole responses by result (hit or miss).")
    }
    private static var upstreamRequests: MetricNameDescriptor {
        descriptor("upstream", "requests", "total", "Upstream HTTP attempts (retries count each) by tool and HTTP status, or error code when no response came.")
    }
    private static var upstreamDuration: MetricNameDescriptor {
        descriptor("upstream", "request_duration", "seconds", "Time of one upstream HTTP attempt, by tool.")
    }
    private static var loaderBatchSize: MetricNameDescriptor {
        descriptor("dataloader", "batch_size", "", "Keys per DataLoader batch, by loader.")
    }
    private static var cacheLookups: MetricNameDescriptor {
        descriptor("cache", "lookups", "total", "Response cache lookups by tool and result (hit or miss).")
    }
    private static var cacheStale: MetricNameDescriptor {
        descriptor("cache", "stale_served", "total", "Expired cache entries served because the tool failed or its quota is below the floor, by tool.")
    }
    private static var cacheRevalidated: MetricNameDescriptor {
        descriptor("cache", "revalidated", "total", "Expired cache entries the tool confirmed unchanged (HTTP 304) and that were reused, by tool.")
    }
    private static var cacheErrors: MetricNameDescriptor {
        descriptor("cache", "errors", "total", "Cache store failures (each treated as a miss or a skipped write), by error code.")
    }
    private static var rateLimitGauge: MetricNameDescriptor {
        descriptor("rate_limit", "remaining", "", "Requests left in the current rate-limit window of the tool's bucket, from the newest response headers any pod read.")
    }
    private static var rateLimitLimitGauge: MetricNameDescriptor {
        descriptor("rate_limit", "limit", "", "Requests allowed per rate-limit window of the tool's bucket.")
    }
    private static var quotaWritesDropped: MetricNameDescriptor {
        descriptor("quota_ledger", "writes_dropped", "total", "Quota ledger observations not shared through Redis because it failed or refused them.")
    }

    private static var auditWriteFailures: MetricNameDescriptor {
        descriptor("audit", "write_failures", "total", "Audit log events that could not be written (the request that caused them went on), by event.")
    }

    private static func descriptor(_ subsystem: String, _ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "hyperpage", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        // The unlabelled histogram exists from the start, so /metrics is never empty.
        requestDuration = registry.makeValueHistogram(descriptor: Self.graphQLDuration, buckets: Self.latencyBuckets)
        responseCacheHits = registry.makeCounter(descriptor: Self.responseCacheLookups, labels: [("result", "hit")])
        responseCacheMisses = registry.makeCounter(descriptor: Self.responseCacheLookups, labels: [("result", "miss")])
    }

    /// Counts one GraphQL operation (`operationType` nil when it was never parsed).
    public func graphQLOperation(type operationType: String?, outcome: Outcome) {
        let type = operationType ?? "unknown"
        let key = type + "|" + outcome.rawValue
        if let counter = requestCounters.withLock({ $0[key] }) {
            counter.increment()
            return
        }
        let counter = registry.makeCounter(descriptor: Self.graphQLRequests,
                                           labels: [("operation_type", type), ("outcome", outcome.rawValue)])
        requestCounters.withLock { $0[key] = counter }
        counter.increment()
    }

    /// Counts one lookup of a kept whole response.
    public func responseCacheLookup(hit: Bool) {
        (hit ? responseCacheHits : responseCacheMisses).increment()
    }

    /// Records the time one HTTP request to `/graphql` took.
    public func graphQLRequestDuration(seconds: Double) {
        requestDuration.record(seconds)
    }

    // MARK: Upstream observer (`UpstreamObserver`, see HyperpageMetrics+UpstreamObserver.swift)

    public func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?,
                                        seconds: Double) {
        let statusLabel = status.map(String.init) ?? errorCode?.rawValue ?? "unknown"
        registry.makeCounter(descriptor: Self.upstreamRequests, labels: [("tool", tool), ("status", statusLabel)])
            .increment()
        registry.makeValueHistogram(descriptor: Self.upstreamDuration, labels: [("tool", tool)],
                                    buckets: Self.latencyBuckets).record(seconds)
    }

    /// Sets the remaining-requests gauge of one bucket of `tool` (what `rateLimitObserved`
    /// records).
    public func rateLimitRemaining(tool: String, bucket: String, remaining: Int) {
        registry.makeGauge(descriptor: Self.rateLimitGauge, labels: [("tool", tool), ("bucket", bucket)]).set(Double(remaining))
    }

    /// Sets the limit gauge of one bucket of `tool`.
    public func rateLimitLimit(tool: String, bucket: String, limit: Int) {
        registry.makeGauge(descriptor: Self.rateLimitLimitGauge, labels: [("tool", tool), ("bucket", bucket)]).set(Double(limit))
    }

    public func quotaLedgerWritesDropped(count: Int) {
        registry.makeCounter(descriptor: Self.quotaWritesDropped).increment(by: Int64(count))
    }

    /// Counts one audit event the log did not take.
    public func auditWriteFailed(event: String) {
        registry.makeCounter(descriptor: Self.auditWriteFailures, labels: [("event", event)]).increment()
    }

    public func loaderBatch(loader: String, size: Int) {
        registry.makeValueHistogram(descriptor: Self.loaderBatchSize, labels: [("loader", loader)],
                                    buckets: Self.batchSizeBuckets).record(Double(size))
    }

    public func cacheLookup(tool: String, hit: Bool) {
        registry.makeCounter(descriptor: Self.cacheLookups, labels: [("tool", tool), ("result", hit ? "hit" : "miss")])
            .increment()
    }

    public func cacheStaleServed(tool: String) {
        registry.makeCounter(descriptor: Self.cacheStale, labels: [("tool", tool)]).increment()
    }

    public func cacheRevalidated(tool: String) {
        registry.makeCounter(descriptor: Self.cacheRevalidated, labels: [("tool", tool)]).increment()
    }

    public func cacheError(_ error: CacheStoreError) {
        registry.makeCounter(descriptor: Self.cacheErrors, labels: [("code", error.code.rawValue)]).increment()
    }

    /// Every metric in the Prometheus text exposition format.
    public func exposition() -> String {
        registry.emitToString()
    }
}
