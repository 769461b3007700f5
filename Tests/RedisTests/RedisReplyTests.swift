import Redis
import Testing

/// Each kind of RESP reply, from a real server.
@Suite struct RedisReplyTests {
    @Test func statusAndBulkStrings() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("reply") + "s"
        #expect(try await client.send(["SET", key, "héllo"]) == .status("OK"))
        let value = try await client.send(["GET", key])
        #expect(value == .bulk(Array("héllo".utf8)))
        #expect(value.string == "héllo")
        await client.shutdown()
    }

    @Test func integers() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("reply") + "n"
        #expect(try await client.send(["INCRBY", key, "41"]) == .integer(41))
        #expect(try await client.send(["INCR", key]).int == 42)
        #expect(try await client.send(["GET", key]).int == 42)
        await client.shutdown()
    }

    @Test func nullForAMissingKey() async throws {
        let client = try TestRedis.client()
        let reply = try await client.send(["GET", TestRedis.prefix("reply") + "missing"])
        #expect(reply == .null)
        #expect(reply.isNull)
        #expect(reply.string == nil)
        await client.shutdown()
    }

    @Test func nestedArrays() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("reply") + "list"
        _ = try await client.send(["RPUSH", key, "a", "b", "c"])
        #expect(try await client.send(["LRANGE", key, "0", "-1"]) == .array([.bulk([97]), .bulk([98]), .bulk([99])]))
        let scan = try await client.send(["SCAN", "0", "MATCH", key, "COUNT", "1000"])
        #expect(scan.array?.count == 2)
        #expect(scan.array?.first?.int != nil)
        await client.shutdown()
    }

    @Test func errorRepliesThrowServerErrors() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("reply") + "list"
        _ = try await client.send(["RPUSH", key, "a"])
        do throws(RedisError) {
            _ = try await client.send(["INCR", key])
            Issue.record("INCR on a list did not fail")
        } catch {
            #expect(error.code == .server)
            #expect(error.message.hasPrefix("WRONGTYPE"))
        }
        // The connection is still good after an error reply.
        #expect(try await client.send(["PING"]) == .status("PONG"))
        await client.shutdown()
    }

    @Test func binarySafeKeysAndValues() async throws {
        let client = try TestRedis.client()
        let key = Array(TestRedis.prefix("binary").utf8) + [0, 255, 13, 10]
        let value: [UInt8] = (0...255).map { UInt8($0) } + [0, 0, 13, 10, 36, 42]
        _ = try await client.send(bytes: [Array("SET".utf8), key, value])
        #expect(try await client.send(bytes: [Array("GET".utf8), key]) == .bulk(value))
        _ = try await client.send(bytes: [Array("SET".utf8), key, []])
        #expect(try await client.send(bytes: [Array("GET".utf8), key]) == .bulk([]))
        await client.shutdown()
    }

    @Test func largeValues() async throws {
        let client = try TestRedis.client()
        let key = TestRedis.prefix("large") + "v"
        let value = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        _ = try await client.send(bytes: [Array("SET".utf8), Array(key.utf8), value])
        #expect(try await client.send(["GET", key]).bytes == value)
        await client.shutdown()
    }
}
