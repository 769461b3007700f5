/// The pool's bookkeeping as a value-type state machine: which connection slots are free and
/// who waits for one, in arrival order. No I/O and no continuations here — `PostgresPool` holds
/// those and performs the actions this returns, so the rules can be tested on their own.
struct PoolState {
    enum AcquireAction: Equatable {
        /// Use this slot now.
        case use(slot: Int)
        /// Every slot is busy: wait until `release` hands one over (or the wait is abandoned).
        case wait
        /// The pool is shut down.
        case fail
    }

    enum ReleaseAction: Equatable {
        /// Give the slot to this waiter.
        case handOver(slot: Int, waiter: UInt64)
        /// The slot went back to the idle list.
        case none
    }

    private var idle: [Int]
    private var waiters: [UInt64] = []
    private(set) var isClosed = false

    init(size: Int) {
        // Reversed so that `popLast` hands out slot 0 first.
        idle = Array((0..<size).reversed())
    }

    var idleCount: Int { idle.count }
    var waiterCount: Int { waiters.count }

    mutating func acquire(waiter: UInt64) -> AcquireAction {
        if isClosed { return .fail }
        // Most recently used first: its connection is the most likely to be open and warm.
        if waiters.isEmpty, let slot = idle.popLast() { return .use(slot: slot) }
        waiters.append(waiter)
        return .wait
    }

    mutating func release(slot: Int) -> ReleaseAction {
        if !isClosed, !waiters.isEmpty {
            return .handOver(slot: slot, waiter: waiters.removeFirst())
        }
        idle.append(slot)
        return .none
    }

    /// A waiter gave up (timeout or cancellation). False when it is no longer waiting (it was
    /// already handed a slot, or failed by `close`).
    mutating func abandon(waiter: UInt64) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// Shuts the pool: returns the waiters to fail.
    mutating func close() -> [UInt64] {
        isClosed = true
        defer { waiters.removeAll() }
        return waiters
    }
}
