import Foundation
import Postgres

/// `OAuthStateStore` over `oauth_states`, shared by every pod: a login started on one pod can
/// finish on another. `take` is one `DELETE … RETURNING`, so a state is consumed exactly once
/// even when two pods receive the same callback at the same moment.
///
/// The PKCE verifier is kept in clear for the ten minutes of the login: it is worthless without
/// the authorization code, which the provider hands only to the browser and which is redeemed at
/// once.
public final class PostgresOAuthStateStore: OAuthStateStore {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func put(_ login: PendingLogin) async throws(AuthStoreError) {
        guard let hash = PostgresSessionStore.hash(login.stateHash) else {
            throw AuthStoreError(code: .unavailable, message: "A state key must be a hex SHA-256.")
        }
        do {
            // Abandoned logins do not pile up: drop those expired for an hour (indexed).
            try await pool.query("DELETE FROM oauth_states WHERE expires_at < now() - interval '1 hour'")
            try await pool.query("""
                INSERT INTO oauth_states (state_hash, browser_hash, provider, code_verifier, link_to_user_id, expires_at)
                VALUES (\(hash), \(login.browserHash), \(login.provider.rawValue), \(login.codeVerifier), \(login.linkToUserID), \(login.expiresAt))
                """)
        } catch {
            throw PostgresStoreSupport.storeError(error, "save a sign-in in progress")
        }
    }

    public func take(stateHash: String) async throws(AuthStoreError) -> PendingLogin? {
        guard let hash = PostgresSessionStore.hash(stateHash) else { return nil }
        do {
            let rows = try await pool.query("""
                DELETE FROM oauth_states WHERE state_hash = \(hash)
                RETURNING browser_hash, provider, code_verifier, link_to_user_id, expires_at
                """).rows
            guard let row = rows.first else { return nil }
            guard let provider = OAuthProviderName(rawValue: try row.decode("provider")) else { return nil }
            return PendingLogin(stateHash: Hex.encode(hash), browserHash: try row.decode("browser_hash"), provider: provider,
                                codeVerifier: try row.decode("code_verifier"), linkToUserID: try row.decode("link_to_user_id"),
                                expiresAt: try row.decode("expires_at"))
        } catch {
            throw PostgresStoreSupport.storeError(error, "take a sign-in in progress")
        }
    }
}
