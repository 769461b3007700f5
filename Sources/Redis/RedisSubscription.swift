/// A live `SUBSCRIBE` on its own connection and thread, from `RedisClient.subscribe`. It
/// subscribes again by itself after the connection breaks (messages published while it is
/// disconnected are lost, as with any Redis pub/sub). Cancel it when done.
public final class RedisSubscription: Sendable {
    public let channels: [String]
    private let loop: RedisSubscriptionLoop

    init(loop: RedisSubscriptionLoop) {
        self.loop = loop
        self.channels = loop.channels
    }

    /// How many times the channels have been subscribed: 1 after `subscribe`, one more after
    /// each reconnection.
    public var timesSubscribed: Int { loop.timesSubscribed }

    /// Unsubscribes (closes the connection) and returns when the thread has ended; the handler
    /// is not called afterwards.
    public func cancel() async {
        await loop.cancel()
    }
}
