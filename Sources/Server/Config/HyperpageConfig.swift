import Resolvers

/// The whole configuration of a Hyperpage server, as read from its YAML file (`config/*.yaml`).
///
/// Plain values with the documented defaults: `ConfigLoader` fills them from YAML after `${VAR}`
/// substitution and reports every problem with file, line and column. Secrets (tokens) only ever
/// come from the environment through substitution.
public struct HyperpageConfig: Sendable, Equatable {
    public var server = ServerSection()
    public var graphql = GraphQLSection()
    public var cache = CacheSection()
    public var database = DatabaseSection()
    public var upstream = UpstreamSection()
    public var tools = ToolsSection()
    public var auth = AuthSection()
    public var cluster = ClusterSection()

    public init() {}

    /// How pods sharing one Redis find each other and elect a leader (`docs/operations.md`).
    /// Used only when `cache.redis_url` is set.
    public struct ClusterSection: Sendable, Equatable {
        /// How often a pod records itself in Redis; it counts as gone after three missed beats.
        public var heartbeatInterval: Duration = .seconds(2)
        /// How long a leader's lease lasts without renewal (renewed every third of it).
        public var leaderLease: Duration = .seconds(6)
        public init() {}
    }

    public struct ServerSection: Sendable, Equatable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var maxBodyBytes = 1_048_576
        /// The deadline of one GraphQL request, upstream calls and retries included.
        public var requestTimeout: Duration = .seconds(10)
        /// How long SIGTERM waits for in-flight requests.
        public var shutdownGrace: Duration = .seconds(20)
        /// The bearer token of admin requests (`invalidateCache`, `POST /admin/reload`), from the
        /// environment; empty: no request is an admin.
        public var adminToken = ""
        public init() {}
    }

    public struct GraphQLSection: Sendable, Equatable {
        public var maxDepth = 15
        public var maxComplexity = 5000
        public var maxBatch = 10
        public var introspection = true
        /// Serve the HTML explorer on `GET /graphql` to browsers.
        public var explorer = true
        /// Folder of the per-tool SDL files (`core.graphql`, `github.graphql`, …).
        public var schemaDir = "schema"
        /// Trusted-documents mode: run only documents registered with `hyperpage persisted add`
        /// (docs/persisted-queries.md). Needs `database.url`.
        public var persistedOnly = false
        public init() {}
    }

    /// How upstream answers are cached (`docs/caching.md`).
    public struct CacheSection: Sendable, Equatable {
        /// Empty: an in-process cache only.
        public var redisURL = ""
        /// TTL of resource kinds without their own; zero turns caching off.
        public var defaultTTL: Duration = .seconds(60)
        /// How long an expired answer is kept, to be served when its tool fails or its quota
        /// is below the floor.
        public var staleGrace: Duration = .seconds(600)
        /// `cache.ttl.<tool>.<kind>`: TTLs per tool and kind of resource (`CacheKind`).
        public var ttl: [String: [String: Duration]] = [:]
        /// `cache.quota_floor.<tool>`: below this many remaining requests, answer from the cache.
        public var quotaFloor: [String: Int] = [:]
        /// The HMAC secret of cache key scopes (from the environment); empty: random per process.
        public var keySecret = ""
        /// Queries the leader re-runs with the cache told to refresh, so dashboards find it warm.
        public var warmQueries: [WarmQuery] = []
        /// How often they run; zero: the smallest caching TTL × 0.8.
        public var warmInterval: Duration = .zero
        /// Whole responses of queries built only from fresh cached data are kept per pod and
        /// answered again without executing (`ResponseCaching`).
        public var responses = true
        /// The longest a kept response is reused, whatever its entries' TTLs.
        public var responseMaxAge: Duration = .seconds(300)
        public init() {}

        /// What the tool runtime is given.
        public var policy: CachePolicy {
            CachePolicy(defaultTTL: defaultTTL, staleGrace: staleGrace, ttl: ttl, quotaFloor: quotaFloor, keySecret: keySecret)
        }
    }

    public struct DatabaseSection: Sendable, Equatable {
        /// Empty: no persistence.
        public var url = ""
        /// Connections of the pool (each on its own thread), opened on first use.
        public var poolSize = 4
        /// libpq's `connect_timeout` (whole seconds, at least 2).
        public var connectTimeout: Duration = .seconds(5)
        /// `SET statement_timeout` on every connection (0: none). Migrations run without it.
        public var statementTimeout: Duration = .seconds(30)
        /// Folder of the `NNNN_name.sql` migration files; the server refuses to start until the
        /// database has applied all of them.
        public var migrationsDir = "migrations"
        public init() {}
    }

    /// How upstream (tool) calls are made.
    public struct UpstreamSection: Sendable, Equatable {
        public var connectTimeout: Duration = .seconds(3)
        /// One attempt of one call.
        public var timeout: Duration = .seconds(8)
        /// Retries of a 429, 5xx or transport failure (0: none).
        public var maxRetries = 2
        public init() {}
    }

    public struct ToolsSection: Sendable, Equatable {
        public var github = GitHubTool()
        public var gitlab = GitLabTool()
        public var jira = JiraTool()
        public var codeReviews = AggregateTool()
        public var ciCd = AggregateTool()
        public var ticketing = AggregateTool()
        public init() {}
    }

    public struct GitHubTool: Sendable, Equatable {
        public var enabled = false
        public var apiURL = "https://api.github.com"
        public var token = ""
        /// `owner/name` repositories whose workflow runs are listed; empty: the viewer's
        /// most recently pushed repositories (`GET /user/repos`).
        public var repositories: [String] = []
        /// Whether callers who have not connected the tool (anonymous ones included) are
        /// answered with `token`; false: they get `TOOL_NOT_CONNECTED`.
        public var serviceTokenFallback = true
        public init() {}
    }

    public struct GitLabTool: Sendable, Equatable {
        public var enabled = false
        public var apiURL = "https://gitlab.com/api/v4"
        public var token = ""
        /// Project ids or `group/name` paths whose pipelines are listed; empty: the viewer's
        /// projects (`GET /projects?membership=true`).
        public var projects: [String] = []
        /// Whether callers who have not connected the tool (anonymous ones included) are
        /// answered with `token`; false: they get `TOOL_NOT_CONNECTED`.
        public var serviceTokenFallback = true
        public init() {}
    }

    public struct JiraTool: Sendable, Equatable {
        public var enabled = false
        public var webURL = ""
        public var email = ""
        public var token = ""
        /// The JQL used when a query gives none.
        public var defaultJQL = "assignee = currentUser() ORDER BY updated DESC"
        /// Whether callers who have not connected the tool (anonymous ones included) are
        /// answered with `token`; false: they get `TOOL_NOT_CONNECTED`.
        public var serviceTokenFallback = true
        public init() {}
    }

    /// A cross-tool view (`code_reviews`, `ci_cd`, `ticketing`).
    public struct AggregateTool: Sendable, Equatable {
        public var enabled = false
        public init() {}
    }
}
