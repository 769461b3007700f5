import Resolvers
import Foundation
import Yams

/// The keys of each section and how they map onto `HyperpageConfig` (documented, with types and
/// defaults, in `docs/configuration.md`).
extension ConfigReader {
    static let rootKeys = ["server", "graphql", "cache", "database", "upstream", "tools", "auth", "cluster"]
    static let serverKeys = ["host", "port", "max_body_bytes", "request_timeout", "shutdown_grace", "admin_token"]
    static let graphQLKeys = ["max_depth", "max_complexity", "max_batch", "introspection", "explorer", "schema_dir"]
    static let cacheKeys = ["redis_url", "default_ttl", "stale_grace", "ttl", "quota_floor", "key_secret", "warm_queries", "warm_interval",
                            "responses", "response_max_age"]
    static let databaseKeys = ["url", "pool_size", "connect_timeout", "statement_timeout", "migrations_dir"]
    static let upstreamKeys = ["connect_timeout", "timeout", "max_retries"]
    static let clusterKeys = ["heartbeat_interval", "leader_lease"]

    /// The whole configuration from the document's root (nil: an empty file, all defaults).
    mutating func readConfig(_ root: Node?) -> HyperpageConfig {
        let top = mapping(root, keyPath: "", at: .start, allowedKeys: Self.rootKeys)
        var config = HyperpageConfig()
        config.server = readServer(section(top, "server", allowedKeys: Self.serverKeys))
        config.graphql = readGraphQL(section(top, "graphql", allowedKeys: Self.graphQLKeys))
        config.cache = readCache(section(top, "cache", allowedKeys: Self.cacheKeys))
        config.database = readDatabase(section(top, "database", allowedKeys: Self.databaseKeys))
        config.upstream = readUpstream(section(top, "upstream", allowedKeys: Self.upstreamKeys))
        config.tools = readTools(section(top, "tools", allowedKeys: Self.toolsKeys))
        config.auth = readAuth(section(top, "auth", allowedKeys: Self.authKeys))
        config.cluster = readCluster(section(top, "cluster", allowedKeys: Self.clusterKeys))
        return config
    }

    mutating func readServer(_ m: ConfigMapping) -> HyperpageConfig.ServerSection {
        var s = HyperpageConfig.ServerSection()
        if let host = scalar(m, "host") {
            if host.text.isEmpty {
                report(mismatch(host, expected: "a host name or address to listen on"), at: host.position)
            } else {
                s.host = host.text
            }
        }
        s.port = int(m, "port", range: 0...65535, default: s.port)
        s.maxBodyBytes = int(m, "max_body_bytes", range: 1...Int.max, default: s.maxBodyBytes)
        s.requestTimeout = duration(m, "request_timeout", default: s.requestTimeout)
        s.shutdownGrace = duration(m, "shutdown_grace", allowZero: true, default: s.shutdownGrace)
        s.adminToken = string(m, "admin_token", default: s.adminToken, secret: true)
        return s
    }

    mutating func readGraphQL(_ m: ConfigMapping) -> HyperpageConfig.GraphQLSection {
        var g = HyperpageConfig.GraphQLSection()
        g.maxDepth = int(m, "max_depth", range: 1...Int.max, default: g.maxDepth)
        g.maxComplexity = int(m, "max_complexity", range: 1...Int.max, default: g.maxComplexity)
        g.maxBatch = int(m, "max_batch", range: 1...Int.max, default: g.maxBatch)
        g.introspection = bool(m, "introspection", default: g.introspection)
        g.explorer = bool(m, "explorer", default: g.explorer)
        if let dir = scalar(m, "schema_dir") {
            if dir.text.isEmpty {
                report(mismatch(dir, expected: "a folder path"), at: dir.position)
            } else {
                // Relative paths stay relative: they resolve against the working directory.
                g.schemaDir = dir.text
            }
        }
        return g
    }

