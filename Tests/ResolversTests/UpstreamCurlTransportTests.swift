import Foundation
import Schema
import Testing
@testable import Resolvers

/// `CurlTransport` against a real loopback HTTP server.
@Suite struct UpstreamCurlTransportTests {
    @Test func getsJSONWithLowerCasedHeaders() async throws {
        try await withUpstream { server, transport in
            let response = try await transport.perform(UpstreamRequest(url: server.baseURL + "/json"), timeout: .seconds(5))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"hello":"world","n":1}"#)
            #expect(response.header("X-Custom") == "yes")
            #expect(response.headers.contains { $0.name == "content-type" && $0.value == "application/json" })
            #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() })
        }
    }

    @Test func decodesGzipResponses() async throws {
        try await withUpstream { server, transport in
            let echo = try await transport.perform(UpstreamRequest(url: server.baseURL + "/echo"), timeout: .seconds(5))
            let sent = try JSONParser.parse(bytes: echo.body)
            guard case .string(let acceptEncoding)? = sent["accept-encoding"] else {
                Issue.record("no Accept-Encoding header was sent")
                return
            }
            #expect(acceptEncoding.contains("gzip"))

            let response = try await transport.perform(UpstreamRequest(url: server.baseURL + "/gzip"), timeout: .seconds(5))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == UpstreamTestServer.gzipPlainText)
        }
    }

    @Test func sendsPostBodyMethodAndHeaders() async throws {
        try await withUpstream { server, transport in
            let body = Array(#"{"jql":"project = HP","fields":["summary"]}"#.utf8)
            let request = UpstreamRequest(method: "POST", url: server.baseURL + "/echo",
                                          headers: [(name: "Content-Type", value: "application/json"), (name: "User-Agent", value: "hyperpage")],
                                          body: body)
            let response = try await transport.perform(request, timeout: .seconds(5))
            let echo = try JSONParser.parse(bytes: response.body)
            #expect(echo["method"] == .string("POST"))
            #expect(echo["body"] == .string(String(decoding: body, as: UTF8.self)))
            #expect(echo["content-type"] == .string("application/json"))
            #expect(echo["user-agent"] == .string("hyperpage"))
            #expect(echo["expect"] == nil)

            for method in ["PUT", "PATCH", "DELETE"] {
                let other = try await transport.perform(UpstreamRequest(method: method, url: server.baseURL + "/echo", body: Array("x".utf8)), timeout: .seconds(5))
                let otherEcho = try JSONParser.parse(bytes: other.body)
                #expect(otherEcho["method"] == .string(method))
                #expect(otherEcho["body"] == .string("x"))
            }
            let delete = try await transport.perform(UpstreamRequest(method: "DELETE", url: server.baseURL + "/echo"), timeout: .seconds(5))
            #expect(try JSONParser.parse(bytes: delete.body)["method"] == .string("DELETE"))
        }
    }

    @Test func followsRedirectsKeepingOnlyTheFinalHeaders() async throws {
        try await withUpstream { server, transport in
            let response = try await transport.perform(UpstreamRequest(url: server.baseURL + "/redirect"), timeout: .seconds(5))
            #expect(response.status == 200)
            #expect(response.header("x-custom") == "yes")
            #expect(response.header("x-redirect-only") == nil)
            #expect(response.header("location") == nil)
        }
    }

    @Test func reusesConnections() async throws {
        try await withUpstream { server, transport in
            var peers: Set<String> = []
            for _ in 0..<5 {
                let response = try await transport.perform(UpstreamRequest(url: server.baseURL + "/peer"), timeout: .seconds(5))
                if case .string(let peer)? = try JSONParser.parse(bytes: response.body)["peer"] { peers.insert(peer) }
            }
            #expect(server.count("/peer") == 5)
            #expect(peers.count == 1)
        }
    }

    @Test func runsRequestsConcurrently() async throws {
        try await withUpstream(connections: 20) { server, transport in
            let started = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await transport.perform(UpstreamRequest(url: server.baseURL + "/slow?ms=1000"), timeout: .seconds(30)).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let elapsed = started.duration(to: .now)
            #expect(statuses == Array(repeating: 200, count: 20))
            // One after the other they would take 20 s; the bound leaves room for a loaded machine.
            #expect(elapsed < .seconds(10), "20 requests of 1 s took \(elapsed)")
        }
    }

    @Test func timesOutSlowResponses() async throws {
        try await withUpstream { server, transport in
            let started = ContinuousClock.now
            let error = await upstreamError { () async throws(UpstreamError) in
                try await transport.perform(UpstreamRequest(url: server.baseURL + "/slow?ms=8000"), timeout: .milliseconds(200))
            }
            #expect(error?.code == .timeout)
            // Well before the 8 s answer (room left for a loaded machine).
            #expect(started.duration(to: .now) < .seconds(6))
        }
    }

    @Test func cancellationRemovesTheRequest() async throws {
        try await withUpstream { server, transport in
            let started = ContinuousClock.now
            let task = Task {
                await upstreamError { () async throws(UpstreamError) in
                    try await transport.perform(UpstreamRequest(url: server.baseURL + "/slow?ms=8000"), timeout: .seconds(30))
                }
            }
            try await Task.sleep(for: .milliseconds(150))
            task.cancel()
            let error = await task.value
            #expect(error?.code == .timeout)
            // Well before the 8 s answer (room left for a loaded machine).
            #expect(started.duration(to: .now) < .seconds(6))
            // The transport still works afterwards.
            let response = try await transport.perform(UpstreamRequest(url: server.baseURL + "/json"), timeout: .seconds(5))
            #expect(response.status == 200)
        }
    }

    @Test func alreadyCancelledTaskFailsWithoutSending() async throws {
        try await withUpstream { server, transport in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await upstreamError { () async throws(UpstreamError) in
                    try await transport.perform(UpstreamRequest(url: server.baseURL + "/json"), timeout: .seconds(5))
                }
            }
            let error = await task.value
            #expect(error?.code == .timeout)
            #expect(server.count("/json") == 0)
        }
    }

    @Test func refusedConnectionIsUnavailable() async throws {
        let transport = CurlTransport(connectTimeout: .seconds(1))
        defer { transport.shutdown() }
        let error = await upstreamError { () async throws(UpstreamError) in
            // Port 9 (discard) is closed on the test machines: the connection is refused.
            try await transport.perform(UpstreamRequest(url: "http://127.0.0.1:9/"), timeout: .seconds(2))
        }
        #expect(error?.code == .unavailable)
    }

    @Test func rejectsHeaderInjection() async throws {
        try await withUpstream { server, transport in
            let request = UpstreamRequest(url: server.baseURL + "/json", headers: [(name: "Authorization", value: "Bearer x\r\nX-Evil: 1")])
            let error = await upstreamError { () async throws(UpstreamError) in try await transport.perform(request, timeout: .seconds(5)) }
            #expect(error?.code == .badResponse)
            #expect(error?.message.contains("Bearer") == false)
            #expect(server.count("/json") == 0)
        }
    }

    @Test func shutdownFailsLaterRequests() async throws {
        try await withUpstream { server, transport in
            transport.shutdown()
            let error = await upstreamError { () async throws(UpstreamError) in
                try await transport.perform(UpstreamRequest(url: server.baseURL + "/json"), timeout: .seconds(5))
            }
            #expect(error?.code == .unavailable)
        }
    }
}
