import Synchronization

/// Single flight within one process: the first caller to miss a key fetches it; callers that
/// miss the same key meanwhile wait for that fetch's outcome instead of asking the tool again.
final class FlightGroup: Sendable {
    /// What a fetch ended with: the entry (nil: fetched but not cacheable) or the tool's error.
    typealias Outcome = Result<CacheEntry, UpstreamError>

    /// One fetch in progress; keeps its outcome for followers that start waiting late.
    final class Flight: Sendable {
        private let state = Mutex<(outcome: Outcome?, waiters: [CheckedContinuation<Outcome, Never>])>((nil, []))

        func wait() async -> Outcome {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { s -> Outcome? in
                    if let outcome = s.outcome { return outcome }
                    s.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }

        fileprivate func finish(_ outcome: Outcome) {
            let waiters = state.withLock { s -> [CheckedContinuation<Outcome, Never>] in
                s.outcome = outcome
                defer { s.waiters = [] }
                return s.waiters
            }
            for waiter in waiters { waiter.resume(returning: outcome) }
        }
    }

    private let flights = Mutex<[String: Flight]>([:])

    /// Splits `keys` into those this caller now fetches (it must `finish` each) and the
    /// flights already fetching the others.
    func claim(_ keys: [String]) -> (leading: [String], following: [(String, Flight)]) {
        flights.withLock { map in
            var leading: [String] = []
            var following: [(String, Flight)] = []
            for key in keys {
                if let flight = map[key] {
                    following.append((key, flight))
                } else {
                    map[key] = Flight()
                    leading.append(key)
                }
            }
            return (leading, following)
        }
    }

    /// Ends the flight of `key` and hands `outcome` to its followers.
    func finish(_ key: String, _ outcome: Outcome) {
        let flight = flights.withLock { $0.removeValue(forKey: key) }
        flight?.finish(outcome)
    }
}
