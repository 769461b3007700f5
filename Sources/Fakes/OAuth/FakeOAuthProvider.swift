import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A loopback server playing an OAuth provider (GitHub, GitLab or Atlassian) for one client and
/// one user: it approves every authorization as `user` without a login page, checks PKCE and
/// the redirect URI the way the real providers do (see `FakeOAuthAuthority`), issues access and
/// refresh tokens, serves the profile, refreshes, revokes, and records what it saw (`events`).
///
/// Paths: GitHub `/login/oauth/authorize`, `/login/oauth/access_token`, `/user`,
/// `DELETE /applications/{client_id}/grant`; GitLab `/oauth/authorize`, `/oauth/token`,
/// `/oauth/revoke`, `/api/v4/user`; Atlassian `/authorize`, `/oauth/token`, `/me`,
/// `/oauth/token/accessible-resources`, and — once a fake Jira is attached (`attachJira`) —
/// Atlassian's API gateway `/ex/jira/{cloud id}/…`, answered by that fake Jira.
public final class FakeOAuthProvider: Sendable {
    public let flavor: FakeOAuthFlavor
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    let authority: FakeOAuthAuthority
    /// The fake Jira that `/ex/jira/…` requests are handed to (Atlassian only).
    private let gateway: GatewayBox
    private let running: Mutex<(task: Task<Void, Never>, group: ServiceGroup)?>

    /// The URLs a config's `auth.providers.<name>` gets.
    public var authorizeURL: String { baseURL + flavor.authorizePath }
    public var tokenURL: String { baseURL + flavor.tokenPath }
    public var apiURL: String { baseURL + flavor.apiPrefix }
    /// GitLab's revocation endpoint (GitHub's lives under `apiURL`; Atlassian has none).
    public var revokeURL: String? { flavor == .gitlab ? baseURL + "/oauth/revoke" : nil }

    private init(flavor: FakeOAuthFlavor, port: Int, authority: FakeOAuthAuthority, gateway: GatewayBox) {
        self.flavor = flavor
        self.baseURL = "http://127.0.0.1:\(port)"
        self.authority = authority
        self.gateway = gateway
        self.running = Mutex(nil)
    }

