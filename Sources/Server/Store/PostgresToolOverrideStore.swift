import Foundation
import Postgres
import Resolvers

/// `ToolOverrideStore` over `tool_overrides`, shared by every pod. A change is one transaction
/// that locks the tool's row (`FOR UPDATE`), so two admins changing the same tool on two pods
/// never lose each other's field. `updated_by` references `users.id`; the application speaks
/// `users.public_id` (NULL: the admin token).
public final class PostgresToolOverrideStore: ToolOverrideStore {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    static let select = """
        SELECT o.tool, o.enabled, o.refresh_interval_seconds, u.public_id AS updated_by, o.updated_at
        FROM tool_overrides o LEFT JOIN users u ON u.id = o.updated_by
        """

    public func overrides() async throws(AdminStoreError) -> [ToolOverride] {
        do throws(PostgresError) {
            let rows = try await pool.query(PostgresQuery(unsafeSQL: Self.select + " ORDER BY o.tool")).rows
            return try rows.map { row throws(PostgresError) in try Self.decode(row) }
        } catch {
            throw Self.storeError(error, "read the tool overrides")
        }
    }

    public func apply(_ change: ToolOverrideChange, tool: String, by actor: String?) async throws(AdminStoreError)
        -> (old: ToolOverride?, new: ToolOverride?) {
        do {
            return try await pool.withTransaction { tx in
                let rows = try await tx.query(PostgresQuery(unsafeSQL: Self.select + " WHERE o.tool = $1 FOR UPDATE OF o",
                                                            binds: [tool.postgresBind])).rows
                let old = try rows.first.map(Self.decode)
                let now = try await tx.query("SELECT now() AS t").rows.first?.decode("t", as: Date.self) ?? Date()
                guard let new = change.applied(to: old, tool: tool, by: actor, at: now) else {
                    try await tx.query("DELETE FROM tool_overrides WHERE tool = \(tool)")
                    return (old, nil)
                }
                try await tx.query("""
                    INSERT INTO tool_overrides (tool, enabled, refresh_interval_seconds, updated_by, updated_at)
                    VALUES (\(tool), \(new.enabled), \(new.refreshIntervalSeconds),
                            (SELECT id FROM users WHERE public_id = \(actor)), now())
                    ON CONFLICT (tool) DO UPDATE
                    SET enabled = EXCLUDED.enabled, refresh_interval_seconds = EXCLUDED.refresh_interval_seconds,
                        updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                    """)
                return (old, new)
            }
        } catch let error as PostgresError {
            throw Self.storeError(error, "change a tool override")
        } catch {
            throw AdminStoreError(code: "STORE_UNAVAILABLE", message: "The database could not change a tool override.")
        }
    }

    static func decode(_ row: PostgresRow) throws(PostgresError) -> ToolOverride {
        ToolOverride(tool: try row.decode("tool"), enabled: try row.decode("enabled"),
                     refreshIntervalSeconds: try row.decode("refresh_interval_seconds", as: Int?.self),
                     updatedBy: try row.decode("updated_by"), updatedAt: try row.decode("updated_at"))
    }

    /// Keeps the client's code and SQLSTATE, never values.
    static func storeError(_ error: PostgresError, _ operation: String) -> AdminStoreError {
        var detail = error.code.rawValue
        if let state = error.sqlState { detail += ", SQLSTATE \(state)" }
        return AdminStoreError(code: "STORE_UNAVAILABLE", message: "The database could not \(operation) (\(detail)).")
    }
}
