import Logging
import Postgres
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
    /// The PostgreSQL pool when `database.url` is set (connections open on first use). Check it
    /// with `verifyDatabase()` before serving; shut it down after.
    public let database: PostgresPool?

    /// Builds everything; throws `ToolSchemaError` when the schema folder does not hold the
    /// enabled tools' SDL files or they do not build, `PostgresError` when the database
    /// settings are unusable.
    public static func make(config: HyperpageConfig, logger: Logger = Logger(label: "hyperpage")) throws -> ServerAssembly {
        let database = try config.database.postgresConfiguration().map { PostgresPool(configuration: $0) }
        let endpoints = config.toolEndpoints
        let schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: endpoints)
        let metrics = HyperpageMetrics()
        let transport = CurlTransport(connectTimeout: config.upstream.connectTimeout)
        let tools = ToolRuntime(endpoints: endpoints, transport: transport,
                                retry: RetryPolicy(maxRetries: config.upstream.maxRetries),
                                attemptTimeout: config.upstream.timeout, cachePolicy: config.cache.policy,
                                observer: metrics)
        let service = GraphQLService(schema: schema, resolvers: tools.resolvers,
                                     makeContext: { deadline in tools.makeContext(deadline: deadline) },
                                     extensions: { context in context.sources.extensions })
        let probe = ReadinessProbe(tools: tools, cacheDescription: config.cache.redisURL.isEmpty ? "in-process" : "redis")
        let server = HyperpageHTTPServer(config: config, service: service, metrics: metrics,
                                         readiness: { await probe.report() }, logger: logger)
        return ServerAssembly(config: config, tools: tools, transport: transport, metrics: metrics, server: server,
                              database: database)
    }

    /// Refuses (`MigrationError.notCurrent`, "run hyperpage migrate") when a database is
    /// configured and has not applied every migration file unchanged.
    public func verifyDatabase() async throws(MigrationError) {
        guard let database else { return }
        try await DatabaseSchemaCheck.verify(pool: database, migrationsDirectory: config.database.migrationsDir)
    }

    /// Releases what `make` opened that outlives requests: the transport and the database pool.
    public func shutdown() async {
        transport.shutdown()
        await database?.shutdown()
    }
}
