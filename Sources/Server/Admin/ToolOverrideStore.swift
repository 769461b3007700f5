import Foundation
import Resolvers
import Synchronization

/// Where admin overrides are kept: the `tool_overrides` table (shared by every pod), or memory
/// (demo and single pod only: another pod never sees it, a restart forgets it).
public protocol ToolOverrideStore: Sendable {
    /// Every override, ordered by tool.
    func overrides() async throws(AdminStoreError) -> [ToolOverride]
    /// Applies `change` to `tool`'s override in one step (other fields are kept; an override
    /// left empty is removed) and returns it before and after (nil: none).
    func apply(_ change: ToolOverrideChange, tool: String, by actor: String?) async throws(AdminStoreError)
        -> (old: ToolOverride?, new: ToolOverride?)
}

/// One admin change to a tool's override.
public enum ToolOverrideChange: Sendable, Equatable {
    case enabled(Bool)
    case refreshInterval(seconds: Int)
    case clear

    /// `override` (nil: none yet) after the change; nil when nothing is left of it.
    func applied(to override: ToolOverride?, tool: String, by actor: String?, at date: Date) -> ToolOverride? {
        var next = override ?? ToolOverride(tool: tool)
        switch self {
        case .enabled(let on): next.enabled = on
        case .refreshInterval(let seconds): next.refreshIntervalSeconds = seconds
        case .clear: return nil
        }
        next.updatedBy = actor
        next.updatedAt = date
        return next.isEmpty ? nil : next
    }
}

/// The overrides of a server without a database.
public final class MemoryToolOverrideStore: ToolOverrideStore {
    private let rows = Mutex<[String: ToolOverride]>([:])
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func overrides() async throws(AdminStoreError) -> [ToolOverride] {
        rows.withLock { $0.values.sorted { $0.tool < $1.tool } }
    }

    public func apply(_ change: ToolOverrideChange, tool: String, by actor: String?) async throws(AdminStoreError)
        -> (old: ToolOverride?, new: ToolOverride?) {
        let t = now()
        return rows.withLock { rows in
            let old = rows[tool]
            let new = change.applied(to: old, tool: tool, by: actor, at: t)
            rows[tool] = new
            return (old, new)
        }
    }
}
