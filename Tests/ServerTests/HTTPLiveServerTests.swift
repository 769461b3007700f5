import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing
@testable import Server

/// The server on a real loopback socket: serving, and graceful shutdown with a request in flight.
@Suite struct HTTPLiveServerTests {
    @Test func servesOverTheNetwork() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.live) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }"}"#)
            #expect(response.status == .ok)
            #expect(response.text == #"{"data":{"hello":"Hello, world!"}}"#)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func gracefulShutdownLetsInFlightRequestsFinish() async throws {
        let server = try HTTPTestService.server()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = server.makeApplication { port in portSink.yield(port) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let client = TestClient(host: "127.0.0.1", port: port)
            client.connect()
            let inFlight = Task {
                try await client.execute(TestClient.Request(
                    "/graphql", method: .post,
                    headers: [.contentType: "application/json", .accept: "application/json"],
                    body: ByteBuffer(string: #"{"query":"{ slow(ms: 400) }"}"#)))
            }
            try await Task.sleep(for: .milliseconds(100))
            let shutdownAt = ContinuousClock.now
            await group.triggerGracefulShutdown()
            let response = try await inFlight.value
            #expect(response.status == .ok)
            #expect(response.body.map { String(buffer: $0) } == #"{"data":{"slow":"slept 400 ms"}}"#)
            try await tasks.next()
            // The group waited for the request rather than cutting it off.
            #expect(ContinuousClock.now - shutdownAt >= .milliseconds(250))
            try? await client.shutdown()
        }
    }
}
