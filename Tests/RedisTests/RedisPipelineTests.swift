import Redis
import Testing

@Suite struct RedisPipelineTests {
    @Test func thousandCommandsInOnePipeline() async throws {
        let client = try TestRedis.client()
        let prefix = TestRedis.prefix("pipeline")
        let sets = (0..<1000).map { [Array("SET".utf8), Array("\(prefix)\($0)".utf8), Array("v\($0)".utf8)] }
        let replies = try await client.pipeline(sets)
        #expect(replies.count == 1000)
        #expect(replies.allSatisfy { $0 == .status("OK") })
        let gets = (0..<1000).map { [Array("GET".utf8), Array("\(prefix)\($0)".utf8)] }
        let values = try await client.pipeline(gets)
        #expect(values.map(\.string) == (0..<1000).map { "v\($0)" })
        await client.shutdown()
    }

    @Test func errorRepliesStayInTheirSlot() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("pipeline") + "k"
        let replies = try await client.pipeline([
            [Array("SET".utf8), Array(key.utf8), Array("text".utf8)],
            [Array("INCR".utf8), Array(key.utf8)],
            [Array("GET".utf8), Array(key.utf8)],
        ])
        #expect(replies.count == 3)
        #expect(replies[0] == .status("OK"))
        guard case .error(let text) = replies[1] else {
            Issue.record("expected an error reply, got \(replies[1])")
            return
        }
        #expect(text.hasPrefix("ERR"))
        #expect(replies[2] == .bulk(Array("text".utf8)))
        await client.shutdown()
    }

    @Test func mgetWithMissingKeys() async throws {
        let client = try TestRedis.client()
        let prefix = TestRedis.prefix("mget")
        _ = try await client.send(["MSET", prefix + "a", "1", prefix + "c", "3"])
        let reply = try await client.send(["MGET", prefix + "a", prefix + "b", prefix + "c", prefix + "d"])
        #expect(reply == .array([.bulk([49]), .null, .bulk([51]), .null]))
        await client.shutdown()
    }

    @Test func emptyPipelineNeedsNoServerAndEmptyCommandIsRejected() async throws {
        let client = try TestRedis.client()
        #expect(try await client.pipeline([]).isEmpty)
        await #expect(throws: RedisError.self) { try await client.pipeline([[]]) }
        await client.shutdown()
    }
}
