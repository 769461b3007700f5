import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Schema
@testable import Server

/// The per-request context of the test service: records the deadline it was made with.
struct HTTPTestContext: Sendable {
    let deadline: ContinuousClock.Instant
}

/// A counter the test mutation increments (shared by the requests of one test).
final class HTTPTestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}

/// A small schema and resolvers built with the engine, served through the real HTTP stack.
enum HTTPTestService {
    static let sdl = """
        "The test API."
        type Query {
          "Greets someone."
          hello(name: String): String
          "Seconds left before the request's deadline."
          secondsLeft: Float
          user(id: ID!): User
          users(first: Int): [User!]!
          tags: [String!]!
          nested: Nested
          fail: String
          slow(ms: Int!): String
          "Waits (up to 5 s) until `parties` calls of this field are running at once."
          meet(parties: Int!): String
        }
        type User {
          id: ID!
          name: String
          friends: [User!]!
          posts(first: Int = 5): PostConnection!
        }
        type PostConnection { nodes: [Post!]! totalCount: Int! }
        type Post { title: String }
        type Nested { child: Nested value: Int }
        type Mutation { increment(by: Int!): Int! }
        """

    static func make(counter: HTTPTestCounter = HTTPTestCounter()) throws -> GraphQLService<HTTPTestContext> {
        let schema = try buildSchema(sdl)
        var resolvers = ResolverMap<HTTPTestContext>()
        resolvers.resolve("Query", "hello") { f in
            if case .string(let name)? = f[argument: "name"] { return .value(.string("Hello, \(name)!")) }
            return "Hello, world!"
        }
        resolvers.resolve("Query", "secondsLeft") { f in
            let d = f.context.deadline - ContinuousClock.now
            return .value(.float(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        }
        resolvers.resolve("Query", "user") { f in
            guard case .string(let id)? = f[argument: "id"] else { return nil }
            return .value(user(id))
        }
        resolvers.resolve("Query", "users") { f in
            var n = 3
            if case .int(let first)? = f[argument: "first"] { n = first }
            return .value(.list((0..<max(0, n)).map { user("u\($0)") }))
        }
        resolvers.resolve("Query", "tags") { _ in .value(.list([.string("a"), .string("b")])) }
        resolvers.resolve("Query", "nested") { _ in
            var v = Value.object(ObjectValue([("value", .int(0))]))
            for i in 1...30 { v = .object(ObjectValue([("value", .int(i)), ("child", v)])) }
            return .value(v)
        }
        resolvers.resolve("Query", "fail") { _ in throw GraphQLFieldError("Something broke", code: "BROKEN") }
        resolvers.resolveAsync("Query", "slow") { f in
            var ms = 0
            if case .int(let n)? = f[argument: "ms"] { ms = n }
            try await Task.sleep(for: .milliseconds(ms))
            return .value(.string("slept \(ms) ms"))
        }
        resolvers.resolveAsync("Query", "meet") { f in
            var parties = 1
            if case .int(let n)? = f[argument: "parties"] { parties = n }
            let arrived = counter.add(1)
            let limit = ContinuousClock.now + .seconds(5)
            while counter.add(0) < parties, ContinuousClock.now < limit {
                try await Task.sleep(for: .milliseconds(5))
            }
            return .value(.string(counter.add(0) >= parties ? "met" : "alone (arrived \(arrived))"))
        }
        resolvers.resolve("Mutation", "increment") { f in
            guard case .int(let by)? = f[argument: "by"] else { return nil }
            return .value(.int(counter.add(by)))
        }
        return GraphQLService(schema: schema, resolvers: resolvers, makeContext: { HTTPTestContext(deadline: $0) })
    }

    static func user(_ id: String) -> Value {
        .object(ObjectValue([
            ("id", .string(id)), ("name", .string("User \(id)")),
            ("friends", .list([])),
            ("posts", .object(ObjectValue([("nodes", .list([.object(ObjectValue([("title", .string("First"))]))])),
                                           ("totalCount", .int(1))]))),
        ]))
    }

    static func config(_ edit: (inout HyperpageConfig) -> Void = { _ in }) -> HyperpageConfig {
        var config = HyperpageConfig()
        config.server.port = 0
        edit(&config)
        return config
    }

    static func server(config: HyperpageConfig = config(), metrics: HyperpageMetrics = HyperpageMetrics(),
                       counter: HTTPTestCounter = HTTPTestCounter(),
                       readiness: @escaping @Sendable () async -> ReadinessReport = { ReadinessReport() })
        throws -> HyperpageHTTPServer<HTTPTestContext> {
        var logger = Logger(label: "hyperpage.http.test")
        logger.logLevel = .warning
        return HyperpageHTTPServer(config: config, service: try make(counter: counter), metrics: metrics,
                                   readiness: readiness, logger: logger)
    }
}

/// Request helpers over HummingbirdTesting's client.
extension TestClientProtocol {
    func postJSON(_ body: String, accept: String? = "application/graphql-response+json",
                  contentType: String? = "application/json", uri: String = "/graphql") async throws -> TestResponse {
        var headers = HTTPFields()
        if let accept { headers[.accept] = accept }
        if let contentType { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func getGraphQL(_ parameters: [(String, String)], accept: String? = "application/graphql-response+json")
        async throws -> TestResponse {
        var headers = HTTPFields()
        if let accept { headers[.accept] = accept }
        return try await execute(uri: "/graphql?" + formEncode(parameters), method: .get, headers: headers)
    }
}

/// WHATWG `application/x-www-form-urlencoded` encoding (spaces as `+`).
func formEncode(_ parameters: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "*-._ ")
    return parameters.map { key, value in
        func enc(_ s: String) -> String {
            s.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
        }
        return enc(key) + "=" + enc(value)
    }.joined(separator: "&")
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed with the engine's JSON parser.
    func json() throws -> Value { try JSONParser.parse(text) }
}

extension Value {
    /// `self.a.b.0.c`-style access for assertions (`Int` path parts index lists).
    subscript(path parts: Any...) -> Value? {
        var v: Value? = self
        for p in parts {
            switch (v, p) {
            case (.object(let o)?, let k as String): v = o[k]
            case (.list(let l)?, let i as Int): v = i < l.count ? l[i] : nil
            default: return nil
            }
        }
        return v
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let i) = self { i } else { nil } }
    var array: [Value]? { if case .list(let l) = self { l } else { nil } }
}
