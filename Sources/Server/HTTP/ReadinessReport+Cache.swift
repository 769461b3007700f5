import Resolvers

extension ReadinessReport.Check {
    /// The cache store as a non-essential dependency: when it fails, queries go to the tools
    /// (slower, more quota), so the server stays ready and reports `degraded` with the last
    /// store error (a code and a message that never hold keys or values).
    public init(cacheHealth: CacheHealth, description: String) {
        switch cacheHealth.state {
        case .ok:
            self.init(name: "cache", kind: .dependency, status: .ok, message: description)
        case .degraded(let code, let message, _):
            self.init(name: "cache", kind: .dependency, status: .degraded,
                      message: "\(description): \(code.rawValue): \(message)")
        }
    }
}
