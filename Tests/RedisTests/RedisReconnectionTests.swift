import Redis
import Testing

/// A server of the test's own that is killed and restarted on the same port under a live client.
@Suite struct RedisReconnectionTests {
    @Test func commandsAndSubscriptionsSurviveAServerRestart() async throws {
        let server = try OwnRedisServer()
        try server.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url, poolSize: 3))
        #expect(await answersPing(client))

        let received = ReceivedMessages()
        let subscription = try await client.subscribe(["events"]) { received.append($0, $1) }
        _ = try await client.publish("events", Array("before".utf8))
        #expect(await eventually { received.contains(channel: "events", payload: Array("before".utf8)) })

        server.kill()
        await expectFailsWithConnectionFailed(client)

        try server.start()
        #expect(await answersPing(client))
        try await expectPoolWorks(client)
        // The subscription dials and subscribes again by itself: publish until it hears.
        let heard = await eventually {
            _ = try? await client.publish("events", Array("after".utf8))
            return received.contains(channel: "events", payload: Array("after".utf8))
        }
        #expect(heard)
        #expect(subscription.timesSubscribed >= 2)
        await client.shutdown()
        server.kill()
    }

    @Test func aClientMadeWhileTheServerIsDownWorksOnceItIsUp() async throws {
        let server = try OwnRedisServer()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url, poolSize: 2))
        await expectFailsWithConnectionFailed(client)
        await #expect(throws: RedisError.self) { try await client.subscribe(["x"]) { _, _ in } }
        try server.start()
        #expect(await answersPing(client))
        await client.shutdown()
        server.kill()
    }

    private func answersPing(_ client: RedisClient) async -> Bool {
        await eventually { (try? await client.send(["PING"])) == .status("PONG") }
    }

    /// Every command while the server is away fails (and returns: it never hangs) with
    /// `.connectionFailed`, whichever pool connection it lands on.
    private func expectFailsWithConnectionFailed(_ client: RedisClient) async {
        for attempt in 0..<20 {
            do throws(RedisError) {
                let reply = try await client.send(["PING"])
                Issue.record("attempt \(attempt) answered \(reply) with the server down")
            } catch {
                #expect(error.code == .connectionFailed)
            }
        }
    }

    private func expectPoolWorks(_ client: RedisClient) async throws {
        let replies = try await withThrowingTaskGroup(of: RedisReply.self) { group in
            for index in 0..<30 { group.addTask { try await client.send(["ECHO", "m\(index)"]) } }
            return try await group.reduce(into: [RedisReply]()) { $0.append($1) }
        }
        #expect(replies.count == 30)
        _ = try await client.send(["SET", "k", "v"])
        #expect(try await client.send(["GET", "k"]).string == "v")
    }
}

@Suite struct RedisAuthTests {
    @Test func authenticatesWithThePasswordFromTheURL() async throws {
        let server = try OwnRedisServer(extraArguments: ["--requirepass", "open sesame"])
        try server.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://:open%20sesame@127.0.0.1:\(server.port)/2"))
        let up = await eventually { (try? await client.send(["PING"])) == .status("PONG") }
        #expect(up)
        _ = try await client.send(["SET", "k", "v"])
        let received = ReceivedMessages()
        let subscription = try await client.subscribe(["c"]) { received.append($0, $1) }
        #expect(try await client.publish("c", [7]) == 1)
        await subscription.cancel()
        await client.shutdown()

        let bare = RedisClient(configuration: try RedisConfiguration(url: server.url + "/2"))
        do throws(RedisError) {
            _ = try await bare.send(["GET", "k"])
            Issue.record("a client without the password was served")
        } catch {
            #expect(error.code == .server)
        }
        await bare.shutdown()
        server.kill()
    }

    @Test func aWrongPasswordFailsWithoutShowingIt() async throws {
        let server = try OwnRedisServer(extraArguments: ["--requirepass", "right"])
        try server.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://:wrong-guess@127.0.0.1:\(server.port)"))
        var lastError: RedisError?
        _ = await eventually {
            do throws(RedisError) {
                _ = try await client.send(["PING"])
                return true
            } catch {
                lastError = error
                return error.code == .server
            }
        }
        #expect(lastError?.code == .server)
        #expect(lastError.map { !$0.description.contains("wrong-guess") } == true)
        await client.shutdown()
        server.kill()
    }
}
