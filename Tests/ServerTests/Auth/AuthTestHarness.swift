import Fakes
import Foundation
import Logging
import Resolvers
import Schema
import Synchronization
@testable import Server

/// A Hyperpage with sign-in for one test: loopback fake OAuth providers (GitHub, GitLab,
/// Atlassian), the server listening on a free port with the auth routes and `schema/auth.graphql`,
/// a controllable clock, every log line captured, and a libcurl client that does not follow
/// redirects (so each hop of the flow is visible).
///
/// `auth.public_url` is `http://hyperpage.test`: the redirect URI only has to be the same at
/// authorize and token exchange, and the test carries the provider's redirect to the server itself.
final class AuthTestHarness: Sendable {
    static let publicURL = "http://hyperpage.test"
    static let keys = "k1:" + Data((0..<32).map { UInt8($0 * 3 % 256) }).base64EncodedString()

    let providers: [OAuthProviderName: FakeOAuthProvider]
    let auth: AuthService
    let connections: MemoryConnectionStore
    let sessions: MemorySessionStore
    let clock: TestClock
    let logs: LogCapture
    let port: Int
    let serving: Task<Void, any Error>
    let upstream: CurlTransport
    let client = CurlTransport()
    /// The admin side: overrides (in `overrideStore`) and the audit log the service writes to.
    let tools: ToolRuntime
    let overrides: ToolOverrideManager
    let audit: AuditTrail

