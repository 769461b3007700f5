import Foundation
import Postgres

/// `ConnectionStore` over `tool_connections`: each token as its AES-256-GCM ciphertext (tag
/// appended) with its nonce and the id of the key that sealed it (`key_id` for the access token,
/// `refresh_token_key_id` for the refresh token). The sealed bytes are stored as they are; this
/// store never sees a plaintext token.
public final class PostgresConnectionStore: ConnectionStore {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    static let columns = """
        u.public_id, c.provider, c.provider_user_id, c.provider_login, c.scopes,
        c.access_token_ciphertext, c.access_token_nonce, c.key_id,
        c.refresh_token_ciphertext, c.refresh_token_nonce, c.refresh_token_key_id,
        c.expires_at, c.created_at, c.updated_at, c.jira_cloud_id, c.jira_site_url, c.jira_site_problem
        """

    public func connection(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection? {
        try await select("""
            SELECT \(unsafeRaw: Self.columns) FROM tool_connections c JOIN users u ON u.id = c.user_id
            WHERE u.public_id = \(userID) AND c.provider = \(provider.rawValue)
            """).first
    }

    public func connections(userID: String) async throws(AuthStoreError) -> [ToolConnection] {
        try await select("""
            SELECT \(unsafeRaw: Self.columns) FROM tool_connections c JOIN users u ON u.id = c.user_id
            WHERE u.public_id = \(userID) ORDER BY c.provider
            """)
    }

    public func connection(provider: OAuthProviderName, accountID: String) async throws(AuthStoreError) -> ToolConnection? {
        try await select("""
            SELECT \(unsafeRaw: Self.columns) FROM tool_connections c JOIN users u ON u.id = c.user_id
            WHERE c.provider = \(provider.rawValue) AND c.provider_user_id = \(accountID)
            """).first
    }

    public func save(_ connection: ToolConnection) async throws(AuthStoreError) {
        let access = connection.accessToken, refresh = connection.refreshToken
        let result: PostgresResult
        do {
            result = try await pool.query("""
                INSERT INTO tool_connections (user_id, provider, provider_user_id, provider_login, scopes,
                    access_token_ciphertext, access_token_nonce, key_id,
                    refresh_token_ciphertext, refresh_token_nonce, refresh_token_key_id, expires_at, created_at, updated_at,
                    jira_cloud_id, jira_site_url, jira_site_problem)
                SELECT id, \(connection.provider.rawValue), \(connection.accountID), \(connection.login), \(Self.scopesColumn(connection.scopes)),
                    \(PostgresStoreSupport.ciphertextColumn(access)), \(access.nonce), \(access.keyID),
                    \(refresh.map(PostgresStoreSupport.ciphertextColumn)), \(refresh?.nonce), \(refresh?.keyID),
                    \(connection.expiresAt), \(connection.connectedAt), \(connection.updatedAt),
                    \(connection.jiraSite?.cloudID), \(connection.jiraSite?.url), \(connection.jiraSite?.problem?.rawValue)
                FROM users WHERE public_id = \(connection.userID)
                ON CONFLICT (user_id, provider) DO UPDATE
                SET provider_user_id = EXCLUDED.provider_user_id, provider_login = EXCLUDED.provider_login, scopes = EXCLUDED.scopes,
                    access_token_ciphertext = EXCLUDED.access_token_ciphertext, access_token_nonce = EXCLUDED.access_token_nonce,
                    key_id = EXCLUDED.key_id, refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext,
                    refresh_token_nonce = EXCLUDED.refresh_token_nonce, refresh_token_key_id = EXCLUDED.refresh_token_key_id,
                    expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at,
                    jira_cloud_id = EXCLUDED.jira_cloud_id, jira_site_url = EXCLUDED.jira_site_url,
                    jira_site_problem = EXCLUDED.jira_site_problem
                """)
        } catch {
            throw PostgresStoreSupport.storeError(error, "save a tool connection")
        }
        guard result.affectedRows == 1 else {
            throw AuthStoreError(code: .unavailable, message: "The connection's user is not stored.")
        }
    }

    /// One `UPDATE … WHERE` the stored access token is still `expected` (its key id, nonce and
    /// ciphertext): atomic, so a concurrent refresh or rotation on another pod is never overwritten.
    public func replace(_ connection: ToolConnection, ifAccessTokenIs expected: SealedToken) async throws(AuthStoreError) -> Bool {
        let access = connection.accessToken, refresh = connection.refreshToken
        let result: PostgresResult
        do {
            result = try await pool.query("""
                UPDATE tool_connections c
                SET provider_user_id = \(connection.accountID), provider_login = \(connection.login), scopes = \(Self.scopesColumn(connection.scopes)),
                    access_token_ciphertext = \(PostgresStoreSupport.ciphertextColumn(access)), access_token_nonce = \(access.nonce),
                    key_id = \(access.keyID), refresh_token_ciphertext = \(refresh.map(PostgresStoreSupport.ciphertextColumn)),
                    refresh_token_nonce = \(refresh?.nonce), refresh_token_key_id = \(refresh?.keyID),
                    expires_at = \(connection.expiresAt), updated_at = \(connection.updatedAt),
                    jira_cloud_id = \(connection.jiraSite?.cloudID), jira_site_url = \(connection.jiraSite?.url),
                    jira_site_problem = \(connection.jiraSite?.problem?.rawValue)
                FROM users u
                WHERE u.id = c.user_id AND u.public_id = \(connection.userID) AND c.provider = \(connection.provider.rawValue)
                  AND c.key_id = \(expected.keyID) AND c.access_token_nonce = \(expected.nonce)
                  AND c.access_token_ciphertext = \(PostgresStoreSupport.ciphertextColumn(expected))
                """)
        } catch {
            throw PostgresStoreSupport.storeError(error, "update a tool connection")
        }
        return result.affectedRows == 1
    }

    public func delete(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection? {
        try await select("""
            DELETE FROM tool_connections c USING users u
            WHERE u.id = c.user_id AND u.public_id = \(userID) AND c.provider = \(provider.rawValue)
            RETURNING \(unsafeRaw: Self.columns)
            """).first
    }

    public func allConnections() async throws(AuthStoreError) -> [ToolConnection] {
        try await select("""
            SELECT \(unsafeRaw: Self.columns) FROM tool_connections c JOIN users u ON u.id = c.user_id ORDER BY c.id
            """)
    }

    // MARK: Rows

    private func select(_ query: PostgresQuery) async throws(AuthStoreError) -> [ToolConnection] {
        do {
            return try await pool.query(query).rows.map { row throws(PostgresError) in try Self.decode(row) }
        } catch {
            throw PostgresStoreSupport.storeError(error, "read tool connections")
        }
    }

    static func decode(_ row: PostgresRow) throws(PostgresError) -> ToolConnection {
        guard let provider = OAuthProviderName(rawValue: try row.decode("provider")) else {
            throw PostgresError(code: .decoding, message: "The column provider does not hold a known provider.")
        }
        let access = PostgresStoreSupport.sealedToken(keyID: try row.decode("key_id"), nonce: try row.decode("access_token_nonce"),
                                                      ciphertext: try row.decode("access_token_ciphertext"))
        var refresh: SealedToken?
        if let ciphertext = try row.decode("refresh_token_ciphertext", as: [UInt8]?.self) {
            refresh = PostgresStoreSupport.sealedToken(keyID: try row.decode("refresh_token_key_id", as: String?.self) ?? "",
                                                       nonce: try row.decode("refresh_token_nonce", as: [UInt8]?.self) ?? [],
                                                       ciphertext: ciphertext)
        }
        let scopes = try row.decode("scopes", as: String.self).split(separator: " ").map(String.init)
        return ToolConnection(userID: try row.decode("public_id"), provider: provider, accountID: try row.decode("provider_user_id"),
                              login: try row.decode("provider_login", as: String?.self) ?? "", accessToken: access, refreshToken: refresh,
                              expiresAt: try row.decode("expires_at"), scopes: scopes, connectedAt: try row.decode("created_at"),
                              updatedAt: try row.decode("updated_at"), jiraSite: try jiraSite(row))
    }

    /// The site columns of an Atlassian row (all NULL: not looked up yet).
    static func jiraSite(_ row: PostgresRow) throws(PostgresError) -> JiraSiteLink? {
        if let cloudID = try row.decode("jira_cloud_id", as: String?.self) {
            return .site(cloudID: cloudID, url: try row.decode("jira_site_url", as: String?.self) ?? "")
        }
        guard let problem = try row.decode("jira_site_problem", as: String?.self) else { return nil }
        guard let known = JiraSiteProblem(rawValue: problem) else {
            throw PostgresError(code: .decoding, message: "The column jira_site_problem does not hold a known value.")
        }
        return .unavailable(known)
    }

    /// Scopes as the table keeps them: space-separated, like OAuth's `scope` parameter.
    static func scopesColumn(_ scopes: [String]) -> String { scopes.joined(separator: " ") }
}
