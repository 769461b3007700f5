import Foundation
import Hummingbird

/// `hyperpage-bare --port N --body FILE`: a Hummingbird server that answers every request to
/// `/graphql` with the same fixed JSON body, and nothing else.
///
/// It is the yardstick of `scripts/bench-http.sh`: the same HTTP stack as Hyperpage with no
/// GraphQL work at all, so the throughput of a cached dashboard query can be read as a
/// fraction of what the HTTP layer alone achieves on the same machine in the same run.
@main
struct BareHandler {
    static func main() async throws {
        var port = 8090
        var bodyPath: String?
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let arg = args.next() {
            switch arg {
            case "--port":
                guard let value = args.next(), let p = Int(value) else { usage() }
                port = p
            case "--body":
                guard let value = args.next() else { usage() }
                bodyPath = value
            default:
                usage()
            }
        }
        guard let bodyPath, let body = FileManager.default.contents(atPath: bodyPath) else { usage() }
        let bytes = ByteBuffer(bytes: body)
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            Response(status: .ok, headers: [.contentType: "application/graphql-response+json"],
                     body: ResponseBody(byteBuffer: bytes))
        }
        router.post("graphql", use: respond)
        router.get("graphql", use: respond)
        let app = Application(router: router,
                              configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port),
                                                                      serverName: "hyperpage-bare"))
        try await app.runService()
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: hyperpage-bare --port N --body FILE\n".utf8))
        exit(2)
    }
}
