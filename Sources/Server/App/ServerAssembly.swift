import Foundation
import Logging
import Resolvers
import Schema

/// A serving Hyperpage put together from its configuration: the libcurl transport, the tool
/// runtime (connectors, loaders, cache), the schema of the enabled tools, the metrics and the
/// HTTP server. `serve` and `demo` both run one.
public struct ServerAssembly: Sendable {
    public let config: HyperpageConfig
    public let tools: ToolRuntime
    public let transport: CurlTransport
    public let metrics: HyperpageMetrics
    public let server: HyperpageHTTPServer<RequestContext>
    /// Sign-in and sessions, when `auth.providers` configures at least one provider.
    public let auth: AuthService?

    /// Builds everything; throws `ToolSchemaError` when the schema folder does not hold the
    /// enabled tools' SDL files or they do not build, and `TokenCipherError` when sign-in is
    /// configured but `HYPERPAGE_TOKEN_KEYS` is missing or malformed.
    ///
    /// With sign-in configured, `schema/auth.graphql` is served too (`viewer`,
    /// `updatePreferences`). Its stores are in-process for now (sessions and connections are lost
    /// at restart); the PostgreSQL and Redis stores replace them when configured.
    public static func make(config: HyperpageConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "hyperpage")) throws -> ServerAssembly {
        let endpoints = config.toolEndpoints
        let signIn = !config.auth.enabledProviders.isEmpty
        let schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: endpoints,
                                         extraFiles: signIn ? ["auth.graphql"] : [])
        let metrics = HyperpageMetrics()
        let transport = CurlTransport(connectTimeout: config.upstream.connectTimeout)
        let tools = ToolRuntime(endpoints: endpoints, transport: transport,
                                retry: RetryPolicy(maxRetries: config.upstream.maxRetries),
                                attemptTimeout: config.upstream.timeout, cacheTTL: config.cache.defaultTTL,
                                observer: metrics)
        var resolvers = tools.resolvers
        var auth: AuthService?
        if signIn {
            let cipher = try TokenCipher.fromEnvironment(environment)
            let publicURL = config.auth.publicURL.isEmpty ? "http://\(config.server.host):\(config.server.port)" : config.auth.publicURL
            let service = AuthService(settings: config.auth, publicURL: publicURL, cipher: cipher, transport: transport,
                                      providerTimeout: config.upstream.timeout, logger: logger)
            ViewerResolvers.add(to: &resolvers, auth: service)
            auth = service
        }
        let service = GraphQLService(schema: schema, resolvers: resolvers,
                                     makeCallerContext: { deadline, caller in tools.makeContext(deadline: deadline, viewerID: caller.userID) })
        let probe = ReadinessProbe(tools: tools, cacheDescription: config.cache.redisURL.isEmpty ? "in-process" : "redis")
        let server = HyperpageHTTPServer(config: config, service: service, metrics: metrics,
                                         readiness: { await probe.report() }, logger: logger, auth: auth)
        return ServerAssembly(config: config, tools: tools, transport: transport, metrics: metrics, server: server, auth: auth)
    }
}