    /// `stores`: the stores behind the service (PostgreSQL, Redis); nil keeps the in-memory ones
    /// that `connections` and `sessions` expose.
    /// `configure` edits the configuration before the server is built (e.g. to enable a tool).
    /// `auditLog` and `overrideStore`: where audit events and overrides go (memory by default).
    static func start(cookieSecure: Bool = true, keys: String = keys, stores: AuthStoreSet? = nil,
                      auditLog: any AuditLog = MemoryAuditLog(), overrideStore: any ToolOverrideStore = MemoryToolOverrideStore(),
                      configure: (inout HyperpageConfig) -> Void = { _ in }) async throws -> AuthTestHarness {
        var providers: [OAuthProviderName: FakeOAuthProvider] = [:]
        var config = HyperpageConfig()
        config.server.port = 0
        config.graphql.schemaDir = EndToEndHarness.schemaDirectory
        config.auth.cookieSecure = cookieSecure
        config.auth.publicURL = publicURL
        for name in OAuthProviderName.allCases {
            let client = FakeOAuthClient(clientID: "client-\(name.rawValue)", clientSecret: "secret-\(name.rawValue)-\(UUID().uuidString)",
                                         redirectURI: "\(publicURL)/auth/\(name.rawValue)/callback")
            let fake = try await FakeOAuthProvider.start(FakeOAuthFlavor(rawValue: name.rawValue)!, client: client)
            providers[name] = fake
            var section = HyperpageConfig.OAuthProviderSection(name)
            section.clientID = client.clientID
            section.clientSecret = client.clientSecret
            section.authorizeURL = fake.authorizeURL
            section.tokenURL = fake.tokenURL
            section.apiURL = fake.apiURL
            section.revokeURL = fake.revokeURL ?? ""
            switch name {
            case .github: config.auth.github = section
            case .gitlab: config.auth.gitlab = section
            case .atlassian: config.auth.atlassian = section
            }
        }
        configure(&config)
        let logs = LogCapture()
        let logger = logs.logger("hyperpage.test")
        let clock = TestClock()
        let upstream = CurlTransport()
        let connections = MemoryConnectionStore(), sessions = MemorySessionStore()
        var chosen = stores ?? AuthStoreSet.memory()
        if stores == nil {
            chosen.connections = connections
            chosen.sessions = sessions
        }
        let audit = AuditTrail(log: auditLog, logger: logger)
        let auth = AuthService(settings: config.auth, publicURL: publicURL,
                               cipher: TokenCipher(keyRing: try TokenKeyRing(parsing: keys)), transport: upstream,
                               stores: chosen, logger: logger, now: { clock.now() }, jiraSiteURL: config.toolEndpoints.jira?.webURL,
                               audit: audit)
        let tools = ToolRuntime(endpoints: config.toolEndpoints, transport: upstream)
        let schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: config.toolEndpoints,
                                         extraFiles: ["cluster.graphql", "admin.graphql", "auth.graphql"])
        let overrides = ToolOverrideManager(store: overrideStore, tools: tools, cluster: nil, audit: audit, logger: logger)
        let cluster = ClusterCoordinator(config: config, redis: nil, tools: tools, logger: logger)
        var resolvers = tools.resolvers
        ViewerResolvers.add(to: &resolvers, auth: auth)
        ClusterResolvers.add(to: &resolvers, coordinator: cluster, audit: audit)
        AdminResolvers.add(to: &resolvers, overrides: overrides, runtime: tools, audit: audit)
        let service = GraphQLService(schema: schema, resolvers: resolvers, makeCallerContext: { deadline, caller in
            tools.makeContext(deadline: deadline, viewerID: caller.userID, credentials: caller.toolCredentials, isAdmin: caller.isAdmin)
        }, extensions: { context in context.sources.extensions })
        let server = HyperpageHTTPServer(config: config, service: service, metrics: HyperpageMetrics(),
                                         readiness: { ReadinessReport(checks: []) }, logger: logger, auth: auth)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = server.makeApplication { port in continuation.yield(port) }
        let serving = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessError.serverDidNotStart }
        return AuthTestHarness(providers: providers, auth: auth, connections: connections, sessions: sessions, clock: clock,
                               logs: logs, port: port, serving: serving, upstream: upstream, tools: tools, overrides: overrides,
                               audit: audit)
    }

    private init(providers: [OAuthProviderName: FakeOAuthProvider], auth: AuthService, connections: MemoryConnectionStore,
                 sessions: MemorySessionStore, clock: TestClock, logs: LogCapture, port: Int, serving: Task<Void, any Error>,
                 upstream: CurlTransport, tools: ToolRuntime, overrides: ToolOverrideManager, audit: AuditTrail) {
        self.tools = tools
        self.overrides = overrides
        self.audit = audit
        self.providers = providers
        self.auth = auth
        self.connections = connections
        self.sessions = sessions
        self.clock = clock
        self.logs = logs
        self.port = port
        self.serving = serving
        self.upstream = upstream
    }

    func stop() async {
        serving.cancel()
        _ = await serving.result
        client.shutdown()
        upstream.shutdown()
        for fake in providers.values { await fake.stop() }
    }

    func fake(_ name: OAuthProviderName) -> FakeOAuthProvider { providers[name]! }

    // MARK: HTTP

    /// Every response the test received, for the leak scan.
    private let seen = Mutex<[UpstreamResponse]>([])
    var responses: [UpstreamResponse] { seen.withLock { $0 } }

    /// One request without following redirects; `url` is absolute or a path on the server.
    func http(_ method: String, _ url: String, cookies: [String: String] = [:], headers: [(String, String)] = [],
              body: [UInt8]? = nil) async throws -> UpstreamResponse {
        var all = headers.map { (name: $0.0, value: $0.1) }
        if !cookies.isEmpty {
            all.append((name: "Cookie", value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        let absolute = url.hasPrefix("http") ? url : "http://127.0.0.1:\(port)\(url)"
        let response = try await client.perform(UpstreamRequest(method: method, url: absolute, headers: all, body: body,
                                                                followsRedirects: false),
                                                timeout: .seconds(30))
        seen.withLock { $0.append(response) }
        return response
    }

    /// A login as far as the provider's redirect back: the callback path (on our server), and the `hp_oauth` cookie.
    func authorize(_ provider: OAuthProviderName, cookies: [String: String] = [:]) async throws -> (callback: String, oauthCookie: String) {
        let login = try await http("GET", "/auth/\(provider.rawValue)/login", cookies: cookies)
        guard login.status == 302, let location = login.header("location"),
              let nonce = Self.cookie(Cookies.oauth, in: login) else { throw HarnessError.status(login.status, "login did not redirect") }
        let approved = try await http("GET", location)
        guard approved.status == 302, let back = approved.header("location"), back.hasPrefix(Self.publicURL) else {
            throw HarnessError.status(approved.status, String(decoding: approved.body, as: UTF8.self))
        }
        return (String(back.dropFirst(Self.publicURL.count)), nonce.value)
    }

    /// The full sign-in; returns the session cookie value.
    func signIn(_ provider: OAuthProviderName, cookies: [String: String] = [:]) async throws -> String {
        let (callback, nonce) = try await authorize(provider, cookies: cookies)
        var jar = cookies
        jar[Cookies.oauth] = nonce
        let done = try await http("GET", callback, cookies: jar)
        guard done.status == 302, let session = Self.cookie(Cookies.session, in: done) else {
            throw HarnessError.status(done.status, String(decoding: done.body, as: UTF8.self))
        }
        return session.value
    }

    func graphql(_ query: String, session: String?, bearer: String? = nil) async throws -> Value {
        let body = JSONSerializer.serialize(.object(ObjectValue([("query", .string(query))])))
        var headers = [("content-type", "application/json"), ("accept", "application/json")]
        if let bearer { headers.append(("authorization", "Bearer \(bearer)")) }
        let response = try await http("POST", "/graphql", cookies: session.map { [Cookies.session: $0] } ?? [:],
                                      headers: headers, body: body)
        return try JSONParser.parse(bytes: response.body)
    }

    /// A `Set-Cookie` of `name` in a response: its value and attributes.
    static func cookie(_ name: String, in response: UpstreamResponse) -> (value: String, attributes: [String])? {
        for (header, value) in response.headers where header == "set-cookie" {
            let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, first.hasPrefix(name + "=") else { continue }
            return (String(first.dropFirst(name.count + 1)), Array(parts.dropFirst()))
        }
        return nil
    }
}

/// A wall clock the test can move forward.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

/// Keeps every log line (message, metadata, source) for the leak scan.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let merged = self.metadata.merging(explicit ?? [:]) { $1 }
            capture.append("\(level) \(label) \(source) \(message) \(merged)")
        }
    }
}
