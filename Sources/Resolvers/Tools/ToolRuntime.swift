import Schema

/// The live tool layer of a server: one upstream client per enabled tool (sharing a transport,
/// a rate-limit ledger and a response cache), the resolvers of the tool schema, and a fresh
/// `RequestContext` (deadline + DataLoaders) per request.
public final class ToolRuntime: Sendable {
    public let endpoints: ToolEndpoints
    public let ledger: RateLimitLedger
    public let resolvers: ResolverMap<RequestContext>
    let cache: any ResponseCache
    let observer: (any UpstreamObserver)?
    let github: GitHubConnector?
    let gitlab: GitLabConnector?
    let jira: JiraConnector?

    /// - Parameters:
    ///   - cacheTTL: how long GET answers are reused (zero: not cached).
    ///   - cache: where they are kept; in-process by default.
    public init(endpoints: ToolEndpoints, transport: any UpstreamTransport, retry: RetryPolicy = RetryPolicy(),
                attemptTimeout: Duration = .seconds(8), cacheTTL: Duration = .seconds(60),
                observer: (any UpstreamObserver)? = nil, cache: any ResponseCache = MemoryResponseCache()) {
        let ledger = RateLimitLedger()
        self.endpoints = endpoints
        self.ledger = ledger
        self.cache = cache
        self.observer = observer
        func http(_ tool: String, _ baseURL: String, _ auth: UpstreamAuth, credential: String) -> ToolHTTP {
            let client = UpstreamClient(tool: tool, baseURL: baseURL, auth: auth, transport: transport, ledger: ledger,
                                        retry: retry, attemptTimeout: attemptTimeout, observer: observer)
            return ToolHTTP(client: client, cache: cache, ttl: cacheTTL, credential: credential, observer: observer)
        }
        github = endpoints.github.map { e in
            GitHubConnector(http: http("github", e.apiURL, .bearer(e.token), credential: e.token), endpoint: e)
        }
        gitlab = endpoints.gitlab.map { e in
            GitLabConnector(http: http("gitlab", e.apiURL, .privateToken(e.token), credential: e.token), endpoint: e)
        }
        jira = endpoints.jira.map { e in
            JiraConnector(http: http("jira", e.webURL, .basic(user: e.email, password: e.token),
                                     credential: e.email + ":" + e.token), endpoint: e)
        }
        resolvers = ToolResolvers.make(endpoints: endpoints, ledger: ledger)
    }

    /// The context of one request whose upstream calls must finish by `deadline`.
    public func makeContext(deadline: ContinuousClock.Instant) -> RequestContext {
        makeContext(deadline: deadline, viewerID: nil)
    }

    /// The context of one request by the signed-in user `viewerID` (nil: anonymous).
    public func makeContext(deadline: ContinuousClock.Instant, viewerID: String?) -> RequestContext {
        RequestContext(deadline: deadline, viewerID: viewerID, github: github, gitlab: gitlab, jira: jira, observer: observer)
    }

    /// Asks every enabled tool who the credentials belong to (uncached), concurrently.
    public func readiness(deadline: ContinuousClock.Instant) async -> [ToolReadiness] {
        var probes: [(String, ToolHTTP, String)] = []
        if let github { probes.append(("github", github.http, "/user")) }
        if let gitlab { probes.append(("gitlab", gitlab.http, "/user")) }
        if let jira { probes.append(("jira", jira.http, "/rest/api/3/myself")) }
        let ledger = ledger
        return await withTaskGroup(of: (Int, ToolReadiness).self) { group in
            for (i, (tool, http, path)) in probes.enumerated() {
                group.addTask {
                    do throws(UpstreamError) {
                        _ = try await http.client.send("GET", path, deadline: deadline)
                        if ledger.observation(for: tool)?.remaining == 0 {
                            return (i, ToolReadiness(tool: tool, state: .degraded, message: "rate-limit budget spent"))
                        }
                        return (i, ToolReadiness(tool: tool, state: .ok))
                    } catch {
                        let state: ReadinessState = error.code == .rateLimited ? .degraded : .down
                        return (i, ToolReadiness(tool: tool, state: state, message: "\(error.code.rawValue): \(error.message)"))
                    }
                }
            }
            var out = [ToolReadiness?](repeating: nil, count: probes.count)
            for await (i, r) in group { out[i] = r }
            return out.compactMap { $0 }
        }
    }
}
