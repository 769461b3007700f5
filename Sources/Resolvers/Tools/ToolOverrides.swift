import Foundation
import Synchronization

/// An operator's run-time change to one tool, made with the admin mutations and kept in the
/// `tool_overrides` table: a nil field keeps the configuration file's value.
public struct ToolOverride: Sendable, Equatable {
    /// The tool's slug (`github`, `gitlab`, `jira`).
    public var tool: String
    /// False: the tool is switched off (no upstream calls, its fields null); nil: as configured.
    public var enabled: Bool?
    /// The TTL in seconds of the tool's cache entries (its refresh interval); nil: the
    /// `cache` section's TTLs.
    public var refreshIntervalSeconds: Int?
    /// The Hyperpage user who made the change; nil when it came with the admin token.
    public var updatedBy: String?
    public var updatedAt: Date

    public init(tool: String, enabled: Bool? = nil, refreshIntervalSeconds: Int? = nil, updatedBy: String? = nil,
                updatedAt: Date = Date()) {
        self.tool = tool
        self.enabled = enabled
        self.refreshIntervalSeconds = refreshIntervalSeconds
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    /// What the table's CHECK allows.
    public static let refreshIntervalRange = 10...86400

    /// Whether the override changes nothing (such a row is deleted rather than kept).
    public var isEmpty: Bool { enabled == nil && refreshIntervalSeconds == nil }
}

/// The overrides this pod applies now: replaced whole each time they are re-read from the
/// store (after a change, on an `hp:events` message, periodically), read by every request.
public final class ToolOverrides: Sendable {
    private let current = Mutex<[String: ToolOverride]>([:])

    public init() {}

    /// Every override, by tool.
    public var all: [String: ToolOverride] { current.withLock { $0 } }

    /// Installs `list` (tools absent from it have no override); returns whether anything changed.
    @discardableResult
    public func replace(with list: [ToolOverride]) -> Bool {
        let next = Dictionary(list.map { ($0.tool, $0) }, uniquingKeysWith: { _, last in last })
        return current.withLock { old in
            defer { old = next }
            return old != next
        }
    }

    /// Tools switched off by an override.
    public var disabledTools: Set<String> {
        current.withLock { Set($0.values.filter { $0.enabled == false }.map(\.tool)) }
    }

    /// The refresh intervals set by overrides, by tool.
    public var refreshIntervals: [String: Duration] {
        current.withLock { all in
            all.compactMapValues { o in o.refreshIntervalSeconds.map { Duration.seconds($0) } }
        }
    }
}
