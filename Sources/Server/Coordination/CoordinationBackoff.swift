/// The pause before a Redis-using loop retries after a failure: doubling from `base` up to
/// `cap`, reset by the first success, so a Redis outage costs one cheap attempt per `cap` and
/// recovery is noticed within `cap`.
struct CoordinationBackoff: Sendable {
    let base: Duration
    let cap: Duration
    private(set) var next: Duration

    init(base: Duration, cap: Duration) {
        self.base = base
        self.cap = cap
        next = base
    }

    /// The pause to take now; the following one is twice as long (at most `cap`).
    mutating func failure() -> Duration {
        let pause = next
        next = min(next * 2, cap)
        return pause
    }

    mutating func success() { next = base }
}
