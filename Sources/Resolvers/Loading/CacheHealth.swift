import Foundation
import Synchronization

/// Whether the shared cache store answers: `ok` until an operation fails, then `degraded` with
/// the last error until an operation succeeds again. `/readyz` shows it; a degraded cache never
/// fails queries (they go to the tools).
public final class CacheHealth: Sendable {
    public enum State: Sendable, Equatable {
        case ok
        /// The last failure's code and client-safe message, and when it happened.
        case degraded(code: CacheStoreError.Code, message: String, at: Date)
    }

    private let current = Mutex(State.ok)

    public init() {}

    public var state: State { current.withLock { $0 } }

    func recordSuccess() {
        current.withLock { if $0 != .ok { $0 = .ok } }
    }

    func recordFailure(_ error: CacheStoreError) {
        current.withLock { $0 = .degraded(code: error.code, message: error.message, at: Date()) }
    }
}
