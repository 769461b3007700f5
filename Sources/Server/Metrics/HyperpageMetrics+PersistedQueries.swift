import Prometheus

/// `hyperpage_persisted_queries_total{result}`: what became of the requests that named a
/// persisted document (and, in trusted-documents mode, of every request).
extension HyperpageMetrics {
    /// The `result` label.
    public enum PersistedQueryResult: String, Sendable {
        /// The hash was registered (or, trusted-only, the document trusted): it ran.
        case hit
        /// The hash was unknown: `PERSISTED_QUERY_NOT_FOUND`, or registration when the text came too.
        case miss
        /// A new document was stored by automatic persisted queries.
        case registered
        /// Trusted-only mode refused an operation that is not a trusted document.
        case notTrusted = "not_trusted"
        /// The store (PostgreSQL) failed.
        case error
    }

    private static var persistedQueries: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "hyperpage", subsystem: "persisted", metricName: "queries", unitName: "total",
                             helpText: "Persisted-query lookups and registrations by result (hit, miss, registered, not_trusted, error).")
    }

    public func persistedQuery(_ result: PersistedQueryResult) {
        registry.makeCounter(descriptor: Self.persistedQueries, labels: [("result", result.rawValue)]).increment()
    }
}