    /// Binds `127.0.0.1` on a free port and starts answering; returns once listening.
    public static func start(_ flavor: FakeOAuthFlavor, client: FakeOAuthClient,
                             user: FakeOAuthUser = .standard) async throws -> FakeOAuthProvider {
        let authority = FakeOAuthAuthority(flavor: flavor, client: client, user: user)
        let gateway = GatewayBox()
        let ports = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(to: request, authority: authority, gateway: gateway)
        }
        var logger = Logger(label: "hyperpage.fakes.oauth.\(flavor.rawValue)")
        logger.logLevel = .warning
        let app = Application(responder: responder,
                              configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                              onServerRunning: { channel in
                                  ports.continuation.yield(channel.localAddress?.port ?? 0)
                                  ports.continuation.finish()
                              },
                              logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            try? await group.run()
            ports.continuation.finish()
        }
        var iterator = ports.stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            await task.value
            throw FakeServerError.stoppedBeforeListening
        }
        let provider = FakeOAuthProvider(flavor: flavor, port: port, authority: authority, gateway: gateway)
        provider.running.withLock { $0 = (task, group) }
        return provider
    }

    public func stop() async {
        guard let (task, group) = running.withLock({ r -> (task: Task<Void, Never>, group: ServiceGroup)? in
            defer { r = nil }
            return r
        }) else { return }
        await group.triggerGracefulShutdown()
        await task.value
    }

    // MARK: Test controls and records

    /// Changes the registered client (e.g. its redirect URI once the server under test has a port).
    public func setClient(_ client: FakeOAuthClient) { authority.update { $0.client = client } }

    /// How long issued access tokens live, in seconds (0: forever, GitHub's default).
    public func setAccessTokenLifetime(seconds: Int) { authority.update { $0.accessTokenLifetime = TimeInterval(seconds) } }

    /// How long authorization codes live, in seconds (60 by default).
    public func setCodeLifetime(seconds: Int) { authority.update { $0.codeLifetime = TimeInterval(seconds) } }

    /// Who the next authorizations approve (grants issued before keep their user): e.g. a
    /// second person signing in with the same provider.
    public func setUser(_ user: FakeOAuthUser) { authority.update { $0.user = user } }

    /// What Atlassian's `accessible-resources` lists to a live access token.
    public func setAccessibleResources(_ sites: [FakeAtlassianSite]) { authority.update { $0.resources = sites } }

    /// Plays Atlassian's API gateway in front of `jira` (Atlassian flavor): `accessible-resources`
    /// lists one site, `cloudID` at `jira.baseURL` (the `tools.jira.web_url` a test configures),
    /// and `/ex/jira/{cloudID}/…` here — or on `jira` itself — is answered by `jira` for Bearer
    /// access tokens this provider issued and that are still live (others get a 401).
    public func attachJira(_ jira: FakeToolServer, cloudID: String, siteName: String = "hyperpage-demo") {
        setAccessibleResources([FakeAtlassianSite(id: cloudID, url: jira.baseURL, name: siteName)])
        let authority = authority
        jira.acceptGatewayTokens(cloudID: cloudID) { token in authority.isLiveAccessToken(token) }
        gateway.set(jira)
    }

    /// Everything seen so far, in order.
    public var events: [FakeOAuthEvent] { authority.read { $0.events } }

    /// Every secret the fake handed out or holds — client secret, codes, access and refresh
    /// tokens — for tests that scan responses and logs for leaks.
    public var secrets: [String] { authority.read { $0.secrets } }

    /// Access tokens issued and still usable (not revoked, not expired).
    public var liveAccessTokens: [String] {
        authority.read { s in
            s.grants.filter { !$0.revoked && ($0.accessExpiresAt.map { $0 > Date() } ?? true) }.map(\.accessToken)
        }
    }

    /// Whether `token` (access or refresh) was issued here and is revoked or retired.
    public func isRevoked(_ token: String) -> Bool {
        authority.read { s in s.grants.contains { ($0.accessToken == token || $0.refreshToken == token) && $0.revoked } }
    }

    // MARK: Routing

    private static func respond(to request: Request, authority: FakeOAuthAuthority, gateway: GatewayBox) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers where headers[field.name.canonicalName] == nil {
            headers[field.name.canonicalName] = field.value
        }
        let fake = FakeRequest(method: request.method.rawValue, path: request.uri.path, query: FakeRequest.parseQuery(request.uri.query),
                               headers: headers, body: Array(buffer: body))
        let answer: FakeResponse
        if authority.flavor == .atlassian, fake.path.hasPrefix("/ex/jira/"), let jira = gateway.get() {
            answer = await jira.answer(fake)
        } else {
            answer = route(fake, authority: authority)
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static func route(_ request: FakeRequest, authority: FakeOAuthAuthority) -> FakeResponse {
        let flavor = authority.flavor
        switch (request.method, request.path) {
        case ("GET", flavor.authorizePath): return authority.authorize(request)
        case ("POST", flavor.tokenPath): return authority.token(request)
        case ("GET", flavor.apiPrefix + flavor.profilePath): return authority.profile(request)
        case ("GET", "/oauth/token/accessible-resources") where flavor == .atlassian: return authority.accessibleResources(request)
        case ("POST", "/oauth/revoke") where flavor == .gitlab: return authority.revoke(request)
        case ("DELETE", let path) where flavor == .github && path.hasPrefix("/applications/") && path.hasSuffix("/grant"):
            return authority.revoke(request)
        default:
            return .json(.object([("message", .string("Not Found"))]), status: 404)
        }
    }
}

/// The fake Jira behind a fake Atlassian gateway, set after both servers started.
private final class GatewayBox: Sendable {
    private let jira = Mutex<FakeToolServer?>(nil)
    func set(_ server: FakeToolServer) { jira.withLock { $0 = server } }
    func get() -> FakeToolServer? { jira.withLock { $0 } }
}
