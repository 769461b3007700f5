import Redis
import Testing

@Suite struct RedisPoolTests {
    /// Many tasks at once over a pool of 4: every command gets its own reply (no crossed wires).
    @Test func manyConcurrentTasksGetTheirOwnReplies() async throws {
        let client = try TestRedis.client(poolSize: 4)
        let prefix = TestRedis.prefix("pool")
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<400 {
                group.addTask {
                    let key = "\(prefix)\(index)"
                    _ = try await client.send(["SET", key, "value-\(index)"])
                    let value = try await client.send(["GET", key]).string
                    _ = try await client.send(["INCR", prefix + "counter"])
                    return value == "value-\(index)" ? 0 : 1
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(try await client.send(["GET", prefix + "counter"]).int == 400)
        await client.shutdown()
    }

    /// The pool really runs commands side by side: while 3 connections are blocked in BLPOP,
    /// the 4th still answers, and pushing releases all three.
    @Test func blockedConnectionsDoNotStopTheOthers() async throws {
        let client = try TestRedis.client(poolSize: 4, commandTimeout: .seconds(30))
        let prefix = TestRedis.prefix("blocked")
        let waiters = Task {
            try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<3 {
                    group.addTask { try await client.send(["BLPOP", "\(prefix)q\(index)", "25"]).array?.last?.string }
                }
                var results: [String] = []
                for try await value in group { if let value { results.append(value) } }
                return results.sorted()
            }
        }
        let observer = try TestRedis.client(poolSize: 1)
        let allBlocked = await eventually {
            let clients = (try? await observer.send(["CLIENT", "LIST"]).string) ?? ""
            return clients.components(separatedBy: "cmd=blpop").count - 1 >= 3
        }
        #expect(allBlocked)
        #expect(try await client.send(["PING"]) == .status("PONG"))
        for index in 0..<3 { _ = try await observer.send(["RPUSH", "\(prefix)q\(index)", "item\(index)"]) }
        #expect(try await waiters.value == ["item0", "item1", "item2"])
        await observer.shutdown()
        await client.shutdown()
    }

    @Test func commandTimeoutFailsWithTimeoutAndTheClientRecovers() async throws {
        let client = try TestRedis.client(poolSize: 1, commandTimeout: .milliseconds(300))
        let key = TestRedis.prefix("timeout") + "q"
        do throws(RedisError) {
            _ = try await client.send(["BLPOP", key, "5"])
            Issue.record("BLPOP longer than the command timeout did not time out")
        } catch {
            #expect(error.code == .timeout)
        }
        // The timed-out connection was dropped; a new one answers (not the late BLPOP reply).
        #expect(try await client.send(["ECHO", "after"]) == .bulk(Array("after".utf8)))
        await client.shutdown()
    }

    @Test func commandsAfterShutdownFail() async throws {
        let client = try TestRedis.client()
        #expect(try await client.send(["PING"]) == .status("PONG"))
        await client.shutdown()
        do throws(RedisError) {
            _ = try await client.send(["PING"])
            Issue.record("a command after shutdown succeeded")
        } catch {
            #expect(error.code == .connectionFailed)
        }
    }

    @Test func selectsTheDatabaseFromTheURL() async throws {
        let base = try TestRedis.url()
        let db5 = RedisClient(configuration: try RedisConfiguration(url: base + "/5"))
        let db0 = RedisClient(configuration: try RedisConfiguration(url: base))
        let key = TestRedis.prefix("select") + "k"
        _ = try await db5.send(["SET", key, "in-5"])
        #expect(try await db5.send(["GET", key]).string == "in-5")
        #expect(try await db0.send(["GET", key]) == .null)
        await db5.shutdown()
        await db0.shutdown()
    }
}
