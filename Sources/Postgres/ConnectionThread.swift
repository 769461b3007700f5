import Foundation

/// A dedicated thread that owns one `LibPQConnection` and runs jobs on it in order. Async
/// callers queue a job and suspend on a continuation; the thread blocks in libpq (connect,
/// statements) so no Swift concurrency thread ever does.
final class ConnectionThread: @unchecked Sendable {
    private struct Queue {
        var jobs: [@Sendable (LibPQConnection) -> Void] = []
        var stopping = false
        var exited = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var queue = Queue()
    /// Only touched on the thread.
    private let connection: LibPQConnection

    init(configuration: PostgresConfiguration, name: String) {
        connection = LibPQConnection(configuration: configuration)
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the thread with the connection; `.poolClosed` once the thread stops.
    func perform<T: Sendable>(_ body: @escaping @Sendable (LibPQConnection) -> Result<T, PostgresError>) async -> Result<T, PostgresError> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, PostgresError>, Never>) in
            let accepted = enqueue { connection in continuation.resume(returning: body(connection)) }
            if !accepted {
                continuation.resume(returning: .failure(PostgresError(code: .poolClosed, message: "The database pool was shut down.")))
            }
        }
    }

    /// Lets queued jobs finish, closes the connection and ends the thread; returns when it has.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if queue.exited {
                condition.unlock()
                continuation.resume()
                return
            }
            queue.stopping = true
            queue.exitWaiters.append(continuation)
            condition.signal()
            condition.unlock()
        }
    }

    /// Asks the thread to stop after the queued jobs, without waiting (for `deinit`).
    func requestStop() {
        condition.lock()
        queue.stopping = true
        condition.signal()
        condition.unlock()
    }

    private func enqueue(_ job: @escaping @Sendable (LibPQConnection) -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !queue.stopping else { return false }
        queue.jobs.append(job)
        condition.signal()
        return true
    }

    private func run() {
        while true {
            condition.lock()
            while queue.jobs.isEmpty, !queue.stopping { condition.wait() }
            if queue.jobs.isEmpty {
                // Stopping and drained: close, then tell whoever waits for the exit.
                condition.unlock()
                connection.close()
                condition.lock()
                queue.exited = true
                let waiters = queue.exitWaiters
                queue.exitWaiters = []
                condition.unlock()
                waiters.forEach { $0.resume() }
                return
            }
            let job = queue.jobs.removeFirst()
            condition.unlock()
            job(connection)
        }
    }
}
