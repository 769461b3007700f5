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
    /// Per tool: below this many remaining requests (while the window has not reset), answers
    /// come from the cache, fresh or stale, and the tool is asked only on a total miss.
    public var quotaFloor: [String: Int]
    /// The HMAC secret of credential scopes; empty: a random one per process.
    public var keySecret: String
    /// How long the cross-pod fetch lock of one key is held at most.
    public var lockTTL: Duration

    /// Floors used for tools the configuration does not name. Low enough not to trip on
    /// GitHub's search bucket (30 a minute) in normal use; the ledger keeps one observation per
    /// tool, from whichever bucket answered last.
    public static let defaultQuotaFloors = ["github": 10, "gitlab": 10, "jira": 5]

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

    /// The TTL of `kind`: configured, else built in, else `defaultTTL`; zero when caching is off.
    public func ttl(for kind: CacheKind) -> Duration {
        guard defaultTTL > .zero else { return .zero }
        return ttl[kind.tool]?[kind.name] ?? kind.builtInTTL ?? defaultTTL
    }

    /// The quota floor of `tool`.
    public func floor(for tool: String) -> Int {
        quotaFloor[tool] ?? Self.defaultQuotaFloors[tool] ?? 0
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
