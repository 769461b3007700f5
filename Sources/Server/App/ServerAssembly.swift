import Foundation
import Logging
import Postgres
import Redis
import Resolvers
import Schema
import ServiceLifecycle

/// A serving Hyperpage put together from its configuration: the libcurl transport, the tool
/// runtime (connectors, loaders, cache), the schema of the enabled tools, the metrics and the
/// HTTP server. `serve` and `demo` both run one.
public struct ServerAssembly: Sendable {
    public let config: HyperpageConfig
    public let tools: ToolRuntime
    public let transport: CurlTransport
    public let metrics: HyperpageMetrics
    public let server: HyperpageHTTPServer<RequestContext>
    /// The PostgreSQL pool when `database.url` is set (connections open on first use). Check it
    /// with `verifyDatabase()` before serving; shut it down after.
    public let database: PostgresPool?
    /// The Redis client when `cache.redis_url` is set: the shared cache level behind every tool.
    public let redis: RedisClient?
    /// Shares the quota ledger through Redis when `cache.redis_url` is set; started by `make`,
    /// stopped by `shutdown()`.
    public let quotaSync: RedisQuotaSync?
    /// Sign-in and sessions, when `auth.providers` configures at least one provider.
    public let auth: AuthService?
    /// Heartbeats, leader election and pod-to-pod events (inert without Redis): run its
    /// `services` next to the HTTP server.
    public let cluster: ClusterCoordinator
    /// Admin tool overrides: call `overrides.refresh()` once before serving (`serve` does);
    /// its periodic re-read is one of `services`.
    public let overrides: ToolOverrideManager
    /// The audit log (PostgreSQL with `database.url`, else in-process).
    public let audit: AuditTrail
    /// The background loops to run next to the HTTP server (`server.run(services:)`): the
    /// cluster's, the warm-query refresher and the overrides' re-read.
    public let services: [any Service]
    let warm: WarmQueryRefresher

