import Foundation

/// The connection pool: `poolSize` threads, each owning at most one `RedisConnection`, taking
/// jobs from one shared queue. Async callers only append a job and suspend; the thread that
/// takes it does the blocking hiredis calls and resumes the caller.
///
/// Reconnection: a connection that broke (I/O error, timeout, EOF seen while idle) is dropped;
/// the next job on that thread dials again, unless a recent dial failed (`RedisBackoff`, shared
/// by all threads), in which case the job fails at once with `.connectionFailed`.
final class RedisPool: @unchecked Sendable {
    private let configuration: RedisConfiguration
    /// Guards every `var` below and signals waiting threads.
    private let condition = NSCondition()
    private var queue: [RedisJob] = []
    private var head = 0
    private var stopping = false
    private var backoff = RedisBackoff()
    private var liveThreads = 0
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
    }

    func start() {
        condition.lock()
        liveThreads = configuration.poolSize
        condition.unlock()
        for index in 0..<configuration.poolSize {
            let thread = Thread { [self] in runThread() }
            thread.name = "hyperpage-redis-\(index)"
            thread.start()
        }
    }

    /// Queues a job; after `stop` it fails at once.
    func submit(_ job: RedisJob) {
        condition.lock()
        if stopping {
            condition.unlock()
            job.complete(.failure(Self.shutDown))
            return
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Fails queued jobs, lets running ones finish, and returns when every thread has closed
    /// its connection.
    func stop() async {
        let pending = beginStopping()
        for job in pending { job.complete(.failure(Self.shutDown)) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if liveThreads == 0 {
                condition.unlock()
                continuation.resume()
            } else {
                stopWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    /// `stop` without waiting (from a deinit).
    func stopWithoutWaiting() {
        for job in beginStopping() { job.complete(.failure(Self.shutDown)) }
    }

    private func beginStopping() -> [RedisJob] {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        let pending = Array(queue[head...])
        queue = []
        head = 0
        condition.broadcast()
        return pending
    }

    private static let shutDown = RedisError.connectionFailed("the Redis client is shut down")

    // MARK: - Pool threads

    private func runThread() {
        var connection: RedisConnection?
        while let job = nextJob() {
            let result = execute(job.commands, on: &connection)
            job.complete(result)
        }
        connection = nil
        condition.lock()
        liveThreads -= 1
        let waiters = liveThreads == 0 ? stopWaiters : []
        if liveThreads == 0 { stopWaiters = [] }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    private func nextJob() -> RedisJob? {
        condition.lock()
        defer { condition.unlock() }
        while !stopping && head == queue.count {
            condition.wait()
        }
        if stopping { return nil }
        let job = queue[head]
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }

    private func execute(_ commands: [[[UInt8]]], on connection: inout RedisConnection?)
        -> Result<[RedisReply], RedisError> {
        if let open = connection, open.isBroken || open.isReadableWhileIdle() {
            connection = nil
        }
        if connection == nil {
            switch dial() {
            case .success(let fresh): connection = fresh
            case .failure(let error): return .failure(error)
            }
        }
        guard let open = connection else { return .failure(.connectionFailed("no connection")) }
        do {
            return .success(try open.run(commands))
        } catch {
            if open.isBroken { connection = nil }
            return .failure(error)
        }
    }

    private func dial() -> Result<RedisConnection, RedisError> {
        condition.lock()
        let allowed = backoff.mayDial(at: .now)
        condition.unlock()
        guard allowed else {
            return .failure(.connectionFailed("Redis at \(configuration.host):\(configuration.port) is unreachable (retrying shortly)"))
        }
        let result: Result<RedisConnection, RedisError>
        do {
            result = .success(try RedisConnection(configuration: configuration))
        } catch {
            result = .failure(error)
        }
        condition.lock()
        switch result {
        case .success: backoff.dialSucceeded()
        case .failure: backoff.dialFailed(at: .now)
        }
        condition.unlock()
        return result
    }
}
