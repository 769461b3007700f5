import Foundation
import Schema

/// One tool's REST API as the connectors see it: authenticated, retried with bounded backoff,
/// rate-limit aware, bounded by the GraphQL request's deadline, and failing with typed,
/// client-safe errors.
public struct UpstreamClient: Sendable {
    /// `github`, `gitlab` or `jira`: the `tool` of errors, observations and metrics.
    public let tool: String
    public let baseURL: String
    public let ledger: RateLimitLedger
    /// The credential scope the ledger files this client's observations under.
    public let scope: String
    public let retry: RetryPolicy
    public let attemptTimeout: Duration
    private let auth: UpstreamAuth
    private let transport: any UpstreamTransport
    private let observer: (any UpstreamObserver)?

    public init(tool: String, baseURL: String, auth: UpstreamAuth, transport: any UpstreamTransport,
                ledger: RateLimitLedger, retry: RetryPolicy = RetryPolicy(), attemptTimeout: Duration = .seconds(8),
                observer: (any UpstreamObserver)? = nil, scope: String = "") {
        self.tool = tool
        self.scope = scope
        self.baseURL = baseURL
        self.auth = auth
        self.transport = transport
        self.ledger = ledger
        self.retry = retry
        self.attemptTimeout = attemptTimeout
        self.observer = observer
    }

