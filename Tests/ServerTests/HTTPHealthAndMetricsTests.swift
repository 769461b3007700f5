import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Schema
import Testing
@testable import Server

/// `/healthz`, `/readyz`, `/metrics`, and the explorer page.
@Suite struct HTTPHealthAndMetricsTests {
    @Test func healthzAnswersOK() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func readyzReportsEachCheckAndIsDegradedWhenAToolIsDown() async throws {
        let report = ReadinessReport(checks: [
            .init(name: "cache", kind: .dependency, status: .ok, essential: true),
            .init(name: "github", kind: .tool, status: .ok),
            .init(name: "jira", kind: .tool, status: .down, message: "UPSTREAM_UNAUTHORIZED"),
        ])
        let app = try HTTPTestService.server(readiness: { report }).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"degraded","checks":[{"name":"cache","kind":"dependency","status":"ok","essential":true},{"name":"github","kind":"tool","status":"ok","essential":false},{"name":"jira","kind":"tool","status":"down","essential":false,"message":"UPSTREAM_UNAUTHORIZED"}]}"#)
        }
    }

    @Test func readyzIs503WhenSomethingEssentialIsDown() async throws {
        let report = ReadinessReport(checks: [
            .init(name: "database", kind: .dependency, status: .down, message: "connection refused", essential: true),
            .init(name: "github", kind: .tool, status: .ok),
        ])
        let app = try HTTPTestService.server(readiness: { report }).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(try response.json()[path: "status"]?.string == "down")
        }
    }

    @Test func readyzAsksTheClosureEachTime() async throws {
        let counter = HTTPTestCounter()
        let app = try HTTPTestService.server(readiness: {
            ReadinessReport(checks: [.init(name: "calls", kind: .dependency, status: counter.add(1) > 1 ? .degraded : .ok)])
        }).makeApplication()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/readyz", method: .get).json()
            let second = try await client.execute(uri: "/readyz", method: .get).json()
            #expect(first[path: "status"]?.string == "ok")
            #expect(second[path: "status"]?.string == "degraded")
        }
    }

    @Test func metricsCountRequestsAndParseAsPrometheusText() async throws {
        let metrics = HyperpageMetrics()
        // What the upstream client, loaders and cache report.
        metrics.upstreamRequestFinished(tool: "github", method: "GET", status: 200, errorCode: nil, seconds: 0.12)
        metrics.upstreamRequestFinished(tool: "jira", method: "POST", status: nil, errorCode: .timeout, seconds: 8)
        metrics.loaderBatch(loader: "jira.changelog", size: 50)
        metrics.cacheLookup(tool: "gitlab", hit: true)
        metrics.cacheLookup(tool: "gitlab", hit: false)
        metrics.rateLimitRemaining(tool: "github", bucket: "core", remaining: 4999)
        let app = try HTTPTestService.server(metrics: metrics).makeApplication()
        try await app.test(.router) { client in
            _ = try await client.postJSON(#"{"query":"{ hello }"}"#)
            _ = try await client.postJSON(#"{"query":"{ hello fail }"}"#)
            _ = try await client.postJSON(#"{"query":"{ nope }"}"#)
            _ = try await client.postJSON(#"{"query":"mutation { increment(by: 1) }"}"#)
            _ = try await client.postJSON("not json")
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            let problems = PrometheusTextCheck.problems(in: text)
            #expect(problems.isEmpty, "\(problems)\n\(text)")
            let samples = PrometheusTextCheck.samples(in: text)
            #expect(samples[#"hyperpage_graphql_requests_total{operation_type="query",outcome="ok"}"#] == 1)
            #expect(samples[#"hyperpage_graphql_requests_total{operation_type="query",outcome="field_error"}"#] == 1)
            #expect(samples[#"hyperpage_graphql_requests_total{operation_type="query",outcome="rejected"}"#] == 1)
            #expect(samples[#"hyperpage_graphql_requests_total{operation_type="mutation",outcome="ok"}"#] == 1)
            #expect(samples[#"hyperpage_graphql_requests_total{operation_type="unknown",outcome="bad_request"}"#] == 1)
            #expect(samples["hyperpage_graphql_request_duration_seconds_count"] == 5)
            #expect(samples[#"hyperpage_upstream_requests_total{tool="github",status="200"}"#] == 1)
            #expect(samples[#"hyperpage_upstream_requests_total{tool="jira",status="UPSTREAM_TIMEOUT"}"#] == 1)
            #expect(samples[#"hyperpage_upstream_request_duration_seconds_count{tool="jira"}"#] == 1)
            #expect(samples[#"hyperpage_upstream_request_duration_seconds_bucket{tool="github",le="0.25"}"#] == 1)
            #expect(samples[#"hyperpage_upstream_request_duration_seconds_bucket{tool="github",le="0.1"}"#] == 0)
            #expect(samples[#"hyperpage_dataloader_batch_size_sum{loader="jira.changelog"}"#] == 50)
            #expect(samples[#"hyperpage_cache_lookups_total{tool="gitlab",result="hit"}"#] == 1)
            #expect(samples[#"hyperpage_cache_lookups_total{tool="gitlab",result="miss"}"#] == 1)
            #expect(samples[#"hyperpage_rate_limit_remaining{tool="github",bucket="core"}"#] == 4999)
        }
    }

    @Test func theTextCheckCatchesBrokenExpositions() {
        #expect(!PrometheusTextCheck.problems(in: "metric{a=\"1\" 2\n").isEmpty)
        #expect(!PrometheusTextCheck.problems(in: "# TYPE m counter\nm abc\n").isEmpty)
        #expect(!PrometheusTextCheck.problems(in: "# TYPE m countr\nm 1\n").isEmpty)
        #expect(!PrometheusTextCheck.problems(in: "m 1\n").isEmpty)  // no TYPE
        #expect(!PrometheusTextCheck.problems(in: "# TYPE 9m counter\n9m 1\n").isEmpty)
        #expect(!PrometheusTextCheck.problems(in: "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n").isEmpty)  // no +Inf
        #expect(PrometheusTextCheck.problems(in: "# HELP m Help.\n# TYPE m counter\nm{a=\"x\\\"y\"} 1.5e3\n").isEmpty)
    }

    // MARK: Explorer

    @Test func browsersGetTheSelfContainedExplorer() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/graphql", method: .get,
                headers: [.accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            for piece in [#"id="query""#, #"id="variables""#, #"id="run""#, #"id="result""#, #"id="schema""#,
                          "__schema", "fetch(location.pathname", "method: \"POST\""] {
                #expect(html.contains(piece), "missing \(piece)")
            }
            // Nothing is loaded from elsewhere: no external script, style sheet, image or import.
            let external = try Regex(#"(?i)(src|href)\s*=\s*["']?\s*(https?:)?//"#)
            #expect(html.firstMatch(of: external) == nil)
            #expect(!html.lowercased().contains("@import"))
            #expect(!html.contains("http://") && !html.contains("https://"))
            // The CSP only lets the page's own nonce-tagged script and style run.
            let csp = try #require(response.headers[.contentSecurityPolicy])
            let nonce = try #require(csp.firstMatch(of: try Regex(#"'nonce-([0-9a-f]{32})'"#))?.output[1].substring)
            #expect(html.contains(#"<script nonce="\#(nonce)">"#))
            #expect(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"))
        }
    }

    @Test func explorerCanBeSwitchedOff() async throws {
        let config = HTTPTestService.config { $0.graphql.explorer = false }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let browser = try await client.execute(uri: "/graphql", method: .get,
                                                   headers: [.accept: "text/html,*/*;q=0.8"])
            #expect(browser.headers[.contentType] == "application/json; charset=utf-8")
            #expect(browser.status == .badRequest)
            #expect(!browser.text.contains("<html"))
            let htmlOnly = try await client.execute(uri: "/graphql", method: .get, headers: [.accept: "text/html"])
            #expect(htmlOnly.status == .notAcceptable)
        }
    }

    @Test func explorerSchemaQueryRunsUnderTightLimits() async throws {
        // Introspection is outside the depth and complexity limits, so the schema browser works
        // whatever they are.
        let config = HTTPTestService.config {
            $0.graphql.maxDepth = 2
            $0.graphql.maxComplexity = 5
        }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let body = JSONSerializer.string(.object(ObjectValue([
                ("query", .string(ExplorerPage.introspectionQuery)), ("operationName", .string("ExplorerSchema")),
            ])))
            let response = try await client.postJSON(body)
            #expect(response.status == .ok)
            let json = try response.json()
            #expect(json[path: "errors"] == nil)
            let names = json[path: "data", "__schema", "types"]?.array?.compactMap { $0[path: "name"]?.string } ?? []
            #expect(names.contains("User") && names.contains("PostConnection") && names.contains("__Type"))
            let query = json[path: "data", "__schema", "types"]?.array?.first { $0[path: "name"]?.string == "Query" }
            #expect(query?[path: "description"]?.string == "The test API.")
            #expect(query?[path: "fields", 0, "description"]?.string == "Greets someone.")
            #expect(query?[path: "fields", 0, "args", 0, "name"]?.string == "name")
        }
        // The page carries exactly this query.
        #expect(ExplorerPage.html(nonce: "n").contains(ExplorerPage.introspectionQueryLiteral))
    }

    @Test func explorerScriptKeepsItsEscapes() {
        // The Swift string must hand the script its `\n` escapes, not raw line breaks inside
        // a JavaScript string literal.
        #expect(ExplorerPage.script.contains(#"\n{\n  __typename\n}\n""#))
    }
}

/// Checks text against the Prometheus text exposition format (0.0.4): `# HELP` / `# TYPE`
/// lines, and samples `name{label="value",…} value [timestamp]` whose family was typed before;
/// histograms have `le` buckets ending in `+Inf`, with `_sum` and `_count`.
enum PrometheusTextCheck {
    static var sampleLine: Regex<(Substring, Substring, Substring?, Substring, Substring?)> { #/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*,?\})? ([^ ]+)( -?[0-9]+)?$/# }
    static var helpLine: Regex<(Substring, Substring, Substring)> { #/^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/# }
    static var typeLine: Regex<(Substring, Substring, Substring)> { #/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/# }

    static func problems(in text: String) -> [String] {
        var problems: [String] = []
        var types: [String: String] = [:]
        var histogramHasInf: [String: Bool] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if let m = line.wholeMatch(of: typeLine) {
                    let name = String(m.output.1)
                    if types[name] != nil { problems.append("line \(n + 1): second TYPE for \(name)") }
                    types[name] = String(m.output.2)
                    if m.output.2 == "histogram" { histogramHasInf[name] = false }
                } else if line.wholeMatch(of: helpLine) == nil, line.hasPrefix("# HELP") || line.hasPrefix("# TYPE") {
                    problems.append("line \(n + 1): malformed \(line)")
                }
                continue
            }
            guard let m = line.wholeMatch(of: sampleLine) else {
                problems.append("line \(n + 1): not a sample: \(line)")
                continue
            }
            let name = String(m.output.1)
            let value = String(m.output.3)
            if Double(value) == nil && !["+Inf", "-Inf", "NaN"].contains(value) {
                problems.append("line \(n + 1): bad value \(value)")
            }
            var family = name
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
                let base = String(name.dropLast(suffix.count))
                if types[base] == "histogram" || types[base] == "summary" { family = base }
            }
            guard let type = types[family] else {
                problems.append("line \(n + 1): sample of \(name) before its TYPE")
                continue
            }
            if type == "histogram" && name == family {
                problems.append("line \(n + 1): histogram sample without _bucket/_sum/_count")
            }
            if name == family + "_bucket" {
                let labels = m.output.2.map(String.init) ?? ""
                if !labels.contains("le=\"") { problems.append("line \(n + 1): bucket without le") }
                if labels.contains("le=\"+Inf\"") { histogramHasInf[family] = true }
            }
        }
        for (name, hasInf) in histogramHasInf where !hasInf {
            problems.append("histogram \(name) has no +Inf bucket")
        }
        return problems
    }

    /// Sample lines as `name{labels}` → value.
    static func samples(in text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let m = String(line).wholeMatch(of: sampleLine) else { continue }
            let key = String(m.output.1) + (m.output.2.map(String.init) ?? "")
            samples[key] = Double(String(m.output.3)) ?? (m.output.3 == "+Inf" ? .infinity : .nan)
        }
        return samples
    }
}
