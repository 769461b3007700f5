/// How often and how patiently a failed upstream call is retried: 429, 5xx and transport
/// failures are tried again up to `maxRetries` more times, waiting an exponentially growing,
/// jittered delay between `baseDelay` and `maxDelay` (or the tool's `Retry-After`), and never
/// past the request's deadline.
public struct RetryPolicy: Sendable, Equatable {
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(2)) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The wait before retry number `retry` (0 for the first retry): a random point between
    /// `baseDelay` and `min(maxDelay, baseDelay · 2^(retry+1))`, so concurrent callers that
    /// failed together do not come back together.
    public func backoff(beforeRetry retry: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let base = baseDelay / .seconds(1)
        let ceiling = min(maxDelay / .seconds(1), base * Double(1 << min(max(retry, 0) + 1, 30)))
        let seconds = base + (ceiling - base) * min(max(random, 0), 1)
        return .seconds(seconds)
    }
}
