import Logging
import Redis
import ServiceLifecycle
import Synchronization

/// Pub/sub between pods on the Redis channel `hp:events`: publishes `ClusterEvent`s and hands
/// the ones received (this pod's own included) to `handle`, one at a time, off the
/// subscription's thread.
///
/// Subscribing is retried with backoff until Redis answers; once subscribed, the client
/// resubscribes by itself after a reconnect. Events published while a pod is cut off from Redis
/// are lost for it (pub/sub keeps nothing), which is why invalidation also deletes the shared
/// entries directly.
final class ClusterEvents: Service, Sendable {
    static let channel = "hp:events"

    let client: RedisClient
    let logger: Logger
    let handle: @Sendable (ClusterEvent) async -> Void
    /// Events received; `Query`-free evidence for tests and metrics.
    let received = Atomic<Int>(0)

    init(client: RedisClient, logger: Logger, handle: @escaping @Sendable (ClusterEvent) async -> Void) {
        self.client = client
        self.logger = logger
        self.handle = handle
    }

    /// Publishes `event`; returns how many subscribers got it.
    func publish(_ event: ClusterEvent) async throws(RedisError) -> Int {
        try await client.publish(Self.channel, event.json)
    }

    func run() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(1000))
        let subscription = await subscribe { bytes in continuation.yield(bytes) }
        guard let subscription else { return }
        await cancelWhenGracefulShutdown {
            for await bytes in stream {
                guard let event = ClusterEvent(json: bytes) else { continue }
                self.received.add(1, ordering: .relaxed)
                await self.handle(event)
            }
        }
        continuation.finish()
        await subscription.cancel()
    }

    /// Subscribes, retrying until it works or the service is cancelled (nil).
    private func subscribe(_ deliver: @escaping @Sendable ([UInt8]) -> Void) async -> RedisSubscription? {
        var backoff = CoordinationBackoff(base: .milliseconds(100), cap: .seconds(2))
        var warned = false
        while !Task.isCancelled {
            do throws(RedisError) {
                return try await client.subscribe([Self.channel]) { _, message in deliver(message) }
            } catch {
                if !warned { logger.warning("cluster events: subscribe failed; retrying", metadata: ["error": "\(error)"]) }
                warned = true
            }
            // Graceful shutdown while Redis is away must not wait for it.
            let pause = backoff.failure()
            if (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: pause) })) == nil { return nil }
        }
        return nil
    }
}
