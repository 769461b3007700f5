import Foundation
import Schema

/// Where security events are kept: the `audit_log` table, or memory (demo, single pod). Writers
/// go through `AuditTrail`, which never lets a failed write fail the request that caused it.
public protocol AuditLog: Sendable {
    /// Appends one event.
    func append(_ event: AuditEvent) async throws(AdminStoreError)
    /// Up to `first` events older than the event `before` (nil: the newest), newest first.
    func events(first: Int, before: Int64?) async throws(AdminStoreError) -> [AuditRecord]
}

/// What happened, as the `audit_log.event` column spells it.
public enum AuditEventName: String, Sendable, CaseIterable {
    case signIn = "sign_in"
    /// A callback refused: bad, expired or replayed state, another browser, a bad verifier or code.
    case signInRefused = "sign_in_refused"
    case toolConnected = "tool_connected"
    case toolDisconnected = "tool_disconnected"
    case tokenRefreshFailed = "token_refresh_failed"
    case logout
    case toolOverrideChanged = "tool_override_changed"
    /// An admin operation asked for without being an admin.
    case adminRefused = "admin_refused"
    case cacheInvalidated = "cache_invalidated"
    case configReloaded = "config_reloaded"
    case keysRotated = "keys_rotated"
}

/// One event to record. `details` is a JSON object of codes, counts, ids and old/new values:
/// never a token, secret, code, state or key material.
public struct AuditEvent: Sendable {
    public var name: AuditEventName
    /// The Hyperpage user who acted (`AuthUser.id`), when one did.
    public var actor: String?
    /// The sign-in provider concerned.
    public var provider: String?
    /// The tool concerned.
    public var tool: String?
    public var details: ObjectValue

    public init(_ name: AuditEventName, actor: String? = nil, provider: String? = nil, tool: String? = nil,
                details: ObjectValue = ObjectValue([])) {
        self.name = name
        self.actor = actor
        self.provider = provider
        self.tool = tool
        self.details = details
    }

    /// `details` as JSON text.
    public var detailsJSON: String { String(decoding: JSONSerializer.serialize(.object(details)), as: UTF8.self) }
}

/// An event as stored.
public struct AuditRecord: Sendable, Equatable {
    public var id: Int64
    public var occurredAt: Date
    public var event: String
    public var actor: String?
    public var provider: String?
    public var tool: String?
    /// The `details` JSON object as text.
    public var details: String

    public init(id: Int64, occurredAt: Date, event: String, actor: String?, provider: String?, tool: String?, details: String) {
        self.id = id
        self.occurredAt = occurredAt
        self.event = event
        self.actor = actor
        self.provider = provider
        self.tool = tool
        self.details = details
    }
}

/// The audit log or the override store could not be written or read. Never holds values.
public struct AdminStoreError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}
