import Foundation

/// One request as a tool's API sees it, with what it needs to write absolute links.
struct FakeCall: Sendable {
    var request: FakeRequest
    /// The tool's API root on this server (`apiURL`), no trailing slash.
    var apiRoot: String
    /// The server's root (`baseURL`).
    var baseRoot: String
    var now: Date
}

/// A rate-limit bucket a tool reports in its headers.
struct FakeRateBucket: Sendable, Equatable {
    var resource: String
    var limit: Int
    /// Window length in seconds; the count starts over when a window ends.
    var window: Int
}

/// The state of a bucket after counting a request, as the headers report it.
struct FakeRateStatus: Sendable, Equatable {
    var bucket: FakeRateBucket
    var used: Int
    var resetAt: Date
    var remaining: Int { max(0, bucket.limit - used) }
}

/// What a fake tool must provide: its routes, its credential check and its own error shapes.
protocol FakeToolAPI: Sendable {
    /// Whether the request carries the tool's accepted credentials.
    func isAuthorized(_ request: FakeRequest) -> Bool
    /// The tool's 401.
    func unauthorized() -> FakeResponse
    /// The tool's error body for `status` (500, 503, 404, …).
    func error(status: Int) -> FakeResponse
    /// The bucket a request counts against, if the tool reports one on successful responses.
    func rateBucket(for request: FakeRequest) -> FakeRateBucket?
    /// Headers describing a bucket's state.
    func rateLimitHeaders(_ status: FakeRateStatus) -> [(name: String, value: String)]
    /// The tool's 429, with `Retry-After` and its rate-limit headers.
    func rateLimited(retryAfterSeconds: Int, status: FakeRateStatus?, now: Date) -> FakeResponse
    /// Answers an authorised request.
    func respond(to call: FakeCall) -> FakeResponse
    /// Which validators successful GETs carry (and so which conditional requests get a 304).
    var validators: FakeValidators { get }
}

extension FakeToolAPI {
    var validators: FakeValidators { FakeValidators(etag: false, lastModified: false) }
}

/// The cache validators a tool sends on successful GETs.
struct FakeValidators: Sendable, Equatable {
    /// A weak `ETag` (`W/"…"`) computed from the body; `If-None-Match` with it gets a 304.
    var etag: Bool
    /// `Last-Modified` (the fake's start time); `If-Modified-Since` with it gets a 304 when
    /// there is no `If-None-Match`.
    var lastModified: Bool
}
