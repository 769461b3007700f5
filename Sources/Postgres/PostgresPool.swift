import Foundation

/// A pool of PostgreSQL connections, each owned by its own thread (libpq blocks; the Swift
/// concurrency threads never do). Connections open on first use and reopen after they break
/// (server restart, network loss): a connection is health-checked each time it is checked out.
///
/// ```swift
/// let pool = PostgresPool(configuration: try PostgresConfiguration(url: url))
/// let rows = try await pool.query("SELECT id FROM users WHERE login = \(login)").rows
/// try await pool.withTransaction { tx in … }
/// await pool.shutdown()
/// ```
///
/// Call `shutdown()` when done: it ends the threads and closes the connections.
public final class PostgresPool: Sendable {
    public let configuration: PostgresConfiguration
    private let threads: [ConnectionThread]
    private let state: Locked<Shared>

    private struct Shared {
        var machine: PoolState
        var continuations: [UInt64: CheckedContinuation<Int, any Error>] = [:]
        var nextWaiter: UInt64 = 0
    }

    public init(configuration: PostgresConfiguration) {
        self.configuration = configuration
        threads = (0..<configuration.poolSize).map { ConnectionThread(configuration: configuration, name: "hyperpage-postgres-\($0)") }
        state = Locked(Shared(machine: PoolState(size: configuration.poolSize)))
    }

    /// A pool dropped without `shutdown()` still ends its threads (and closes its connections)
    /// once their queued jobs are done.
    deinit {
        for thread in threads { thread.requestStop() }
    }

    // MARK: - Statements

