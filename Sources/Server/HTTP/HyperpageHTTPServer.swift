import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The Hyperpage HTTP server: `/graphql` (GraphQL over HTTP and the explorer), `/healthz`,
/// `/readyz` and `/metrics`, on `server.host:server.port`, with the limits of `server.*` and
/// `graphql.*` from the config.
///
/// `run()` serves inside a `ServiceGroup` until SIGTERM or SIGINT, then shuts down gracefully:
/// the listener closes, requests in flight finish (each bounded by `server.request_timeout`),
/// and after `server.shutdown_grace` whatever is left is cancelled.
public struct HyperpageHTTPServer<Context: Sendable>: Sendable {
    public let config: HyperpageConfig
    public let service: GraphQLService<Context>
    public let metrics: HyperpageMetrics
    public let readiness: @Sendable () async -> ReadinessReport
    public let logger: Logger
    /// Sign-in, sessions and connections; nil: no `/auth` routes and every request is anonymous.
    public let auth: AuthService?
    /// Automatic persisted queries and trusted documents: over PostgreSQL when the assembly
    /// has a database, else in this process (`PersistedQueries.inMemory`).
    public let persistedQueries: PersistedQueries
    /// More routes (e.g. `/admin/reload`), added after the built-in ones.
    public var extraRoutes: [@Sendable (Router<BasicRequestContext>) -> Void] = []

    public init(config: HyperpageConfig, service: GraphQLService<Context>, metrics: HyperpageMetrics,
                readiness: @escaping @Sendable () async -> ReadinessReport,
                logger: Logger = Logger(label: "hyperpage.http"), auth: AuthService? = nil,
                persistedQueries: PersistedQueries? = nil) {
        self.config = config
        self.service = service
        self.metrics = metrics
        self.readiness = readiness
        self.logger = logger
        self.auth = auth
        self.persistedQueries = persistedQueries
            ?? .inMemory(trustedOnly: config.graphql.persistedOnly, metrics: metrics)
    }

    /// The routes, with request logging.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        var configured = GraphQLHTTPHandler(service: service, limits: QueryLimits(config.graphql),
                                         maxBodyBytes: config.server.maxBodyBytes,
                                         requestTimeout: config.server.requestTimeout,
                                         explorer: config.graphql.explorer, metrics: metrics,
                                         persisted: persistedQueries)
        let admin = AdminToken(token: config.server.adminToken)
        if let auth {
            let routes = AuthRoutes(auth: auth)
            routes.add(to: router)
            configured.identify = { request in
                var caller = await routes.caller(request)
                if admin.admits(request) {
                    caller.isAdmin = true
                } else if let userID = caller.userID {
                    caller.isAdmin = await auth.isAdmin(userID: userID)
                }
                return caller
            }
        } else if !admin.token.isEmpty {
            configured.identify = { request in RequestCaller(isAdmin: admin.admits(request)) }
        }
        let handler = configured
        router.get("/graphql") { request, context in await handler.get(request, context: context) }
        router.post("/graphql") { request, context in await handler.post(request, context: context) }
        for method in [HTTPRequest.Method.put, .delete, .patch] {
            router.on("/graphql", method: method) { _, _ in
                var headers = HTTPFields()
                headers[.allow] = "GET, POST"
                headers[.contentType] = ResponseMediaType.json.contentType
                return Response(status: .methodNotAllowed, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(
                    bytes: GraphQLResponseEncoding.errorBody("/graphql answers GET and POST only.",
                                                                 code: HTTPErrorCode.methodNotAllowed))))
            }
        }
        let metrics = metrics, readiness = readiness
        router.get("/healthz") { _, _ in HealthRoutes.healthz() }
        router.get("/readyz") { _, _ in HealthRoutes.readyz(await readiness()) }
        router.get("/metrics") { _, _ in HealthRoutes.metrics(metrics) }
        for extra in extraRoutes { extra(router) }
        return router
    }

    /// The Hummingbird application (for `run()`, and for HummingbirdTesting in tests).
    /// `onServerRunning` receives the bound port (useful with `server.port: 0`).
    public func makeApplication(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: makeRouter(),
                    configuration: ApplicationConfiguration(address: .hostname(config.server.host, port: config.server.port),
                                                            serverName: "hyperpage"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                    logger: logger)
    }

    /// `makeApplication` without first building a server value.
    public static func makeApplication(config: HyperpageConfig, service: GraphQLService<Context>,
                                       metrics: HyperpageMetrics,
                                       readiness: @escaping @Sendable () async -> ReadinessReport,
                                       logger: Logger = Logger(label: "hyperpage.http")) -> some ApplicationProtocol {
        HyperpageHTTPServer(config: config, service: service, metrics: metrics, readiness: readiness, logger: logger)
            .makeApplication()
    }

    /// Serves until SIGTERM / SIGINT, then shuts down gracefully (see the type's comment).
    /// `services` (cache clients, background jobs) run in the same group: they start before
    /// the server and are shut down after it.
    public func run(services: [any Service] = [],
                    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let logger = logger
        let app = makeApplication { port in
            logger.info("Hyperpage is listening", metadata: [
                "hyperpage.http.host": .string(config.server.host), "hyperpage.http.port": .stringConvertible(port),
            ])
            await onServerRunning(port)
        }
        var configuration = ServiceGroupConfiguration(services: services + [app],
                                                      gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger)
        configuration.maximumGracefulShutdownDuration = config.server.shutdownGrace
        try await ServiceGroup(configuration: configuration).run()
    }
}