    /// Builds everything; throws `ToolSchemaError` when the schema folder does not hold the
    /// enabled tools' SDL files or they do not build, `PostgresError` / `RedisError` when the
    /// database or cache settings are unusable, and `TokenCipherError` when sign-in is
    /// configured but `HYPERPAGE_TOKEN_KEYS` is missing or malformed.
    ///
    /// With sign-in configured, `schema/auth.graphql` is served too (`viewer`,
    /// `updatePreferences`). Its stores follow `AuthStoreSet.make`: PostgreSQL when `database.url`
    /// is set (sessions and the refresh lock in Redis when `cache.redis_url` is set too), else
    /// in-process (lost at restart).
    ///
    /// With `configPath` (`serve`), the file can be reloaded while serving: SIGHUP or
    /// `POST /admin/reload` (admin token) re-read it and tell the other pods to re-read theirs.
    public static func make(config: HyperpageConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "hyperpage"), configPath: String? = nil) throws -> ServerAssembly {
        let database = try config.database.postgresConfiguration().map { PostgresPool(configuration: $0) }
        let redis = try config.cache.redisURL.isEmpty ? nil
            : RedisClient(configuration: RedisConfiguration(url: config.cache.redisURL))
        let endpoints = config.toolEndpoints
        let signIn = !config.auth.enabledProviders.isEmpty
        let schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: endpoints,
                                         extraFiles: extraSchemaFiles(config))
        let metrics = HyperpageMetrics()
        let transport = CurlTransport(connectTimeout: config.upstream.connectTimeout)
        let tools = ToolRuntime(endpoints: endpoints, transport: transport,
                                retry: RetryPolicy(maxRetries: config.upstream.maxRetries),
                                attemptTimeout: config.upstream.timeout, cachePolicy: config.cache.policy,
                                cacheStore: redis.map { RedisCacheStore(client: $0, logger: logger) },
                                observer: metrics)
        let quotaSync = redis.map { client in
            RedisQuotaSync(client: client, ledger: tools.ledger, scopes: tools.credentialScopes, observer: metrics,
                           logger: logger)
        }
        quotaSync?.start()
        let cluster = ClusterCoordinator(config: config, redis: redis, tools: tools, logger: logger)
        let audit = AuditTrail(log: database.map { PostgresAuditLog(pool: $0) } ?? MemoryAuditLog(), logger: logger, metrics: metrics)
        let overrides = ToolOverrideManager(store: database.map { PostgresToolOverrideStore(pool: $0) } ?? MemoryToolOverrideStore(),
                                            tools: tools, cluster: cluster, audit: audit, interval: overrideRefreshInterval(environment),
                                            logger: logger)
        let podID = cluster.identity.id
        cluster.onEvent { event in
            if event.kind == .overrides, event.from != podID { await overrides.refresh() }
        }
        var resolvers = tools.resolvers
        ClusterResolvers.add(to: &resolvers, coordinator: cluster, audit: audit)
        AdminResolvers.add(to: &resolvers, overrides: overrides, runtime: tools, audit: audit)
        var auth: AuthService?
        if signIn {
            let cipher = try TokenCipher.fromEnvironment(environment)
            let publicURL = config.auth.publicURL.isEmpty ? "http://\(config.server.host):\(config.server.port)" : config.auth.publicURL
            let stores = AuthStoreSet.make(database: database, redis: redis, settings: config.auth)
            logger.info("Sign-in stores", metadata: ["hyperpage.auth.store": .string(stores.durableBackend),
                                                     "hyperpage.auth.sessions": .string(stores.sessionBackend)])
            let service = AuthService(settings: config.auth, publicURL: publicURL, cipher: cipher, transport: transport,
                                      stores: stores, providerTimeout: config.upstream.timeout, logger: logger,
                                      jiraSiteURL: endpoints.jira?.webURL, audit: audit)
            ViewerResolvers.add(to: &resolvers, auth: service)
            auth = service
        }
        let warm = WarmQueryRefresher(config: config, schema: schema, resolvers: resolvers, tools: tools,
                                      election: cluster.election, logger: logger)
        let service = GraphQLService(schema: schema, resolvers: resolvers,
                                     makeCallerContext: { deadline, caller in
                                         tools.makeContext(deadline: deadline, viewerID: caller.userID, credentials: caller.toolCredentials,
                                                           isAdmin: caller.isAdmin)
                                     },
                                     extensions: { context in context.sources.extensions },
                                     caching: config.cache.responses
                                         ? .tools(tools, maxAge: config.cache.responseMaxAge) : nil)
        // Another pod's invalidation or reload outdates the responses this pod kept.
        cluster.onEvent { _ in tools.answersChanged() }
        let probe = ReadinessProbe(tools: tools, cacheDescription: redis == nil ? "in-process" : "redis",
                                   cluster: cluster.isClustered ? cluster : nil)
        let persisted = try makePersistedQueries(config: config, database: database, metrics: metrics, logger: logger)
        var server = HyperpageHTTPServer(config: config, service: service, metrics: metrics,
                                         readiness: { await probe.report() }, logger: logger, auth: auth,
                                         persistedQueries: persisted)
        // `hyperpage persisted add|remove` ran somewhere: read the documents again.
        cluster.onEvent { event in if event.kind == .persisted { persisted.forgetRemembered() } }
        var services = cluster.services + [warm, overrides]
        if let configPath {
            let reloader = ConfigReloader(path: configPath, environment: environment, config: config, tools: tools,
                                          warm: warm, logger: logger)
            cluster.onEvent { event in
                if event.kind == .reload, event.from != podID { _ = reloader.reload() }
            }
            let everywhere: @Sendable () async -> ReloadRoute.Result = {
                let outcome = reloader.reload()
                let notified = outcome.applied ? await cluster.publishReload() : false
                await audit.record(.configReloaded, details: [
                    ("applied", .bool(outcome.applied)), ("published", .bool(notified)),
                    ("restartNeeded", .list(outcome.restartNeeded.map { .string($0) })), ("problems", .int(outcome.problems.count)),
                ])
                return ReloadRoute.Result(outcome: outcome, published: notified)
            }
            services.append(ReloadSignal { _ = await everywhere() })
            server.extraRoutes.append(ReloadRoute(admin: AdminToken(token: config.server.adminToken), reload: everywhere,
                                                  audit: audit).add)
        }
        return ServerAssembly(config: config, tools: tools, transport: transport, metrics: metrics, server: server,
                              database: database, redis: redis, quotaSync: quotaSync, auth: auth, cluster: cluster,
                              overrides: overrides, audit: audit, services: services, warm: warm)
    }

    /// How often every pod re-reads the tool overrides: 30 s, or
    /// `HYPERPAGE_OVERRIDES_REFRESH_SECONDS` (tests shorten it; at least 1).
    static func overrideRefreshInterval(_ environment: [String: String]) -> Duration {
        guard let text = environment["HYPERPAGE_OVERRIDES_REFRESH_SECONDS"], let seconds = Int(text), seconds >= 1 else {
            return .seconds(30)
        }
        return .seconds(seconds)
    }

    /// Persisted queries over `persisted_queries` (memoized per pod) when a database is
    /// configured, else in memory. Trusted-documents mode without a database throws the
    /// configuration problem the config reader reports for files.
    static func makePersistedQueries(config: HyperpageConfig, database: PostgresPool?, metrics: HyperpageMetrics,
                                     logger: Logger) throws(ConfigError) -> PersistedQueries {
        guard let database else {
            if config.graphql.persistedOnly {
                throw ConfigError(code: .invalid, problems: [ConfigProblem(
                    file: "configuration", line: 0, column: 0,
                    message: "graphql.persisted_only: trusted documents need a database: set database.url")])
            }
            return .inMemory(metrics: metrics)
        }
        return PersistedQueries(store: PostgresPersistedQueryStore(pool: database), trustedOnly: config.graphql.persistedOnly,
                                metrics: metrics, logger: logger)
    }

    /// The SDL files served besides the tools': `cluster.graphql` always (it declares
    /// `type Mutation`), `admin.graphql` always (which extends it), then `auth.graphql` when
    /// sign-in is configured.
    static func extraSchemaFiles(_ config: HyperpageConfig) -> [String] {
        ["cluster.graphql", "admin.graphql"] + (config.auth.enabledProviders.isEmpty ? [] : ["auth.graphql"])
    }

    /// Refuses (`MigrationError.notCurrent`, "run hyperpage migrate") when a database is
    /// configured and has not applied every migration file unchanged.
    public func verifyDatabase() async throws(MigrationError) {
        guard let database else { return }
        try await DatabaseSchemaCheck.verify(pool: database, migrationsDirectory: config.database.migrationsDir)
    }

    /// Releases what `make` opened that outlives requests: the transport, the database pool and
    /// the Redis client.
    public func shutdown() async {
        await quotaSync?.stop()
        transport.shutdown()
        await database?.shutdown()
        await redis?.shutdown()
    }
}
