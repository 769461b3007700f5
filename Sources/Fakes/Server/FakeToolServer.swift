import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A loopback HTTP server playing one tool (GitHub, GitLab or Jira) over a `FakeDataset`, with
/// switchable faults and per-path request counters. Start it with `start(_:dataset:port:)`,
/// point a connector at `apiURL`, and `stop()` it when done.
public final class FakeToolServer: Sendable {
    public let tool: FakeTool
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// What a config's `api_url`/`web_url` gets: GitHub `baseURL`, GitLab `baseURL + "/api/v4"`,
    /// Jira `baseURL`.
    public let apiURL: String
    /// How long a `.hang` holds a request at most before answering with the tool's 503.
    public static let hangLimit: Duration = .seconds(60)

    private let api: any FakeToolAPI
    /// The `Last-Modified` of every answer (the server's start, as an HTTP date).
    private let lastModified: String
    private let state: Mutex<State>
    private let running: Mutex<(task: Task<Void, Never>, group: ServiceGroup)?>

    private struct State {
        var faults = FakeFaults.none
        /// Failures left when `faults.failures` is set.
        var failuresLeft: Int?
        var counts: [String: Int] = [:]
        /// 304 answers to conditional GETs, by path (also counted in `counts`).
        var notModified: [String: Int] = [:]
        /// Requests by the value of their credential header (`authorization` or `private-token`).
        var credentials: [String: Int] = [:]
        /// Credential header values accepted besides the tool's built-in demo credentials.
        var extraCredentials: Set<String> = []
        /// Jira: the cloud id served under Atlassian's gateway path `/ex/jira/{cloud id}/…`, and
        /// which Bearer tokens it accepts there.
        var gateway: (cloudID: String, verify: @Sendable (String) -> Bool)?
        /// Every request's path (as received) and credential header, in order.
        var log: [(path: String, credential: String?)] = []
        /// Rate-limit windows by bucket resource: start and requests counted.
        var windows: [String: (start: Date, used: Int)] = [:]
        var stopping = false
    }

    private init(tool: FakeTool, port: Int, api: any FakeToolAPI) {
        self.tool = tool
        self.baseURL = "http://127.0.0.1:\(port)"
        self.apiURL = tool == .gitlab ? baseURL + GitLabAPI.prefix : baseURL
        self.api = api
        self.lastModified = FakeToolServer.httpDate(Date())
        self.state = Mutex(State())
        self.running = Mutex(nil)
    }

