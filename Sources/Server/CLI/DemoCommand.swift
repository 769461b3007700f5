import Foundation
import Resolvers
import Schema

/// `hyperpage demo [--port N] [--schema-dir DIR] [--redis-url URL] [--cache-ttl DURATION] [--no-response-cache] [--once] [--print-query]`:
/// starts loopback fakes of GitHub, GitLab and Jira over sample data and a Hyperpage server
/// configured against them, then prints the URL and an example combined query. Serves until
/// SIGTERM / SIGINT. `--redis-url` and `--cache-ttl` set `cache.redis_url` and
/// `cache.default_ttl`, `--no-response-cache` sets `cache.responses: false` (benchmarks compare
/// servers with and without each cache level);
/// `--print-query` prints the example query and exits.
///
/// `--once` instead sends the example query to the server over HTTP, prints the response and
/// stops (exit 1 when the response has errors): a smoke test of the whole product.
struct DemoCommand {
    var port = 8080
    var schemaDir = "schema"
    var once = false
    var printQuery = false
    var redisURL = ""
    var cacheTTL: Duration?
    var responseCache = true

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: ["port", "schema-dir", "redis-url", "cache-ttl"], flags: ["once", "print-query", "no-response-cache"])
        if let extra = parsed.positionals.first { throw UsageError("demo: unexpected argument '\(extra)'") }
        for (name, value) in parsed.options {
            switch name {
            case "port":
                guard let p = Int(value), (0...65535).contains(p) else { throw UsageError("demo: --port needs a number from 0 to 65535") }
                port = p
            case "schema-dir": schemaDir = value
            case "redis-url": redisURL = value
            case "cache-ttl":
                guard let ttl = DurationSyntax.parse(value) else {
                    throw UsageError("demo: --cache-ttl needs a duration such as 60s, 5m or 0s")
                }
                cacheTTL = ttl
            default: break
            }
        }
        once = parsed.flags.contains("once")
        printQuery = parsed.flags.contains("print-query")
        responseCache = !parsed.flags.contains("no-response-cache")
    }

    func run() async throws -> CommandResult {
        if printQuery { return CommandResult(stdout: Array((DemoDashboardQuery.text + "\n").utf8)) }
        let world = try await DemoEnvironment.start()
        var config = world.config(port: once ? 0 : port, schemaDir: schemaDir)
        config.cache.redisURL = redisURL
        if let cacheTTL { config.cache.defaultTTL = cacheTTL }
        config.cache.responses = responseCache
        let assembly: ServerAssembly
        do {
            assembly = try ServerAssembly.make(config: config)
        } catch {
            await world.stop()
            throw UsageError("\(error)")
        }
        defer { assembly.transport.shutdown() }
        if once {
            let result = try await runOnce(assembly)
            await world.stop()
            return result
        }
        try await assembly.server.run(services: assembly.services) { port in
            FileHandle.standardError.write(Data(Self.banner(port: port).utf8))
        }
        await world.stop()
        return CommandResult()
    }

    /// Serves in a child task, posts the example query, then stops the server.
    private func runOnce(_ assembly: ServerAssembly) async throws -> CommandResult {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = assembly.server.makeApplication { port in portContinuation.yield(port) }
        let serving = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { serving.cancel() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next() else { throw UsageError("demo: the server did not start") }
        let body = JSONSerializer.serialize(.object(ObjectValue([("query", .string(DemoDashboardQuery.text))])))
        let request = UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(port)/graphql",
                                      headers: [("content-type", "application/json"), ("accept", "application/graphql-response+json")],
                                      body: body)
        let response = try await assembly.transport.perform(request, timeout: .seconds(30))
        let hasErrors = (try? JSONParser.parse(bytes: response.body))?["errors"] != nil
        return CommandResult(stdout: response.body + [0x0A], status: response.status == 200 && !hasErrors ? 0 : 1)
    }

    static func banner(port: Int) -> String {
        """
        Hyperpage demo: GitHub, GitLab and Jira are played by loopback fakes over sample data.

          explorer:  open http://127.0.0.1:\(port)/graphql in a browser
          metrics:   http://127.0.0.1:\(port)/metrics    readiness: http://127.0.0.1:\(port)/readyz

        Example combined query:

        \(DemoDashboardQuery.text)

        Send it with curl:

          curl -s http://127.0.0.1:\(port)/graphql -H 'content-type: application/json' \\
            --data '{"query":"{ codeReviews(first: 3) { nodes { title source updatedAt } } }"}'

        Stop with Ctrl-C.

        """
    }
}
