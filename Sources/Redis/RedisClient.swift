import Synchronization

/// A Redis client over hiredis's synchronous API, run on dedicated threads so that no Swift
/// concurrency thread ever blocks on a socket.
///
/// Commands go to a pool of `poolSize` connections (see `RedisPool`): connect and command
/// timeouts, `AUTH`/`SELECT` from the URL, automatic reconnection with a short backoff, and
/// one round trip per `pipeline`. Arguments are bytes, so values are binary-safe.
/// Subscriptions each get their own connection and thread (`RedisSubscription`).
///
/// Call `shutdown()` when done; a client dropped without it stops its threads anyway.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisPool
    private let subscriptions = Mutex<[RedisSubscription]>([])

    public init(configuration: RedisConfiguration) {
        self.configuration = configuration
        pool = RedisPool(configuration: configuration)
        pool.start()
    }

    deinit {
        pool.stopWithoutWaiting()
    }

    /// Runs one command; an error reply throws `.server`.
    public func send(_ args: [String]) async throws(RedisError) -> RedisReply {
        try await send(bytes: args.map { Array($0.utf8) })
    }

    /// Runs one command given as raw bytes; an error reply throws `.server`.
    public func send(bytes args: [[UInt8]]) async throws(RedisError) -> RedisReply {
        let replies = try await pipeline([args])
        guard let reply = replies.first else {
            throw RedisError(code: .protocolError, message: "no reply")
        }
        if case .error(let text) = reply { throw RedisError(code: .server, message: text) }
        return reply
    }

    /// Sends every command in one write and returns their replies in order (one round trip).
    /// An error reply to one command comes back as `.error` in its slot; a connection failure
    /// or timeout throws for the whole pipeline (some commands may have run).
    public func pipeline(_ commands: [[[UInt8]]]) async throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        guard commands.allSatisfy({ !$0.isEmpty }) else {
            throw RedisError(code: .protocolError, message: "a command needs at least its name")
        }
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<[RedisReply], RedisError>, Never>) in
            pool.submit(RedisJob(commands: commands) { continuation.resume(returning: $0) })
        }
        return try result.get()
    }

    /// Subscribes to `channels` on a connection of its own; returns once Redis confirmed every
    /// channel. `handler(channel, message)` runs on the subscription's thread: keep it short
    /// and hand work off (e.g. to an `AsyncStream`).
    public func subscribe(_ channels: [String],
                          handler: @escaping @Sendable (String, [UInt8]) -> Void) async throws(RedisError) -> RedisSubscription {
        var unique: [String] = []
        for channel in channels where !unique.contains(channel) { unique.append(channel) }
        guard !unique.isEmpty else {
            throw RedisError(code: .protocolError, message: "subscribe needs at least one channel")
        }
        let loop = RedisSubscriptionLoop(configuration: configuration, channels: unique, handler: handler)
        try await loop.start().get()
        let subscription = RedisSubscription(loop: loop)
        subscriptions.withLock { $0.append(subscription) }
        return subscription
    }

    /// Publishes `message` on `channel`; returns how many subscribers (on this server) got it.
    public func publish(_ channel: String, _ message: [UInt8]) async throws(RedisError) -> Int {
        let reply = try await send(bytes: [Array("PUBLISH".utf8), Array(channel.utf8), message])
        guard let count = reply.int else {
            throw RedisError(code: .protocolError, message: "PUBLISH did not answer with an integer")
        }
        return Int(count)
    }

    /// Cancels the subscriptions made through this client, fails queued commands with
    /// `.connectionFailed`, and returns when every connection is closed.
    public func shutdown() async {
        let open = subscriptions.withLock { list in
            defer { list = [] }
            return list
        }
        for subscription in open { await subscription.cancel() }
        await pool.stop()
    }
}
