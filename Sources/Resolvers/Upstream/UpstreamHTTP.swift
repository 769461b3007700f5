/// The shapes every upstream (GitHub, GitLab, Jira) call goes through: one request, one
/// response, one typed error. The libcurl transport and the retrying, rate-limit-aware
/// `UpstreamClient` are built on these; tool connectors only see them.

/// One HTTP request to a tool's REST API.
public struct UpstreamRequest: Sendable {
    public var method: String
    /// Absolute URL, query string included.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Whether redirects are followed (up to 5, http and https only). OAuth token and revocation
    /// requests turn this off: their client secret must only ever go to the configured URL.
    public var followsRedirects: Bool

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
                followsRedirects: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.followsRedirects = followsRedirects
    }
}

/// One HTTP response. Header names are lower-cased.
public struct UpstreamResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (name matched case-insensitively).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }
}

/// Machine-readable codes of upstream failures, as they appear in `errors[].extensions.code`.
public enum UpstreamErrorCode: String, Sendable {
    case timeout = "UPSTREAM_TIMEOUT"
    case unavailable = "UPSTREAM_UNAVAILABLE"
    case unauthorized = "UPSTREAM_UNAUTHORIZED"
    case rateLimited = "UPSTREAM_RATE_LIMITED"
    case badResponse = "UPSTREAM_BAD_RESPONSE"
}

/// A failed upstream call. `message` is safe to show clients: it never holds tokens, request
/// headers or response bodies.
public struct UpstreamError: Error, Sendable, CustomStringConvertible {
    public var code: UpstreamErrorCode
    /// The tool's slug (`github`, `gitlab`, `jira`).
    public var tool: String
    public var message: String
    /// Seconds the tool asked us to wait (`Retry-After`), when it said.
    public var retryAfter: Double?

    public init(code: UpstreamErrorCode, tool: String, message: String, retryAfter: Double? = nil) {
        self.code = code
        self.tool = tool
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(tool): \(code.rawValue): \(message)" }
}

/// Sends one request and returns the response, whatever its status. Transport failures are
/// `UpstreamError`s with `.timeout` or `.unavailable`; statuses are interpreted by the caller.
public protocol UpstreamTransport: Sendable {
    func perform(_ request: UpstreamRequest, timeout: Duration) async throws(UpstreamError) -> UpstreamResponse
}
