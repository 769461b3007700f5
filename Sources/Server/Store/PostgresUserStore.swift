import Foundation
import Postgres

/// `UserStore` over the `users` and `user_preferences` tables. Users are addressed by
/// `users.public_id` (the opaque id in sessions and token bindings), never by the sequential key.
public final class PostgresUserStore: UserStore {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func user(id: String) async throws(AuthStoreError) -> AuthUser? {
        let rows: [PostgresRow]
        do {
            rows = try await pool.query("""
                SELECT u.public_id, u.display_name, u.email, u.avatar_url, u.created_at,
                       p.theme, p.refresh_interval_seconds, p.dashboard_layout::text AS dashboard_layout
                FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id
                WHERE u.public_id = \(id)
                """).rows
        } catch {
            throw PostgresStoreSupport.storeError(error, "read a user")
        }
        guard let row = rows.first else { return nil }
        do { return try Self.decode(row) } catch { throw PostgresStoreSupport.storeError(error, "read a user") }
    }

    public func save(_ user: AuthUser) async throws(AuthStoreError) {
        let p = user.preferences
        do {
            try await pool.query("""
                WITH saved AS (
                    INSERT INTO users (public_id, display_name, email, avatar_url, created_at, last_sign_in_at)
                    VALUES (\(user.id), \(user.name), \(user.email), \(user.avatarURL), \(user.createdAt), now())
                    ON CONFLICT (public_id) DO UPDATE
                    SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, avatar_url = EXCLUDED.avatar_url,
                        last_sign_in_at = now(), updated_at = now()
                    RETURNING id)
                INSERT INTO user_preferences (user_id, theme, refresh_interval_seconds, dashboard_layout)
                SELECT id, \(Self.themeColumn(p.theme)), \(p.refreshIntervalSeconds), \(Self.layoutJSON(p.dashboardLayout))::jsonb FROM saved
                ON CONFLICT (user_id) DO UPDATE
                SET theme = EXCLUDED.theme, refresh_interval_seconds = EXCLUDED.refresh_interval_seconds,
                    dashboard_layout = EXCLUDED.dashboard_layout, updated_at = now()
                """)
        } catch {
            throw PostgresStoreSupport.storeError(error, "save a user")
        }
    }

    public func updatePreferences(userID: String, _ preferences: UserPreferences) async throws(AuthStoreError) -> AuthUser? {
        let result: PostgresResult
        do {
            result = try await pool.query("""
                INSERT INTO user_preferences (user_id, theme, refresh_interval_seconds, dashboard_layout)
                SELECT id, \(Self.themeColumn(preferences.theme)), \(preferences.refreshIntervalSeconds),
                       \(Self.layoutJSON(preferences.dashboardLayout))::jsonb
                FROM users WHERE public_id = \(userID)
                ON CONFLICT (user_id) DO UPDATE
                SET theme = EXCLUDED.theme, refresh_interval_seconds = EXCLUDED.refresh_interval_seconds,
                    dashboard_layout = EXCLUDED.dashboard_layout, updated_at = now()
                """)
        } catch {
            throw PostgresStoreSupport.storeError(error, "save preferences")
        }
        guard result.affectedRows > 0 else { return nil }
        return try await user(id: userID)
    }

    // MARK: Columns

    static func decode(_ row: PostgresRow) throws(PostgresError) -> AuthUser {
        var preferences = UserPreferences()
        if let theme = try row.decode("theme", as: String?.self), let value = UserPreferences.Theme(rawValue: theme.uppercased()) {
            preferences.theme = value
        }
        if let seconds = try row.decode("refresh_interval_seconds", as: Int?.self) { preferences.refreshIntervalSeconds = seconds }
        if let layout = try row.decode("dashboard_layout", as: String?.self) { preferences.dashboardLayout = layoutList(layout) }
        return AuthUser(id: try row.decode("public_id"), name: try row.decode("display_name"), email: try row.decode("email"),
                        avatarURL: try row.decode("avatar_url"), preferences: preferences, createdAt: try row.decode("created_at"))
    }

    /// The table's spelling of a theme (`system`, `light`, `dark`).
    static func themeColumn(_ theme: UserPreferences.Theme) -> String { theme.rawValue.lowercased() }

    /// The layout as a JSON array of widget ids.
    static func layoutJSON(_ layout: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: layout) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON array of strings; anything else (the column's `{}` default) is an empty layout.
    static func layoutList(_ json: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)), let list = value as? [String] else { return [] }
        return list
    }
}
