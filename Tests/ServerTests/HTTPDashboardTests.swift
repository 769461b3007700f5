import Foundation
import Schema
import Testing
@testable import Server

/// `docs/grafana-dashboard.json` and `docs/operations.md` against what `/metrics` really emits.
@Suite struct HTTPDashboardTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Sample names and label names in an exposition with one observation of every metric.
    static func emitted() -> (series: Set<String>, labels: Set<String>) {
        let metrics = HyperpageMetrics()
        metrics.graphQLOperation(type: "query", outcome: .ok)
        metrics.graphQLRequestDuration(seconds: 0.1)
        metrics.upstreamRequestFinished(tool: "github", method: "GET", status: 200, errorCode: nil, seconds: 0.2)
        metrics.loaderBatch(loader: "gitlab.projects", size: 3)
        metrics.cacheLookup(tool: "github", hit: true)
        metrics.rateLimitRemaining(tool: "github", bucket: "core", remaining: 10)
        metrics.persistedQuery(.hit)
        var series: Set<String> = []
        var labels: Set<String> = []
        for key in PrometheusTextCheck.samples(in: metrics.exposition()).keys {
            let name = key.prefix { $0 != "{" }
            series.insert(String(name))
            for m in key.matches(of: #/([a-zA-Z_][a-zA-Z0-9_]*)="/#) { labels.insert(String(m.output.1)) }
        }
        return (series, labels)
    }

    @Test func dashboardUsesOnlyEmittedMetricsAndLabels() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("docs/grafana-dashboard.json"))
        let dashboard = try JSONParser.parse(bytes: Array(data))
        var expressions: [String] = []
        func collect(_ v: Value) {
            switch v {
            case .object(let o):
                for (k, member) in o {
                    if (k == "expr" || k == "definition"), case .string(let s) = member { expressions.append(s) }
                    collect(member)
                }
            case .list(let l): l.forEach(collect)
            default: break
            }
        }
        collect(dashboard)
        #expect(expressions.count >= 10)
        let (series, labels) = Self.emitted()
        var used: Set<String> = []
        for expr in expressions {
            for m in expr.matches(of: #/hyperpage_[a-z_]+/#) {
                let name = String(m.output)
                used.insert(name)
                #expect(series.contains(name), "the dashboard queries \(name), which /metrics does not emit")
            }
            for m in expr.matches(of: #/by \(([a-z_, ]+)\)/#) {
                for label in m.output.1.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    #expect(labels.contains(label), "the dashboard groups by \(label), which no metric has")
                }
            }
            for m in expr.matches(of: #/[{,]([a-z_]+)(=~|!~|!=|=)"/#) {
                #expect(labels.contains(String(m.output.1)), "the dashboard filters on \(m.output.1), which no metric has")
            }
        }
        // Every metric family shows up on the dashboard.
        for family in ["hyperpage_graphql_requests_total", "hyperpage_graphql_request_duration_seconds_bucket",
                       "hyperpage_upstream_requests_total", "hyperpage_upstream_request_duration_seconds_bucket",
                       "hyperpage_dataloader_batch_size_bucket", "hyperpage_cache_lookups_total",
                       "hyperpage_rate_limit_remaining"] {
            #expect(used.contains(family), "\(family) is not on the dashboard")
        }
    }

    @Test func operationsGuideListsEveryMetric() throws {
        let guide = try String(contentsOf: Self.repository.appendingPathComponent("docs/operations.md"), encoding: .utf8)
        for name in Self.emitted().series {
            let family = name.replacingOccurrences(of: #"_(bucket|sum|count)$"#, with: "", options: .regularExpression)
            #expect(guide.contains("`\(family)`"), "docs/operations.md does not list \(family)")
        }
    }
}
