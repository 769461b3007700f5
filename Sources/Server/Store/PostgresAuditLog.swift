import Foundation
import Postgres

/// `AuditLog` over the `audit_log` table. The actor is stored as `users.id` (looked up from the
/// public id; NULL when the user is unknown or there is none) and read back as the public id.
public final class PostgresAuditLog: AuditLog {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func append(_ event: AuditEvent) async throws(AdminStoreError) {
        do {
            try await pool.query("""
                INSERT INTO audit_log (actor_user_id, event, provider, tool, details)
                VALUES ((SELECT id FROM users WHERE public_id = \(event.actor)), \(event.name.rawValue), \(event.provider),
                        \(event.tool), \(event.detailsJSON)::jsonb)
                """)
        } catch {
            throw PostgresToolOverrideStore.storeError(error, "write an audit event")
        }
    }

    public func events(first: Int, before: Int64?) async throws(AdminStoreError) -> [AuditRecord] {
        let rows: [PostgresRow]
        do {
            rows = try await pool.query("""
                SELECT a.id, a.occurred_at, a.event, u.public_id, a.provider, a.tool, a.details::text AS details
                FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
                WHERE \(before)::bigint IS NULL OR a.id < \(before)
                ORDER BY a.id DESC LIMIT \(max(0, first))
                """).rows
        } catch {
            throw PostgresToolOverrideStore.storeError(error, "read the audit log")
        }
        do {
            return try rows.map { row throws(PostgresError) in
                AuditRecord(id: try row.decode("id"), occurredAt: try row.decode("occurred_at"), event: try row.decode("event"),
                            actor: try row.decode("public_id"), provider: try row.decode("provider"), tool: try row.decode("tool"),
                            details: try row.decode("details"))
            }
        } catch {
            throw PostgresToolOverrideStore.storeError(error, "read the audit log")
        }
    }
}
