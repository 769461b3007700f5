import Fakes
import Foundation
import Logging
import Resolvers
import Schema
@testable import Server

/// A whole Hyperpage for one test: loopback fakes of GitHub, GitLab and Jira, the server
/// configured against them (the demo's configuration, adjustable), listening on a free port,
/// and an HTTP client (the same libcurl transport the server uses upstream).
final class EndToEndHarness: Sendable {
    let world: DemoEnvironment
    let assembly: ServerAssembly
    let port: Int
    let serving: Task<Void, any Error>
    let client = CurlTransport()

    var dataset: FakeDataset { FakeDataset.standard }

    /// Starts fakes and server; `configure` adjusts the demo configuration first.
    static func start(_ configure: (inout HyperpageConfig) -> Void = { _ in }) async throws -> EndToEndHarness {
        let world = try await DemoEnvironment.start()
        var config = world.config(port: 0, schemaDir: schemaDirectory)
        configure(&config)
        var logger = Logger(label: "hyperpage.test")
        logger.logLevel = .critical
        let assembly = try ServerAssembly.make(config: config, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = assembly.server.makeApplication { port in continuation.yield(port) }
        let serving = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessError.serverDidNotStart }
        return EndToEndHarness(world: world, assembly: assembly, port: port, serving: serving)
    }

    private init(world: DemoEnvironment, assembly: ServerAssembly, port: Int, serving: Task<Void, any Error>) {
        self.world = world
        self.assembly = assembly
        self.port = port
        self.serving = serving
    }

    func stop() async {
        serving.cancel()
        _ = await serving.result
        client.shutdown()
        assembly.transport.shutdown()
        await world.stop()
    }

    /// The repository's `schema/` folder, wherever the tests run from.
    static var schemaDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schema").path
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// One HTTP exchange with the server.
    func http(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> UpstreamResponse {
        try await client.perform(UpstreamRequest(method: method, url: url + path,
                                                 headers: headers.map { (name: $0.0, value: $0.1) }, body: body),
                                 timeout: .seconds(30))
    }

    /// POSTs a GraphQL request and returns the parsed response document.
    func graphql(_ query: String, variables: [(String, Value)] = []) async throws -> Value {
        var request = ObjectValue([("query", .string(query))])
        if !variables.isEmpty { request["variables"] = .object(ObjectValue(variables)) }
        let response = try await http("POST", "/graphql",
                                      headers: [("content-type", "application/json"), ("accept", "application/json")],
                                      body: JSONSerializer.serialize(.object(request)))
        guard response.status == 200 else { throw HarnessError.status(response.status, String(decoding: response.body, as: UTF8.self)) }
        return try JSONParser.parse(bytes: response.body)
    }
}

enum HarnessError: Error {
    case serverDidNotStart
    case status(Int, String)
}

extension Value {
    /// Follows a path of object keys and list indices (`"github.pullRequests.nodes"`).
    func at(_ path: String) -> Value? {
        var current: Value? = self
        for part in path.split(separator: ".") {
            if let index = Int(part) {
                guard case .list(let items)? = current, items.indices.contains(index) else { return nil }
                current = items[index]
            } else {
                current = current?[String(part)]
            }
        }
        return current
    }

    var list: [Value] { if case .list(let l) = self { l } else { [] } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
}

extension EndToEndHarness {
    /// Runs `body` against a fresh harness and stops it afterwards, whatever happens.
    static func with<T>(_ configure: (inout HyperpageConfig) -> Void = { _ in },
                        _ body: (EndToEndHarness) async throws -> T) async throws -> T {
        let h = try await start(configure)
        do {
            let result = try await body(h)
            await h.stop()
            return result
        } catch {
            await h.stop()
            throw error
        }
    }
}
