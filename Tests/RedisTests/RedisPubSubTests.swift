import Redis
import Testing

@Suite struct RedisPubSubTests {
    @Test func deliversMessagesOfEverySubscribedChannel() async throws {
        let client = try TestRedis.client()
        let prefix = TestRedis.prefix("pubsub")
        let received = ReceivedMessages()
        let subscription = try await client.subscribe([prefix + "a", prefix + "b"]) { channel, payload in
            received.append(channel, payload)
        }
        #expect(subscription.timesSubscribed == 1)
        let binary: [UInt8] = [0, 1, 2, 255, 13, 10]
        #expect(try await client.publish(prefix + "a", Array("hello".utf8)) == 1)
        #expect(try await client.publish(prefix + "b", binary) == 1)
        #expect(try await client.publish(prefix + "other", [1]) == 0)
        let both = await eventually { received.all.count >= 2 }
        #expect(both)
        #expect(received.contains(channel: prefix + "a", payload: Array("hello".utf8)))
        #expect(received.contains(channel: prefix + "b", payload: binary))
        await subscription.cancel()
        await client.shutdown()
    }

    @Test func cancelUnsubscribes() async throws {
        let client = try TestRedis.client()
        let channel = TestRedis.prefix("pubsub") + "cancel"
        let received = ReceivedMessages()
        let subscription = try await client.subscribe([channel]) { received.append($0, $1) }
        await subscription.cancel()
        // The server dropped the subscriber: nobody receives the message.
        let gone = await eventually { (try? await client.publish(channel, [1])) == 0 }
        #expect(gone)
        #expect(received.all.isEmpty)
        await client.shutdown()
    }

    @Test func shutdownCancelsSubscriptions() async throws {
        let client = try TestRedis.client()
        let observer = try TestRedis.client(poolSize: 1)
        let channel = TestRedis.prefix("pubsub") + "shutdown"
        _ = try await client.subscribe([channel]) { _, _ in }
        #expect(try await observer.publish(channel, [1]) == 1)
        await client.shutdown()
        let gone = await eventually { (try? await observer.publish(channel, [2])) == 0 }
        #expect(gone)
        await observer.shutdown()
    }
}