    /// `path` is appended to `baseURL` ("/user"), or used as is when it is an absolute http(s)
    /// URL on the same origin (pagination links). Query items are percent-encoded here. Adds
    /// auth, `Accept`, `User-Agent: hyperpage`, and a JSON content type when there is a body.
    /// `headers` are added to the request (conditional requests send `If-None-Match` /
    /// `If-Modified-Since`; their 304 is then returned like a 2xx). Returns only 2xx responses. Retries 429, 5xx and transport failures with bounded
    /// exponential backoff honouring `Retry-After`, never sleeping past `deadline` (then it
    /// throws the last error). 401/403 → `.unauthorized` (403 with no requests remaining →
    /// `.rateLimited`), 429 → `.rateLimited`, 5xx / connect failure → `.unavailable`, timeout
    /// (attempt or deadline) → `.timeout`, other statuses → `.badResponse`. `costKind` names
    /// the kind of request in the ledger's cost estimates (nil: `other`).
    public func send(_ method: String = "GET", _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
                     headers: [(name: String, value: String)] = [], costKind: String? = nil,
                     deadline: ContinuousClock.Instant) async throws(UpstreamError) -> UpstreamResponse {
        guard let url = UpstreamURL.resolve(path, baseURL: baseURL, query: query) else {
            throw failure(.badResponse, "A pagination link points outside the tool's API; it was not followed.")
        }
        let request = UpstreamRequest(method: method, url: url, headers: requestHeaders(hasBody: body != nil) + headers, body: body)
        let conditional = headers.contains { ["if-none-match", "if-modified-since"].contains($0.name.lowercased()) }
        var retriesDone = 0
        var lastError: UpstreamError?
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                throw lastError ?? failure(.timeout, "The request's deadline passed before the tool was asked.")
            }
            let error: UpstreamError
            switch await attempt(request, timeout: min(attemptTimeout, left), conditional: conditional, costKind: costKind) {
            case .success(let response): return response
            case .failure(let failed): error = failed
            }
            lastError = error
            guard Self.isRetryable(error.code), retriesDone < retry.maxRetries, !Task.isCancelled else { throw error }
            let delay: Duration
            if let retryAfter = error.retryAfter, retryAfter > 0 {
                delay = .seconds(retryAfter)
            } else {
                delay = retry.backoff(beforeRetry: retriesDone)
            }
            // Waiting would use up the deadline: give the caller the error now, with the
            // tool's Retry-After, rather than a timeout later.
            guard ContinuousClock.now.advanced(by: delay) < deadline else { throw error }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw lastError ?? failure(.timeout, "The request was cancelled.")
            }
            retriesDone += 1
        }
    }

    /// `send` with a JSON body (serialized from `body`) and a JSON response parsed into a
    /// `Value` (an empty body is `null`). A body that is not JSON → `.badResponse`.
    public func json(_ method: String = "GET", _ path: String, query: [(String, String)] = [], body: Value? = nil,
                     deadline: ContinuousClock.Instant) async throws(UpstreamError) -> (Value, UpstreamResponse) {
        let bytes = body.map { JSONSerializer.serialize($0) }
        let response = try await send(method, path, query: query, body: bytes, deadline: deadline)
        if response.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { return (.null, response) }
        do {
            return (try JSONParser.parse(bytes: response.body), response)
        } catch {
            throw failure(.badResponse, "The response is not valid JSON (\(error.description)).")
        }
    }

    /// `send("GET", path, …)`. (Swift cannot skip the defaulted leading `method` of the
    /// two-argument form when only a path is given, so this spelling exists too.)
    public func send(_ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
                     deadline: ContinuousClock.Instant) async throws(UpstreamError) -> UpstreamResponse {
        try await send("GET", path, query: query, body: body, deadline: deadline)
    }

    /// `json("GET", path, …)`, for the same reason as the one-argument `send`.
    public func json(_ path: String, query: [(String, String)] = [], body: Value? = nil,
                     deadline: ContinuousClock.Instant) async throws(UpstreamError) -> (Value, UpstreamResponse) {
        try await json("GET", path, query: query, body: body, deadline: deadline)
    }

    // MARK: - One attempt

    private func attempt(_ request: UpstreamRequest, timeout: Duration, conditional: Bool,
                         costKind: String?) async -> Result<UpstreamResponse, UpstreamError> {
        let clock = ContinuousClock()
        let started = clock.now
        let result: Result<UpstreamResponse, UpstreamError>
        var status: Int?
        do {
            let response = try await transport.perform(request, timeout: timeout)
            status = response.status
            if let observation = ledger.record(tool: tool, scope: scope, kind: costKind, response: response) {
                observer?.rateLimitObserved(observation)
            }
            result = conditional && response.status == 304 ? .success(response) : classify(response)
        } catch {
            var error = error
            error.tool = tool
            error.message = "\(tool): \(error.message)"
            result = .failure(error)
        }
        let seconds = started.duration(to: clock.now) / .seconds(1)
        let errorCode: UpstreamErrorCode? = if case .failure(let error) = result { error.code } else { nil }
        observer?.upstreamRequestFinished(tool: tool, method: request.method, status: status, errorCode: errorCode, seconds: seconds)
        return result
    }

    /// What a response's status means for the caller.
    private func classify(_ response: UpstreamResponse) -> Result<UpstreamResponse, UpstreamError> {
        let status = response.status
        switch status {
        case 200..<300:
            return .success(response)
        case 401:
            return .failure(failure(.unauthorized, "The credentials were rejected (HTTP 401)."))
        case 403 where isRateLimitRefusal(response):
            return .failure(failure(.rateLimited, "The rate limit is exhausted (HTTP 403).", retryAfter: retryAfter(response)))
        case 403:
            return .failure(failure(.unauthorized, "Access was denied (HTTP 403)."))
        case 408:
            return .failure(failure(.timeout, "The tool timed out (HTTP 408)."))
        case 429:
            return .failure(failure(.rateLimited, "The rate limit is exhausted (HTTP 429).", retryAfter: retryAfter(response)))
        case 500..<600:
            return .failure(failure(.unavailable, "The tool is unavailable (HTTP \(status)).",
                                    retryAfter: response.header("retry-after").flatMap { retryAfterSeconds($0, now: Date()) }))
        default:
            return .failure(failure(.badResponse, "The tool answered HTTP \(status)."))
        }
    }

    /// GitHub refuses with 403 (not 429) when the primary or a secondary rate limit is hit.
    private func isRateLimitRefusal(_ response: UpstreamResponse) -> Bool {
        let remaining = response.header("x-ratelimit-remaining") ?? response.header("ratelimit-remaining")
        return remaining?.trimmingWhitespace() == "0" || response.header("retry-after") != nil
    }

    /// Seconds to wait, from `Retry-After` or else from the reset time of the rate limit.
    private func retryAfter(_ response: UpstreamResponse) -> Double? {
        let now = Date()
        if let header = response.header("retry-after"), let seconds = retryAfterSeconds(header, now: now) {
            return seconds
        }
        guard let resetAt = RateLimitObservation(tool: tool, response: response, at: now)?.resetAt else { return nil }
        return max(0, resetAt.timeIntervalSince(now))
    }

    private func requestHeaders(hasBody: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            (name: "Accept", value: tool == "github" ? "application/vnd.github+json" : "application/json"),
            (name: "User-Agent", value: "hyperpage"),
        ]
        if let credential = auth.header { headers.append(credential) }
        if hasBody { headers.append((name: "Content-Type", value: "application/json")) }
        return headers
    }

    private func failure(_ code: UpstreamErrorCode, _ message: String, retryAfter: Double? = nil) -> UpstreamError {
        UpstreamError(code: code, tool: tool, message: "\(tool): \(message)", retryAfter: retryAfter)
    }

    private static func isRetryable(_ code: UpstreamErrorCode) -> Bool {
        switch code {
        case .rateLimited, .unavailable, .timeout: true
        case .unauthorized, .badResponse: false
        }
    }
}
