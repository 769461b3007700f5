import Logging
import Schema

/// How the server writes its audit log: one call per event, never throwing. A failed write is
/// logged (event name and error code only) and counted in `hyperpage_audit_write_failures_total`;
/// the request that caused the event goes on as if it had been written.
public struct AuditTrail: Sendable {
    public let log: (any AuditLog)?
    let logger: Logger
    let metrics: HyperpageMetrics?

    public init(log: (any AuditLog)?, logger: Logger = Logger(label: "hyperpage.audit"), metrics: HyperpageMetrics? = nil) {
        self.log = log
        self.logger = logger
        self.metrics = metrics
    }

    /// Writes nowhere (components built without an audit log, e.g. in unit tests).
    public static let none = AuditTrail(log: nil)

    /// Records one event; see the type's comment for failures.
    public func record(_ name: AuditEventName, actor: String? = nil, provider: String? = nil, tool: String? = nil,
                       details: [(String, Value)] = []) async {
        guard let log else { return }
        do {
            try await log.append(AuditEvent(name, actor: actor, provider: provider, tool: tool, details: ObjectValue(details)))
        } catch {
            metrics?.auditWriteFailed(event: name.rawValue)
            logger.error("audit event not written", metadata: ["hyperpage.audit.event": .string(name.rawValue),
                                                               "hyperpage.error.code": .string(error.code)])
        }
    }
}
