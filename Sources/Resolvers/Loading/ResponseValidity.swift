/// How long a whole GraphQL response built from cached tool data may be reused: until the
/// earliest of its cache entries stops being fresh, and only while nothing it showed changed
/// otherwise (an invalidation, a reload, the quota ledger it displayed). `isCurrent` answers
/// for the moment it is called.
public struct ResponseValidity: Sendable {
    /// The Unix time (seconds) the response's freshest-limited entry expires at (infinity when
    /// it read no cache entry: configuration data only).
    public let freshUntil: Double
    public let isCurrent: @Sendable () -> Bool

    public init(freshUntil: Double, isCurrent: @escaping @Sendable () -> Bool) {
        self.freshUntil = freshUntil
        self.isCurrent = isCurrent
    }
}
