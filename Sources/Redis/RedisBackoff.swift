/// When a dial failed, how long the pool refuses to dial again: 50 ms after the first failure,
/// doubling up to 1 s. In between, commands fail at once with `.connectionFailed` instead of
/// each paying a connect timeout, so a Redis that is away costs callers nothing.
struct RedisBackoff {
    static let first: Duration = .milliseconds(50)
    static let longest: Duration = .seconds(1)

    private(set) var failures = 0
    private(set) var retryAt: ContinuousClock.Instant?

    func mayDial(at now: ContinuousClock.Instant) -> Bool {
        retryAt.map { now >= $0 } ?? true
    }

    mutating func dialFailed(at now: ContinuousClock.Instant) {
        failures += 1
        retryAt = now + Self.delay(afterFailures: failures)
    }

    mutating func dialSucceeded() {
        failures = 0
        retryAt = nil
    }

    static func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        let doublings = min(failures - 1, 5)
        return min(first * (1 << doublings), longest)
    }
}
