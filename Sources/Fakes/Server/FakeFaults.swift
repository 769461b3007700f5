/// Misbehaviour a fake server applies to the requests it receives, set with
/// `FakeToolServer.setFaults(_:)`.
public struct FakeFaults: Sendable, Equatable {
    /// Waited before answering every request (faulty or not) while these faults are set.
    public var latency: Duration
    /// What goes wrong; `nil` answers normally (after `latency`).
    public var failure: FakeFailure?
    /// `nil`: every request fails; `n`: only the next `n` requests fail, later ones succeed.
    public var failures: Int?

    public init(latency: Duration = .zero, failure: FakeFailure? = nil, failures: Int? = nil) {
        self.latency = latency
        self.failure = failure
        self.failures = failures
    }

    /// No latency, no failure.
    public static let none = FakeFaults()
}

/// One way a request can fail.
public enum FakeFailure: Sendable, Equatable {
    /// Answer with this status and the tool's error body for it.
    case status(Int)
    /// 429 with `Retry-After` (and the tool's rate-limit headers showing nothing left).
    case rateLimited(retryAfterSeconds: Int)
    /// Never answer: the request is held until the client gives up, the server stops, or
    /// `FakeToolServer.hangLimit` passes (then it gets the tool's 503).
    case hang
    /// 200 with a JSON body cut off in the middle.
    case malformedBody
}