    /// Runs one statement on any free connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresResult {
        let slot = try await acquireSlot()
        // Health check, statement and clean-up in one job: one hop to the connection's thread.
        let result = await threads[slot].perform { connection in
            Result { () throws(PostgresError) in
                defer { connection.rollbackOrDiscard() }
                return try connection.execute(query, generation: try connection.prepareForCheckout())
            }
        }
        releaseSlot(slot)
        return try result.get()
    }

    /// Runs `body` with one connection checked out for its whole duration (session settings and
    /// temporary tables stay with it). If the connection breaks, the handle's later statements
    /// fail with `.connectionLost` rather than silently running on a new session. A transaction
    /// the body leaves open is rolled back.
    public func withConnection<T>(isolation: isolated (any Actor)? = #isolation,
                                  _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let lease = try await checkOut()
        let connection = PostgresConnection(lease: lease)
        do {
            let value = try await body(connection)
            connection.invalidate()
            await checkIn(lease)
            return value
        } catch {
            connection.invalidate()
            await checkIn(lease)
            throw error
        }
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on one connection. A thrown error rolls back and is
    /// rethrown; a connection that breaks mid-transaction is discarded (nothing was committed).
    /// A statement error inside the transaction that the body catches still aborts it: the
    /// commit then fails with SQLSTATE 25P02 instead of silently rolling back.
    public func withTransaction<T>(isolation: isolated (any Actor)? = #isolation,
                                   _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction(body)
        }
    }

    /// Runs `body` while holding the session-level advisory lock `key` on one connection
    /// (`pg_try_advisory_lock`, polled every `pollInterval` so no statement waits inside the
    /// server against the statement timeout). Throws `.lockTimeout` after `timeout`. The lock is
    /// released afterwards; if that fails the connection is closed, which releases it too.
    public func withAdvisoryLock<T>(isolation: isolated (any Actor)? = #isolation, key: Int64,
                                    timeout: Duration = .seconds(120), pollInterval: Duration = .milliseconds(100),
                                    _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            let deadline = ContinuousClock.now + timeout
            while true {
                let locked = try await connection.query("SELECT pg_try_advisory_lock(\(key)) AS locked").rows.first?
                    .decode("locked", as: Bool.self)
                if locked == true { break }
                guard ContinuousClock.now < deadline else {
                    throw PostgresError(code: .lockTimeout, message: "Another session held the advisory lock for longer than the timeout.")
                }
                try await Task.sleep(for: pollInterval)
            }
            do {
                let value = try await body(connection)
                await connection.unlock(key: key)
                return value
            } catch {
                await connection.unlock(key: key)
                throw error
            }
        }
    }

    /// Fails waiting callers with `.poolClosed`, lets running statements finish, closes every
    /// connection and ends the threads.
    public func shutdown() async {
        let continuations = state.withLock { shared in
            shared.machine.close().compactMap { shared.continuations.removeValue(forKey: $0) }
        }
        for continuation in continuations { continuation.resume(throwing: Self.closedError) }
        for thread in threads { await thread.stop() }
    }

    // MARK: - Checking connections out and in

    struct Lease: Sendable {
        let slot: Int
        let thread: ConnectionThread
        let generation: Int
    }

    private static let closedError = PostgresError(code: .poolClosed, message: "The database pool was shut down.")

    /// A free slot whose connection is open and healthy (opened or reopened as needed).
    private func checkOut() async throws(PostgresError) -> Lease {
        let slot = try await acquireSlot()
        let thread = threads[slot]
        let prepared = await thread.perform { connection in
            Result { () throws(PostgresError) in try connection.prepareForCheckout() }
        }
        switch prepared {
        case .success(let generation):
            return Lease(slot: slot, thread: thread, generation: generation)
        case .failure(let error):
            releaseSlot(slot)
            throw error
        }
    }

    /// Puts a connection back, outside any transaction (or closed, if that is impossible).
    private func checkIn(_ lease: Lease) async {
        _ = await lease.thread.perform { connection -> Result<Void, PostgresError> in
            connection.rollbackOrDiscard()
            return .success(())
        }
        releaseSlot(lease.slot)
    }

    private func acquireSlot() async throws(PostgresError) -> Int {
        let waiter = state.withLock { shared in
            shared.nextWaiter += 1
            return shared.nextWaiter
        }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                    let action = state.withLock { shared -> PoolState.AcquireAction in
                        // Checked under the lock the cancellation handler also takes, so a
                        // cancellation is seen either here or by the handler.
                        if Task.isCancelled { return .fail }
                        let action = shared.machine.acquire(waiter: waiter)
                        if action == .wait { shared.continuations[waiter] = continuation }
                        return action
                    }
                    switch action {
                    case .use(let slot):
                        continuation.resume(returning: slot)
                    case .wait:
                        scheduleTimeout(waiter)
                    case .fail:
                        let closed = state.withLock { $0.machine.isClosed }
                        continuation.resume(throwing: closed ? Self.closedError as any Error : CancellationError())
                    }
                }
            } onCancel: {
                abandon(waiter, error: CancellationError())
            }
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(code: .poolTimeout, message: "The wait for a database connection was cancelled.")
        }
    }

    private func scheduleTimeout(_ waiter: UInt64) {
        let timeout = configuration.acquireTimeout
        Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.abandon(waiter, error: PostgresError(code: .poolTimeout, message: "No database connection became free within the acquire timeout."))
        }
    }

    private func abandon(_ waiter: UInt64, error: any Error) {
        let continuation = state.withLock { shared -> CheckedContinuation<Int, any Error>? in
            guard shared.machine.abandon(waiter: waiter) else { return nil }
            return shared.continuations.removeValue(forKey: waiter)
        }
        continuation?.resume(throwing: error)
    }

    private func releaseSlot(_ slot: Int) {
        let handOver = state.withLock { shared -> (CheckedContinuation<Int, any Error>, Int)? in
            guard case .handOver(let slot, let waiter) = shared.machine.release(slot: slot),
                  let continuation = shared.continuations.removeValue(forKey: waiter) else { return nil }
            return (continuation, slot)
        }
        if let (continuation, slot) = handOver { continuation.resume(returning: slot) }
    }
}