    /// Binds `127.0.0.1:port` (0: any free port) and starts answering; returns once the server
    /// is listening.
    public static func start(_ tool: FakeTool, dataset: FakeDataset = .standard, port: Int = 0) async throws -> FakeToolServer {
        let api: any FakeToolAPI = switch tool {
        case .github: GitHubAPI(data: dataset.github)
        case .gitlab: GitLabAPI(data: dataset.gitlab)
        case .jira: JiraAPI(data: dataset.jira)
        }
        let box = ServerBox()
        let started = StartSignal()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            guard let server = box.server else { return Response(status: .serviceUnavailable) }
            return try await server.respond(to: request)
        }
        var logger = Logger(label: "hyperpage.fakes.\(tool.rawValue)")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in started.resolve(.success(channel.localAddress?.port ?? port)) },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
                started.resolve(.failure(FakeServerError.stoppedBeforeListening))
            } catch {
                started.resolve(.failure(error))
            }
        }
        let boundPort: Int
        do {
            boundPort = try await started.value()
        } catch {
            task.cancel()
            await task.value
            throw error
        }
        let server = FakeToolServer(tool: tool, port: boundPort, api: api)
        server.running.withLock { $0 = (task, group) }
        box.server = server
        return server
    }

    /// Replaces the faults; the next request sees them.
    public func setFaults(_ faults: FakeFaults) {
        state.withLock {
            $0.faults = faults
            $0.failuresLeft = faults.failures
        }
    }

    /// Requests received for `path` (no query string; percent-decoded, so
    /// `/api/v4/projects/hyperpage-demo%2Fdata-pipeline` and its decoded form count together),
    /// whether they were answered, failed or refused.
    public func requestCount(_ path: String) -> Int {
        let key = FakeRequest.percentDecode(path, plusIsSpace: false)
        return state.withLock { $0.counts[key] ?? 0 }
    }

    /// All counters, by path.
    public func requestCounts() -> [String: Int] { state.withLock { $0.counts } }

    public func resetRequestCounts() {
        state.withLock {
            $0.log = []
            $0.counts = [:]
            $0.notModified = [:]
            $0.credentials = [:]
        }
    }

    /// Conditional GETs of `path` answered 304 Not Modified (they are in `requestCount` too).
    public func notModifiedCount(_ path: String) -> Int {
        let key = FakeRequest.percentDecode(path, plusIsSpace: false)
        return state.withLock { $0.notModified[key] ?? 0 }
    }

    /// Requests that carried exactly this credential header value (`Bearer <token>` for GitHub,
    /// the token for GitLab's `PRIVATE-TOKEN`), whatever their answer.
    public func requestCount(credentialHeader value: String) -> Int {
        state.withLock { $0.credentials[value] ?? 0 }
    }

    /// Accepts requests whose credential header (`authorization` or `private-token`) is exactly
    /// `value`, besides the built-in demo credentials: e.g. `Bearer <token>` for an access token a
    /// fake OAuth provider issued, so a test can watch a server act as a signed-in user.
    public func acceptCredentialHeader(_ value: String) {
        state.withLock { _ = $0.extraCredentials.insert(value) }
    }

    /// The paths (as received, without the query) of the requests that carried exactly this
    /// credential header value, in order: e.g. which user's token reached which API path.
    public func requestPaths(credentialHeader value: String) -> [String] {
        state.withLock { $0.log.filter { $0.credential == value }.map(\.path) }
    }

    /// Jira: also serves the API under Atlassian's gateway path `/ex/jira/{cloudID}/rest/api/3/…`
    /// (what OAuth 2.0 tokens must call), for `Authorization: Bearer <token>` where `verify`
    /// accepts the token; other credentials get a 401, as from the real gateway, and another
    /// cloud id a 404. The site paths keep accepting only the service credential (HTTP Basic).
    public func acceptGatewayTokens(cloudID: String, verify: @escaping @Sendable (String) -> Bool) {
        state.withLock { $0.gateway = (cloudID, verify) }
    }

    /// Stops listening, ends held (`.hang`) requests and waits for the server to finish: a
    /// graceful shutdown (in-flight answers complete), cut short after two seconds.
    public func stop() async {
        state.withLock { $0.stopping = true }
        guard let (task, group) = running.withLock({ r -> (task: Task<Void, Never>, group: ServiceGroup)? in
            defer { r = nil }
            return r
        }) else { return }
        await group.triggerGracefulShutdown()
        let deadline = Task {
            try? await Task.sleep(for: .seconds(2))
            task.cancel()
        }
        await task.value
        deadline.cancel()
    }

    // MARK: Answering

    private func respond(to request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 4 << 20)
        var headers: [String: String] = [:]
        for field in request.headers where headers[field.name.canonicalName] == nil {
            headers[field.name.canonicalName] = field.value
        }
        let fake = FakeRequest(method: request.method.rawValue, path: request.uri.path, query: FakeRequest.parseQuery(request.uri.query),
                               headers: headers, body: Array(buffer: body))
        let answer = await answer(fake)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    func answer(_ request: FakeRequest) async -> FakeResponse {
        let (latency, failure) = state.withLock { s -> (Duration, FakeFailure?) in
            s.counts[FakeRequest.percentDecode(request.path, plusIsSpace: false), default: 0] += 1
            let credential = request.header("authorization") ?? request.header("private-token")
            if let credential { s.credentials[credential, default: 0] += 1 }
            s.log.append((request.path, credential))
            guard let failure = s.faults.failure else { return (s.faults.latency, nil) }
            if let left = s.failuresLeft {
                guard left > 0 else { return (s.faults.latency, nil) }
                s.failuresLeft = left - 1
            }
            return (s.faults.latency, failure)
        }
        if latency > .zero { try? await Task.sleep(for: latency) }
        let now = Date()
        switch failure {
        case .status(let code):
            return api.error(status: code)
        case .rateLimited(let seconds):
            return api.rateLimited(retryAfterSeconds: seconds, status: api.rateBucket(for: request).map { count($0, now: now, add: 0) }, now: now)
        case .hang:
            await hold()
            return api.error(status: 503)
        case .malformedBody:
            var response = normalAnswer(request, now: now)
            response.status = 200
            response.body = Array(response.body.prefix(max(1, response.body.count / 2)))
            return response
        case nil:
            return normalAnswer(request, now: now)
        }
    }

    private func normalAnswer(_ request: FakeRequest, now: Date) -> FakeResponse {
        var request = request
        var apiRoot = apiURL
        if tool == .jira, request.path.hasPrefix(Self.gatewayPrefix) {
            let rest = request.path.dropFirst(Self.gatewayPrefix.count)
            let cloudID = rest.prefix { $0 != "/" }
            guard let gateway = state.withLock({ $0.gateway }), String(cloudID) == gateway.cloudID else { return api.error(status: 404) }
            guard let auth = request.header("authorization"), auth.hasPrefix("Bearer "), gateway.verify(String(auth.dropFirst(7))) else {
                return .json(.object([("code", .int(401)), ("message", .string("Unauthorized"))]), status: 401)
            }
            request.path = String(rest.dropFirst(cloudID.count))
            apiRoot = baseURL + Self.gatewayPrefix + cloudID
        } else {
            let extra = state.withLock { s in
                (request.header("authorization") ?? request.header("private-token")).map(s.extraCredentials.contains) ?? false
            }
            guard extra || api.isAuthorized(request) else { return api.unauthorized() }
        }
        let call = FakeCall(request: request, apiRoot: apiRoot, baseRoot: baseURL, now: now)
        var response = api.respond(to: call)
        let validators = api.validators
        if request.method == "GET", response.status == 200, validators.etag || validators.lastModified {
            let etag = "W/\"\(Self.bodyHash(response.body))\""
            var headers: [(name: String, value: String)] = []
            if validators.etag { headers.append(("etag", etag)) }
            if validators.lastModified { headers.append(("last-modified", lastModified)) }
            response.headers += headers
            if isNotModified(request, etag: validators.etag ? etag : nil, lastModified: validators.lastModified ? lastModified : nil) {
                state.withLock { $0.notModified[FakeRequest.percentDecode(request.path, plusIsSpace: false), default: 0] += 1 }
                var notModified = FakeResponse(status: 304, headers: headers, body: [])
                // Not counted against the rate limit (as GitHub documents); the headers still say where it stands.
                if let bucket = api.rateBucket(for: request) {
                    notModified.headers += api.rateLimitHeaders(count(bucket, now: now, add: 0))
                }
                return notModified
            }
        }
        if let bucket = api.rateBucket(for: request) {
            response.headers += api.rateLimitHeaders(count(bucket, now: now, add: 1))
        }
        return response
    }

    /// Atlassian's API gateway path for Jira Cloud, followed by the cloud id.
    static let gatewayPrefix = "/ex/jira/"

    /// Whether a conditional GET matches: `If-None-Match` (weak comparison, any of a list, or
    /// `*`) decides when present, else `If-Modified-Since` equal to our `Last-Modified`.
    private func isNotModified(_ request: FakeRequest, etag: String?, lastModified: String?) -> Bool {
        if let header = request.header("if-none-match") {
            guard let etag else { return false }
            let opaque = { (tag: Substring) -> Substring in
                let t = tag.drop { $0 == " " }
                return t.hasPrefix("W/") ? t.dropFirst(2) : t
            }
            return header.split(separator: ",").contains { tag in
                let t = opaque(tag).trimmingCharacters(in: .whitespaces)
                return t == "*" || t == String(opaque(Substring(etag)))
            }
        }
        if let since = request.header("if-modified-since"), let lastModified { return since == lastModified }
        return false
    }

    /// A stable hex digest of a body (FNV-1a 64), the opaque part of the ETag.
    static func bodyHash(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    /// An IMF-fixdate (`Tue, 15 Nov 1994 08:12:31 GMT`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// Counts a request against `bucket`'s current window and returns the window's state.
    private func count(_ bucket: FakeRateBucket, now: Date, add: Int) -> FakeRateStatus {
        state.withLock { s in
            var window = s.windows[bucket.resource] ?? (start: now, used: 0)
            if now.timeIntervalSince(window.start) >= Double(bucket.window) { window = (start: now, used: 0) }
            window.used += add
            s.windows[bucket.resource] = window
            let reset = Date(timeIntervalSince1970: (window.start.timeIntervalSince1970 + Double(bucket.window)).rounded(.up))
            return FakeRateStatus(bucket: bucket, used: window.used, resetAt: reset)
        }
    }

    /// Holds a `.hang` request until the client goes away (task cancelled), the server stops,
    /// or `hangLimit` passes.
    private func hold() async {
        let deadline = ContinuousClock.now + Self.hangLimit
        while ContinuousClock.now < deadline && !Task.isCancelled && !state.withLock({ $0.stopping }) {
            try? await Task.sleep(for: .milliseconds(25))
        }
    }
}

/// Why `FakeToolServer.start` failed when the underlying server gave no error of its own.
public enum FakeServerError: Error, Sendable {
    case stoppedBeforeListening
}

/// Lets the responder, built before the server object exists, reach it.
private final class ServerBox: Sendable {
    private let storage = Mutex<FakeToolServer?>(nil)
    var server: FakeToolServer? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

/// A one-shot result the start-up waits on: the bound port, or why the server did not start.
private final class StartSignal: Sendable {
    private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

    func resolve(_ result: Result<Int, any Error>) {
        let waiter = state.withLock { s -> CheckedContinuation<Int, any Error>? in
            guard s.result == nil else { return nil }
            s.result = result
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { s -> Result<Int, any Error>? in
                if let r = s.result { return r }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