    mutating func readCache(_ m: ConfigMapping) -> HyperpageConfig.CacheSection {
        var c = HyperpageConfig.CacheSection()
        let redisURL = scalar(m, "redis_url", secret: true)
        if let url = redisURL {
            if !url.text.isEmpty, let problem = Self.urlProblem(url.text, schemes: ["redis"], allowCredentials: true) {
                report("\(url.keyPath): \(problem)", at: url.position)
            } else {
                c.redisURL = url.text
            }
        }
        c.defaultTTL = duration(m, "default_ttl", allowZero: true, default: c.defaultTTL)
        c.staleGrace = duration(m, "stale_grace", allowZero: true, default: c.staleGrace)
        c.keySecret = string(m, "key_secret", default: c.keySecret, secret: true)
        c.responses = bool(m, "responses", default: c.responses)
        c.responseMaxAge = duration(m, "response_max_age", default: c.responseMaxAge)
        if let url = redisURL, !c.redisURL.isEmpty, c.keySecret.isEmpty {
            // Pods sharing Redis must derive the same credential scopes, or they share nothing.
            report("\(url.keyPath): a shared Redis cache needs cache.key_secret (the same secret on every pod)",
                   at: url.position)
        }
        let ttl = section(m, "ttl", allowedKeys: CacheKind.tools)
        for tool in CacheKind.tools where ttl.has(tool) {
            let kinds = section(ttl, tool, allowedKeys: CacheKind.names(of: tool))
            for kind in CacheKind.names(of: tool) where kinds.has(kind) {
                c.ttl[tool, default: [:]][kind] = duration(kinds, kind, allowZero: true, default: .zero)
            }
        }
        let floors = section(m, "quota_floor", allowedKeys: CacheKind.tools)
        for tool in CacheKind.tools where floors.has(tool) {
            c.quotaFloor[tool] = int(floors, tool, range: 0...Int.max, default: CachePolicy.defaultQuotaFloors[tool] ?? 0)
        }
        readWarmQueries(m, into: &c)
        return c
    }

    mutating func readDatabase(_ m: ConfigMapping) -> HyperpageConfig.DatabaseSection {
        var d = HyperpageConfig.DatabaseSection()
        if let url = scalar(m, "url", secret: true) {
            // libpq also takes `key=value` connection strings; only URIs are checked here.
            if url.text.contains("://"), let problem = Self.urlProblem(url.text, schemes: ["postgres", "postgresql"], allowCredentials: true, requireHost: false) {
                report("\(url.keyPath): \(problem)", at: url.position)
            } else {
                d.url = url.text
            }
        }
        d.poolSize = int(m, "pool_size", range: 1...256, default: d.poolSize)
        d.connectTimeout = duration(m, "connect_timeout", default: d.connectTimeout)
        d.statementTimeout = duration(m, "statement_timeout", allowZero: true, default: d.statementTimeout)
        if let dir = scalar(m, "migrations_dir") {
            if dir.text.isEmpty {
                report(mismatch(dir, expected: "a folder path"), at: dir.position)
            } else {
                // Relative paths resolve against the working directory, like graphql.schema_dir.
                d.migrationsDir = dir.text
            }
        }
        return d
    }

    mutating func readCluster(_ m: ConfigMapping) -> HyperpageConfig.ClusterSection {
        var c = HyperpageConfig.ClusterSection()
        c.heartbeatInterval = duration(m, "heartbeat_interval", default: c.heartbeatInterval)
        c.leaderLease = duration(m, "leader_lease", default: c.leaderLease)
        return c
    }

    mutating func readUpstream(_ m: ConfigMapping) -> HyperpageConfig.UpstreamSection {
        var u = HyperpageConfig.UpstreamSection()
        u.connectTimeout = duration(m, "connect_timeout", default: u.connectTimeout)
        u.timeout = duration(m, "timeout", default: u.timeout)
        u.maxRetries = int(m, "max_retries", range: 0...10, default: u.maxRetries)
        return u
    }

    /// What is wrong with `text` as a URL of one of `schemes`, or nil. The text is never quoted
    /// back (it may hold a password).
    static func urlProblem(_ text: String, schemes: [String], allowCredentials: Bool = false,
                           requireHost: Bool = true, allowQuery: Bool = false) -> String? {
        let expected = "expected an absolute \(schemes.map { "\($0)://" }.joined(separator: " or ")) URL"
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              schemes.contains(scheme) else { return expected }
        if requireHost, (components.host ?? "").isEmpty { return "\(expected) with a host" }
        if !allowCredentials, components.user != nil || components.password != nil {
            return "must not contain credentials (they come from the token keys)"
        }
        if !allowQuery, components.query != nil || components.fragment != nil {
            return "must not have a query or fragment"
        }
        return nil
    }
}
