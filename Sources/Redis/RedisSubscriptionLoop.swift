import Foundation

/// The thread behind one `RedisSubscription`: its own connection, `SUBSCRIBE`, then a blocking
/// read loop that hands each message to the handler. When the connection breaks it dials again
/// (with `RedisBackoff`'s delays) and subscribes again, until cancelled.
///
/// Cancelling wakes the blocked read by shutting the socket down from the cancelling thread; the
/// descriptor is published under the lock only while the connection is open, so the shutdown
/// never hits a descriptor that was closed and reused.
final class RedisSubscriptionLoop: @unchecked Sendable {
    let configuration: RedisConfiguration
    let channels: [String]
    let handler: @Sendable (String, [UInt8]) -> Void

    /// Guards every `var` below.
    private let condition = NSCondition()
    private var cancelled = false
    private var openDescriptor: Int32?
    private var finished = false
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []
    private var firstSubscribe: CheckedContinuation<Result<Void, RedisError>, Never>?
    private var subscribeCount = 0

    init(configuration: RedisConfiguration, channels: [String],
         handler: @escaping @Sendable (String, [UInt8]) -> Void) {
        self.configuration = configuration
        self.channels = channels
        self.handler = handler
    }

    /// Starts the thread; returns once the first `SUBSCRIBE` is confirmed for every channel, or
    /// with the error of the first attempt (the thread then ends).
    func start() async -> Result<Void, RedisError> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            condition.lock()
            firstSubscribe = continuation
            condition.unlock()
            let thread = Thread { [self] in run() }
            thread.name = "hyperpage-redis-subscription"
            thread.start()
        }
    }

    /// How many times the channels were subscribed (1 + reconnections).
    var timesSubscribed: Int {
        condition.lock()
        defer { condition.unlock() }
        return subscribeCount
    }

    func cancel() async {
        if requestCancel() { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if finished {
                condition.unlock()
                continuation.resume()
            } else {
                finishWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    /// Marks the loop cancelled and wakes its thread; true when the thread has already ended.
    private func requestCancel() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        if let descriptor = openDescriptor { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        condition.broadcast()
        return finished
    }

    private func run() {
        var failures = 0
        while !isCancelled {
            do throws(RedisError) {
                let connection = try RedisConnection(configuration: configuration)
                try withExtendedLifetime(connection) { () throws(RedisError) in
                    guard publish(connection.fileDescriptor) else { return }
                    defer { publish(nil) }
                    try subscribe(on: connection)
                    failures = 0
                    subscribed(.success(()))
                    try connection.setReadTimeout(nil)
                    while true {
                        deliver(try connection.readReply())
                    }
                }
            } catch {
                if subscribed(.failure(error)) { break }
            }
            failures += 1
            waitBeforeRedial(RedisBackoff.delay(afterFailures: failures))
        }
        condition.lock()
        finished = true
        let waiters = finishWaiters
        finishWaiters = []
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Records the open socket; false (and nothing recorded) when already cancelled.
    @discardableResult
    private func publish(_ descriptor: Int32?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if descriptor != nil && cancelled { return false }
        openDescriptor = descriptor
        return true
    }

    /// Sends `SUBSCRIBE` and reads until every channel is confirmed; messages that arrive in
    /// between are delivered.
    private func subscribe(on connection: RedisConnection) throws(RedisError) {
        try connection.append([Array("SUBSCRIBE".utf8)] + channels.map { Array($0.utf8) })
        var confirmed = 0
        while confirmed < channels.count {
            let reply = try connection.readReply()
            if case .error(let text) = reply { throw RedisError(code: .server, message: text) }
            if reply.array?.first?.string == "subscribe" { confirmed += 1 } else { deliver(reply) }
        }
    }

    private func deliver(_ reply: RedisReply) {
        guard let parts = reply.array, parts.count == 3, parts[0].string == "message",
              let channel = parts[1].string, let payload = parts[2].bytes else { return }
        handler(channel, payload)
    }

    /// Counts a subscription, or reports the first attempt's failure. Returns true when the
    /// loop must end: the first attempt failed (the caller got the error) or it was cancelled.
    @discardableResult
    private func subscribed(_ result: Result<Void, RedisError>) -> Bool {
        condition.lock()
        let first = firstSubscribe
        firstSubscribe = nil
        if case .success = result { subscribeCount += 1 }
        let stop = cancelled || (first != nil && { if case .failure = result { return true } else { return false } }())
        condition.unlock()
        first?.resume(returning: result)
        return stop
    }

    private func waitBeforeRedial(_ delay: Duration) {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        while !cancelled && Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        condition.unlock()
    }
}
