import Foundation
import Logging
import Resolvers
import Schema
import ServiceLifecycle

/// Keeps this pod's tool overrides in step with the store, and makes admin changes.
///
/// Every pod reads the overrides at start-up (`refresh` before serving), after an `overrides`
/// event on `hp:events`, and every `interval` (`run`), so a pod that missed an event (Redis
/// down, no Redis) still converges. A change is written to the store, applied here at once,
/// published to the other pods and written to the audit log.
public final class ToolOverrideManager: Service, Sendable {
    public let store: any ToolOverrideStore
    let tools: ToolRuntime
    let cluster: ClusterCoordinator?
    let audit: AuditTrail
    let interval: Duration
    let logger: Logger

    public init(store: any ToolOverrideStore, tools: ToolRuntime, cluster: ClusterCoordinator?, audit: AuditTrail,
                interval: Duration = .seconds(30), logger: Logger) {
        self.store = store
        self.tools = tools
        self.cluster = cluster
        self.audit = audit
        self.interval = interval
        self.logger = logger
    }

    /// Re-reads every override and applies them; on a store failure the current ones stay.
    /// Returns whether the read worked.
    @discardableResult
    public func refresh() async -> Bool {
        do throws(AdminStoreError) {
            let list = try await store.overrides()
            if tools.applyOverrides(list) {
                logger.info("tool overrides applied", metadata: [
                    "hyperpage.overrides.disabled": .string(tools.overrides.disabledTools.sorted().joined(separator: ",")),
                    "hyperpage.overrides.count": .stringConvertible(list.count)])
            }
            return true
        } catch {
            logger.warning("tool overrides could not be read; keeping the current ones",
                           metadata: ["hyperpage.error.code": .string(error.code)])
            return false
        }
    }

    /// Makes one change to `tool`'s override for `actor` (nil: the admin token) and returns the
    /// override now in force (nil: none).
    public func change(_ change: ToolOverrideChange, tool: String, actor: String?) async throws(AdminStoreError) -> ToolOverride? {
        let (old, new) = try await store.apply(change, tool: tool, by: actor)
        var list = tools.overrides.all
        list[tool] = new
        tools.applyOverrides(Array(list.values))
        let published = await cluster?.publish(.overrides, tool: tool) ?? false
        await audit.record(.toolOverrideChanged, actor: actor, tool: tool, details: [
            ("change", .string(change.auditName)),
            ("old", Self.auditValue(old)),
            ("new", Self.auditValue(new)),
            ("published", .bool(published)),
        ])
        logger.info("tool override changed", metadata: ["hyperpage.tool": .string(tool), "hyperpage.overrides.change": .string(change.auditName)])
        return new
    }

    /// The fields of an override the audit log keeps: `{enabled, refreshIntervalSeconds}` or null.
    static func auditValue(_ o: ToolOverride?) -> Value {
        guard let o else { return .null }
        return .object(ObjectValue([
            ("enabled", o.enabled.map(Value.bool) ?? .null),
            ("refreshIntervalSeconds", o.refreshIntervalSeconds.map(Value.int) ?? .null),
        ]))
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.interval)
                if Task.isCancelled { return }
                await self.refresh()
            }
        }
    }
}

extension ToolOverrideChange {
    /// `enabled`, `refresh_interval`, `clear`.
    var auditName: String {
        switch self {
        case .enabled: "enabled"
        case .refreshInterval: "refresh_interval"
        case .clear: "clear"
        }
    }
}
