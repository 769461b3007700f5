import Schema
import Foundation
import Synchronization

/// The live tool layer of a server: one upstream client per enabled tool (sharing a transport,
/// a rate-limit ledger and a cache store), the resolvers of the tool schema, and a fresh
/// `RequestContext` (deadline + DataLoaders + stale recorder) per request.
public final class ToolRuntime: Sendable {
    public let endpoints: ToolEndpoints
    public let ledger: RateLimitLedger
    public let resolvers: ResolverMap<RequestContext>
    /// Where cached answers live (in-process by default; Redis when configured).
    public let cacheStore: any CacheStore
    /// The cache policy now; `replaceCachePolicy` changes it while serving.
    public var cachePolicy: CachePolicy { livePolicy.policy }
    let livePolicy: LivePolicy
    /// Whether the cache store answers (`/readyz`).
    public let cacheHealth: CacheHealth
    /// The admin overrides in force (`applyOverrides` replaces them).
    public let overrides = ToolOverrides()
    /// The credential scope of each enabled tool (`CacheKeys.scope`, never the credential):
    /// the `<scope>` of its cache keys and of its quota ledger entries.
    public let credentialScopes: [String: String]
    let observer: (any UpstreamObserver)?
    let github: GitHubConnector?
    let gitlab: GitLabConnector?
    let jira: JiraConnector?
    /// Builds one tool's HTTP access for a credential (the service token at start-up, a signed-in
    /// user's token per request): its own upstream client and a cache scope of that identity.
    let makeHTTP: @Sendable (_ tool: String, _ baseURL: String, _ auth: UpstreamAuth, _ identity: String) -> ToolHTTP
    /// The Unix time in seconds the cache judges freshness by.
    let now: @Sendable () -> Double
    /// `answersGeneration`.
    let generation = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - cachePolicy: TTLs, stale grace, quota floors and the key secret (`CachePolicy.off`:
    ///     every call goes to the tool).
    ///   - cacheStore: the second cache level; in-process by default.
    ///   - now: the Unix time in seconds the cache judges freshness by (tests move it).
    public init(endpoints: ToolEndpoints, transport: any UpstreamTransport, retry: RetryPolicy = RetryPolicy(),
                attemptTimeout: Duration = .seconds(8), cachePolicy: CachePolicy = CachePolicy(),
                cacheStore: (any CacheStore)? = nil, observer: (any UpstreamObserver)? = nil,
                ledger: RateLimitLedger = RateLimitLedger(),
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        let store = cacheStore ?? MemoryCacheStore(now: now)
        let keys = CacheKeys(secret: cachePolicy.keySecret)
        let health = CacheHealth()
        self.endpoints = endpoints
        self.ledger = ledger
        self.cacheStore = store
        let live = LivePolicy(cachePolicy)
        livePolicy = live
        self.cacheHealth = health
        self.observer = observer
        self.now = now
        let makeHTTP: @Sendable (String, String, UpstreamAuth, String) -> ToolHTTP = { tool, baseURL, auth, identity in
            // The scope covers the tool, where it lives and the whole credential.
            let scope = keys.scope(identity: [tool, baseURL, identity].joined(separator: "\n"))
            let client = UpstreamClient(tool: tool, baseURL: baseURL, auth: auth, transport: transport, ledger: ledger,
                                        retry: retry, attemptTimeout: attemptTimeout, observer: observer, scope: scope)
            let cache = ToolCache(tool: tool, scope: scope, policy: live, store: store, ledger: ledger,
                                  observer: observer, health: health, now: now)
            return ToolHTTP(client: client, cache: cache, observer: observer)
        }
        self.makeHTTP = makeHTTP
        func http(_ tool: String, _ baseURL: String, _ auth: UpstreamAuth, identity: String) -> ToolHTTP {
            makeHTTP(tool, baseURL, auth, identity)
        }
        github = endpoints.github.map { e in
            GitHubConnector(http: http("github", e.apiURL, .bearer(e.token), identity: e.token), endpoint: e)
        }
        gitlab = endpoints.gitlab.map { e in
            GitLabConnector(http: http("gitlab", e.apiURL, .privateToken(e.token), identity: e.token), endpoint: e)
        }
        jira = endpoints.jira.map { e in
            JiraConnector(http: http("jira", e.webURL, .basic(user: e.email, password: e.token),
                                     identity: e.email + "\n" + e.token), endpoint: e)
        }
        var scopes: [String: String] = [:]
        for http in [github?.http, gitlab?.http, jira?.http].compactMap({ $0 }) { scopes[http.tool] = http.cache.scope }
        credentialScopes = scopes
        resolvers = ToolResolvers.make(endpoints: endpoints, ledger: ledger)
    }

    /// A runtime whose answers are all cached for `cacheTTL` (zero: nothing is cached); the
    /// built-in per-kind TTLs still apply where they exist.
    public convenience init(endpoints: ToolEndpoints, transport: any UpstreamTransport, retry: RetryPolicy = RetryPolicy(),
                            attemptTimeout: Duration = .seconds(8), cacheTTL: Duration,
                            observer: (any UpstreamObserver)? = nil) {
        self.init(endpoints: endpoints, transport: transport, retry: retry, attemptTimeout: attemptTimeout,
                  cachePolicy: cacheTTL > .zero ? CachePolicy(defaultTTL: cacheTTL) : .off, observer: observer)
    }

    /// Installs new TTLs, stale grace and quota floors (a config reload); the key secret stays.
    public func replaceCachePolicy(_ policy: CachePolicy) {
        livePolicy.replace(with: policy)
        answersChanged()
    }

    /// Installs the admin overrides read from the store: switched-off tools get no connector in
    /// later requests, and refresh intervals become their tools' cache TTLs. A change outdates
    /// every reused response. Returns whether anything changed.
    @discardableResult
    public func applyOverrides(_ list: [ToolOverride]) -> Bool {
        let changed = overrides.replace(with: list)
        livePolicy.replaceToolTTLs(overrides.refreshIntervals)
        if changed { answersChanged() }
        return changed
    }

    /// Drops every cached answer of `tool` (all credentials).
    public func invalidate(tool: String) async throws(CacheStoreError) {
        // Outdates reused responses after the removal too: one built from an entry the removal
        // was about to drop must not outlive it.
        answersChanged()
        defer { answersChanged() }
        try await cacheStore.removeEntries(withPrefix: CacheKeys.toolPrefix(tool))
    }

    /// The context of one request whose upstream calls must finish by `deadline`.
    public func makeContext(deadline: ContinuousClock.Instant) -> RequestContext {
        makeContext(deadline: deadline, viewerID: nil)
    }

    /// The context of one request by the signed-in user `viewerID` (nil: anonymous). A tool in
    /// `credentials` is called with the user's token (and cached under the user's account);
    /// the others with the service token of the configuration. `isAdmin`: the request carried
    /// an admin. Tools an override switches off get no connector: nothing calls them.
    public func makeContext(deadline: ContinuousClock.Instant, viewerID: String?,
                            credentials: ToolCredentials = .none, isAdmin: Bool = false) -> RequestContext {
        let off = overrides.disabledTools
        // Tools shown to their connected users only: without the caller's own credential, no
        // connector (the service token is never used for them).
        var unconnected = Set<String>()
        let userOnly = endpoints.userCredentialOnly
        if userOnly.contains("github"), credentials.github == nil { unconnected.insert("github") }
        if userOnly.contains("gitlab"), credentials.gitlab == nil { unconnected.insert("gitlab") }
        if userOnly.contains("jira"), credentials.jira == nil { unconnected.insert("jira") }
        unconnected.subtract(off)
        let skip = off.union(unconnected)
        return RequestContext(deadline: deadline, viewerID: viewerID, isAdmin: isAdmin, disabledTools: off,
                              unconnectedTools: unconnected,
                              github: skip.contains("github") ? nil : github(for: credentials.github),
                              gitlab: skip.contains("gitlab") ? nil : gitlab(for: credentials.gitlab),
                              jira: skip.contains("jira") ? nil : jira(for: credentials.jira), observer: observer)
    }

    /// The GitHub connector acting with `credential` (the configured one when nil).
    func github(for credential: ToolCredentials.Credential?) -> GitHubConnector? {
        guard let credential, let endpoint = endpoints.github else { return github }
        return GitHubConnector(http: makeHTTP("github", endpoint.apiURL, .bearer(credential.token), Self.userIdentity(credential)),
                               endpoint: endpoint)
    }

    /// The GitLab connector acting with `credential` (OAuth tokens go as `Bearer`).
    func gitlab(for credential: ToolCredentials.Credential?) -> GitLabConnector? {
        guard let credential, let endpoint = endpoints.gitlab else { return gitlab }
        return GitLabConnector(http: makeHTTP("gitlab", endpoint.apiURL, .bearer(credential.token), Self.userIdentity(credential)),
                               endpoint: endpoint)
    }

    /// The Jira connector acting with `credential`: the user's Bearer token sent through
    /// Atlassian's gateway (`…/ex/jira/{cloud id}`), issue links on the credential's site, and a
    /// cache scope of the Atlassian account and the site (the configured one when nil).
    func jira(for credential: ToolCredentials.JiraCredential?) -> JiraConnector? {
        guard let credential, var endpoint = endpoints.jira else { return jira }
        endpoint.webURL = credential.siteURL
        return JiraConnector(http: makeHTTP("jira", credential.apiRoot, .bearer(credential.credential.token),
                                            Self.userIdentity(credential.credential)),
                             endpoint: endpoint)
    }

    /// A user's cache identity: marked so it can never equal a service token's.
    static func userIdentity(_ credential: ToolCredentials.Credential) -> String { "user-account\n" + credential.account }

    /// Asks every enabled tool who the credentials belong to (uncached), concurrently. A tool
    /// an override switches off is not asked: it is reported `ok` with a note.
    public func readiness(deadline: ContinuousClock.Instant) async -> [ToolReadiness] {
        let off = overrides.disabledTools
        var probes: [(String, ToolHTTP, String)] = []
        if let github, !off.contains("github") { probes.append(("github", github.http, "/user")) }
        if let gitlab, !off.contains("gitlab") { probes.append(("gitlab", gitlab.http, "/user")) }
        if let jira, !off.contains("jira") { probes.append(("jira", jira.http, "/rest/api/3/myself")) }
        let switchedOff = [github?.http.tool, gitlab?.http.tool, jira?.http.tool].compactMap { $0 }.filter(off.contains)
            .map { ToolReadiness(tool: $0, state: .ok, message: "disabled by an admin override") }
        let ledger = ledger
        return await withTaskGroup(of: (Int, ToolReadiness).self) { group in
            for (i, (tool, http, path)) in probes.enumerated() {
                group.addTask {
                    do throws(UpstreamError) {
                        _ = try await http.client.send("GET", path, deadline: deadline)
                        let core = ledger.observation(tool: tool, scope: http.client.scope, bucket: RateLimitObservation.coreBucket)
                        if core?.remaining == 0 {
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
            return out.compactMap { $0 } + switchedOff
        }
    }
}
