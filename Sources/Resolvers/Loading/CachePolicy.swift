/// How upstream answers are cached: TTLs per tool and kind, how long expired answers are kept
/// for stale-on-error, the quota floors, and the secret of the key scopes. Read from the
/// `cache` section of the configuration (see `docs/caching.md`).
public struct CachePolicy: Sendable, Equatable {
    /// TTL of kinds without a configured or built-in TTL. Zero turns the cache off entirely.
    public var defaultTTL: Duration
    /// How long an answer is kept after its TTL, to be served when the tool fails or its quota
    /// is spent.
    public var staleGrace: Duration
    /// Configured TTLs: tool → kind name → TTL (zero: that kind is not cached).
    public var ttl: [String: [String: Duration]]
    /// Per tool, for its `core` bucket: below this many remaining requests (while the window has
    /// not reset), answers come from the cache, fresh or stale, and the tool is asked only on a
    /// total miss. Other buckets (GitHub's `search`) get a floor proportional to their limit
    /// (see `floor(for:bucket:limit:coreLimit:)`).
    public var quotaFloor: [String: Int]
    /// The HMAC secret of credential scopes; empty: a random one per process.
    public var keySecret: String
    /// How long the cross-pod fetch lock of one key is held at most.
    public var lockTTL: Duration
    /// Admin overrides of a tool's refresh interval (`ToolOverride`): tool → the TTL of every
    /// kind of the tool the configuration caches. Not read from the file.
    public var toolTTL: [String: Duration] = [:]

    /// Core-bucket floors used for tools the configuration does not name.
    public static let defaultQuotaFloors = ["github": 10, "gitlab": 10, "jira": 5]

    /// The core limit a bucket's floor is scaled against before the tool has reported its own
    /// (GitHub's 5,000 an hour for a token).
    public static let referenceCoreLimits = ["github": 5_000]

    public init(defaultTTL: Duration = .seconds(60), staleGrace: Duration = .seconds(600),
                ttl: [String: [String: Duration]] = [:], quotaFloor: [String: Int] = [:], keySecret: String = "",
                lockTTL: Duration = .seconds(5)) {
        self.defaultTTL = defaultTTL
        self.staleGrace = staleGrace
        self.ttl = ttl
        self.quotaFloor = quotaFloor
        self.keySecret = keySecret
        self.lockTTL = lockTTL
    }

    /// No caching at all (every call goes to the tool).
    public static let off = CachePolicy(defaultTTL: .zero, staleGrace: .zero)

    /// The TTL of `kind`: the tool's override, else configured, else built in, else
    /// `defaultTTL`; zero when caching is off (an override never turns on a kind the
    /// configuration does not cache).
    public func ttl(for kind: CacheKind) -> Duration {
        guard defaultTTL > .zero else { return .zero }
        let configured = ttl[kind.tool]?[kind.name]
        if let override = toolTTL[kind.tool], configured != .zero { return override }
        return configured ?? kind.builtInTTL ?? defaultTTL
    }

    /// The quota floor of `tool`'s core bucket.
    public func floor(for tool: String) -> Int {
        quotaFloor[tool] ?? Self.defaultQuotaFloors[tool] ?? 0
    }

    /// The floor of one bucket: the core floor for `core`; for another bucket, the core floor
    /// scaled by the bucket's `limit` over the core limit (observed, else the tool's reference),
    /// rounded up and at least 1 when the core floor is not zero. GitHub's defaults: core 10 of
    /// 5,000 → search 1 of 30 (answers come from the cache once the search bucket is spent).
    public func floor(for tool: String, bucket: String, limit: Int?, coreLimit: Int?) -> Int {
        let core = floor(for: tool)
        guard bucket != RateLimitObservation.coreBucket, core > 0, let limit, limit > 0 else { return core }
        guard let reference = coreLimit ?? Self.referenceCoreLimits[tool], reference > 0 else { return core }
        return max(1, Int((Double(core) * Double(limit) / Double(reference)).rounded(.up)))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
