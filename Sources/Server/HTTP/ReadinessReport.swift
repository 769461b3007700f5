import Schema

/// What `GET /readyz` reports: the state of each dependency (cache, database) and tool.
///
/// The server is ready (200) unless an *essential* check is down (503). Tools are usually not
/// essential: one tool down only nulls its own fields, so the pod keeps serving the others and
/// reports `degraded`. The lead's wiring decides what is essential.
public struct ReadinessReport: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case ok, degraded, down
    }

    public enum Kind: String, Sendable, Equatable {
        case dependency, tool
    }

    public struct Check: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        public var status: Status
        /// Why it is not ok; shown to whoever can reach `/readyz`, so never a secret.
        public var message: String?
        /// Whether the server cannot serve while this is down.
        public var essential: Bool

        public init(name: String, kind: Kind, status: Status, message: String? = nil, essential: Bool = false) {
            self.name = name
            self.kind = kind
            self.status = status
            self.message = message
            self.essential = essential
        }
    }

    public var checks: [Check]

    public init(checks: [Check] = []) {
        self.checks = checks
    }

    /// `down` when an essential check is down, `degraded` when any check is not ok, else `ok`.
    public var status: Status {
        if checks.contains(where: { $0.essential && $0.status == .down }) { return .down }
        if checks.contains(where: { $0.status != .ok }) { return .degraded }
        return .ok
    }

    /// `{"status": …, "checks": [{"name", "kind", "status", "essential", "message"?}]}`.
    public var json: Value {
        .object(ObjectValue([
            ("status", .string(status.rawValue)),
            ("checks", .list(checks.map { check in
                var o = ObjectValue([
                    ("name", .string(check.name)),
                    ("kind", .string(check.kind.rawValue)),
                    ("status", .string(check.status.rawValue)),
                    ("essential", .bool(check.essential)),
                ])
                if let message = check.message { o["message"] = .string(message) }
                return .object(o)
            })),
        ]))
    }
}
