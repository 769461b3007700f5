import Foundation
import Postgres
import Logging
import Redis
import Resolvers

/// The stores behind `AuthService`, chosen from what is configured:
///
/// | configured | users, connections, sign-ins in progress | sessions | refresh lock |
/// |---|---|---|---|
/// | nothing (demo) | memory | memory | memory |
/// | `database.url` | PostgreSQL | PostgreSQL | memory (one pod) |
/// | `database.url` + `cache.redis_url` | PostgreSQL | Redis | Redis |
///
/// Redis alone changes nothing: sessions in Redis that point at users kept in one pod's memory
/// would be worse than memory.
public struct AuthStoreSet: Sendable {
    public var users: any UserStore
    public var connections: any ConnectionStore
    public var sessions: any SessionStore
    public var states: any OAuthStateStore
    public var refreshLock: any RefreshLock
    /// Where sessions live (`memory`, `postgresql`, `redis`), for the start-up log.
    public var sessionBackend: String
    /// Where users and tokens live (`memory`, `postgresql`).
    public var durableBackend: String

    public init(users: any UserStore, connections: any ConnectionStore, sessions: any SessionStore, states: any OAuthStateStore,
                refreshLock: any RefreshLock, sessionBackend: String, durableBackend: String) {
        self.users = users
        self.connections = connections
        self.sessions = sessions
        self.states = states
        self.refreshLock = refreshLock
        self.sessionBackend = sessionBackend
        self.durableBackend = durableBackend
    }

    /// In-process stores: lost at restart, not shared between pods.
    public static func memory() -> AuthStoreSet {
        AuthStoreSet(users: MemoryUserStore(), connections: MemoryConnectionStore(), sessions: MemorySessionStore(),
                     states: MemoryOAuthStateStore(), refreshLock: MemoryRefreshLock(), sessionBackend: "memory", durableBackend: "memory")
    }

    /// The table above. `settings` gives the session timeouts the expiry columns and TTLs follow.
    public static func make(database: PostgresPool?, redis: RedisClient?, settings: HyperpageConfig.AuthSection) -> AuthStoreSet {
        guard let database else { return memory() }
        var set = AuthStoreSet(users: PostgresUserStore(pool: database), connections: PostgresConnectionStore(pool: database),
                               sessions: PostgresSessionStore(pool: database, idleTimeout: settings.sessionIdleTimeout,
                                                              absoluteTimeout: settings.sessionAbsoluteTimeout),
                               states: PostgresOAuthStateStore(pool: database), refreshLock: MemoryRefreshLock(),
                               sessionBackend: "postgresql", durableBackend: "postgresql")
        if let redis {
            set.sessions = RedisSessionStore(client: redis, idleTimeout: settings.sessionIdleTimeout,
                                             absoluteTimeout: settings.sessionAbsoluteTimeout)
            set.refreshLock = RedisRefreshLock(client: redis)
            set.sessionBackend = "redis"
        }
        return set
    }
}

extension AuthService {
    /// An `AuthService` over `stores`.
    public convenience init(settings: HyperpageConfig.AuthSection, publicURL: String, cipher: TokenCipher, transport: any UpstreamTransport,
                            stores: AuthStoreSet, providerTimeout: Duration = .seconds(10),
                            logger: Logger = Logger(label: "hyperpage.auth"), now: @escaping @Sendable () -> Date = { Date() },
                            jiraSiteURL: String? = nil, audit: AuditTrail = .none) {
        self.init(settings: settings, publicURL: publicURL, cipher: cipher, transport: transport, users: stores.users,
                  connections: stores.connections, sessions: stores.sessions, states: stores.states, refreshLock: stores.refreshLock,
                  providerTimeout: providerTimeout, logger: logger, now: now, jiraSiteURL: jiraSiteURL, audit: audit)
    }
}
