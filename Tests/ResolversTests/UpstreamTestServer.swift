import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
@testable import Resolvers

/// A loopback Hummingbird server with the endpoints the upstream tests need: JSON, echo,
/// compressed, slow, flaky and fixed-status responses, and one that reports the client's TCP
/// peer address (to see connection reuse). It counts requests by path.
final class UpstreamTestServer: Sendable {
    let baseURL: String
    private let counts: LockedBox<[String: Int]>
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(baseURL: String, counts: LockedBox<[String: Int]>, group: ServiceGroup, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.counts = counts
        self.group = group
        self.task = task
    }

    /// Requests seen for a path (without query string).
    func count(_ path: String) -> Int {
        counts.withLock { $0[path, default: 0] }
    }

    /// Shuts the server down gracefully and waits for it.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    static func start() async throws -> UpstreamTestServer {
        let counts = LockedBox([String: Int]())
        let router = Router(context: UpstreamPeerContext.self)
        router.middlewares.add(UpstreamCountingMiddleware(counts: counts))
        addRoutes(to: router, counts: counts)
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "upstream-test-server")))
        let task = Task { try await group.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            task.cancel()
            throw TestServerError.didNotStart
        }
        return UpstreamTestServer(baseURL: "http://127.0.0.1:\(bound)", counts: counts, group: group, task: task)
    }

    enum TestServerError: Error { case didNotStart }

    private static func addRoutes(to router: Router<UpstreamPeerContext>, counts: LockedBox<[String: Int]>) {
        router.get("/json") { _, _ in
            json(#"{"hello":"world","n":1}"#, headers: ["x-custom": "yes", "x-ratelimit-limit": "5000",
                                                        "x-ratelimit-remaining": "4999", "x-ratelimit-reset": "1700000000"])
        }
        // Method, selected request headers, raw query and body, as JSON.
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("/echo", method: method) { request, _ in
                let body = try await request.body.collect(upTo: 1 << 20)
                var fields: [String: Any] = [
                    "method": request.method.rawValue,
                    "query": request.uri.query ?? "",
                    "body": String(buffer: body),
                ]
                for name in ["authorization", "private-token", "user-agent", "accept", "content-type", "accept-encoding", "expect"] {
                    if let value = request.headers[HTTPField.Name(name)!] { fields[name] = value }
                }
                let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
                return json(String(decoding: data, as: UTF8.self))
            }
        }
        router.get("/gzip") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .contentEncoding: "gzip"],
                     body: .init(byteBuffer: ByteBuffer(bytes: gzippedJSON)))
        }
        router.get("/slow") { request, _ in
            let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 200
            try await Task.sleep(for: .milliseconds(ms))
            return json(#"{"slept":\#(ms)}"#)
        }
        // Answers `status` (default 503) `failures` times per `key`, then 200.
        router.get("/flaky") { request, _ in
            let key = request.uri.queryParameters.get("key") ?? ""
            let failures = request.uri.queryParameters.get("failures", as: Int.self) ?? 1
            let status = request.uri.queryParameters.get("status", as: Int.self) ?? 503
            let seen = counts.withLock { counts -> Int in
                counts["flaky:" + key, default: 0] += 1
                return counts["flaky:" + key]!
            }
            if seen <= failures {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let retryAfter = request.uri.queryParameters.get("retryAfter") { headers[.retryAfter] = String(retryAfter) }
                return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"message":"try again"}"#)))
            }
            return json(#"{"attempt":\#(seen)}"#)
        }
        // Any status, with any headers given as query items (`h-NAME=value`).
        router.get("/status/{code}") { request, context in
            let code = try context.parameters.require("code", as: Int.self)
            var headers: HTTPFields = [.contentType: "application/json"]
            for (name, value) in request.uri.queryParameters where name.hasPrefix("h-") {
                headers[HTTPField.Name(String(name.dropFirst(2)))!] = String(value)
            }
            return Response(status: .init(code: code), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: #"{"message":"Bad credentials","token":"should-not-leak"}"#)))
        }
        router.get("/notjson") { _, _ in json("<html>oops</html>") }
        router.get("/peer") { _, context in json(#"{"peer":"\#(context.peer)"}"#) }
        router.get("/redirect") { _, _ in
            Response(status: .found, headers: [.location: "/json", .init("x-redirect-only")!: "1"])
        }
    }

    private static func json(_ text: String, headers extra: [String: String] = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The JSON `gzippedJSON` decompresses to.
    static let gzipPlainText: String = {
        let items = (0..<40).map { #""item \#($0) of a response that compresses well""# }.joined(separator: ",")
        return #"{"compressed":true,"items":[\#(items)]}"#
    }()

    /// `gzipPlainText`, gzip-compressed (made once with Python's gzip module, mtime 0).
    private static let gzippedJSON: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x95, 0xd4, 0xbd, 0x0a, 0xc2, 0x50, 0x0c, 0x40,
        0xe1, 0x57, 0x09, 0x77, 0x76, 0x30, 0x89, 0xbf, 0x7d, 0x15, 0x71, 0x28, 0x36, 0xa2, 0xd0, 0x7a, 0x4b, 0xef,
        0x2d, 0x0e, 0xe2, 0xbb, 0x2b, 0x0a, 0xce, 0x9e, 0x2d, 0xc3, 0xc9, 0xf4, 0x91, 0x3c, 0xd2, 0x29, 0x0f, 0xe3,
        0x14, 0xa5, 0x44, 0x97, 0x9a, 0x3a, 0xcd, 0xb1, 0x48, 0xd7, 0x1a, 0x43, 0x49, 0xcd, 0xe1, 0x33, 0xc8, 0x52,
        0xf2, 0x59, 0x5a, 0x79, 0x27, 0x63, 0xbe, 0x95, 0x90, 0x7a, 0x69, 0xab, 0xfc, 0x96, 0x8a, 0xdc, 0xa3, 0xef,
        0xd3, 0x77, 0x49, 0x14, 0xb4, 0x06, 0x5a, 0x07, 0xed, 0x0a, 0xb4, 0x6b, 0xd0, 0x6e, 0x40, 0xbb, 0x05, 0xed,
        0x0e, 0xb4, 0x7b, 0x62, 0x81, 0xe0, 0x88, 0x9c, 0x12, 0x3a, 0x25, 0x76, 0x4a, 0xf0, 0x94, 0xe8, 0x29, 0xe1,
        0x53, 0xe2, 0xa7, 0x04, 0x50, 0x89, 0xa0, 0x11, 0x41, 0x43, 0xb7, 0x47, 0x04, 0x8d, 0x08, 0x1a, 0x11, 0x34,
        0x22, 0x68, 0x44, 0xd0, 0x88, 0xa0, 0x11, 0x41, 0x23, 0x82, 0x4e, 0x04, 0x9d, 0x08, 0x3a, 0x7a, 0x9f, 0x44,
        0xd0, 0x89, 0xa0, 0x13, 0x41, 0x27, 0x82, 0x4e, 0x04, 0x9d, 0x08, 0xfa, 0x5f, 0x82, 0xc7, 0xe7, 0x0b, 0xfd,
        0x01, 0xc2, 0x22, 0x1b, 0x07, 0x00, 0x00
    ]
}

/// The request context of the test server: remembers the client's address.
struct UpstreamPeerContext: Hummingbird.RequestContext {
    var coreContext: CoreRequestContextStorage
    let peer: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress.map { "\($0)" } ?? ""
    }
}

/// Counts requests by path.
struct UpstreamCountingMiddleware: RouterMiddleware {
    typealias Context = UpstreamPeerContext
    let counts: LockedBox<[String: Int]>

    func handle(_ request: Request, context: UpstreamPeerContext, next: (Request, UpstreamPeerContext) async throws -> Response) async throws -> Response {
        counts.withLock { $0[request.uri.path, default: 0] += 1 }
        return try await next(request, context)
    }
}
