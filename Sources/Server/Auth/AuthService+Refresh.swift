import Foundation
import Schema

/// Usable access tokens: refreshed before expiry, once at a time across pods.
extension AuthService {
    /// A usable access token of the user's `provider` connection. When it expires within
    /// `refreshMargin` and a refresh token exists, it is refreshed first under the refresh lock:
    /// the lock holder re-reads the connection (another pod may have refreshed meanwhile),
    /// trades the refresh token, and stores the new pair with a compare-and-swap; other callers
    /// wait for the new token instead of spending the refresh token twice.
    public func accessToken(userID: String, provider: OAuthProviderName) async throws(AuthError) -> String {
        guard let client = clients[provider] else { throw AuthError(.unknownProvider, "\(provider.rawValue) is not configured.") }
        let binding = TokenBinding(userID: userID, provider: provider.rawValue)
        let deadline = ContinuousClock.now + .seconds(15)
        while true {
            let connection = try await loadConnection(userID: userID, provider: provider)
            if !needsRefresh(connection) { return try open(connection.accessToken, binding) }
            guard let sealedRefresh = connection.refreshToken else {
                // Nothing to refresh with: hand out what we have; the provider will say if it expired.
                return try open(connection.accessToken, binding)
            }
            let lockKey = "auth:refresh:\(provider.rawValue):\(userID)"
            let lockToken: String?
            do { lockToken = try await refreshLock.acquire(lockKey, ttl: .seconds(30)) } catch { throw AuthError(error) }
            guard let lockToken else {
                guard ContinuousClock.now < deadline else {
                    throw AuthError(.providerUnavailable, "A token refresh by another request did not finish in time.")
                }
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            do {
                let token = try await refresh(connection, sealedRefresh: sealedRefresh, client: client)
                await refreshLock.release(lockKey, token: lockToken)
                return token
            } catch {
                await refreshLock.release(lockKey, token: lockToken)
                throw error
            }
        }
    }

    private func refresh(_ stale: ToolConnection, sealedRefresh: SealedToken, client: OAuthProviderClient) async throws(AuthError) -> String {
        let binding = TokenBinding(userID: stale.userID, provider: stale.provider.rawValue)
        // Another pod may have refreshed between our read and taking the lock.
        let current = try await loadConnection(userID: stale.userID, provider: stale.provider)
        if current.accessToken != stale.accessToken || !needsRefresh(current) { return try open(current.accessToken, binding) }
        let refreshToken = try open(sealedRefresh, TokenBinding(userID: stale.userID, provider: stale.provider.rawValue, purpose: "refresh"))
        let tokens: OAuthTokens
        do {
            tokens = try await client.refresh(refreshToken: refreshToken)
        } catch {
            logger.warning("Token refresh refused", metadata: ["hyperpage.user": .string(stale.userID),
                                                               "hyperpage.auth.provider": .string(stale.provider.rawValue),
                                                               "hyperpage.error.code": .string(error.code.rawValue)])
            await audit.record(.tokenRefreshFailed, actor: stale.userID, provider: stale.provider.rawValue,
                               details: [("code", .string(error.code.rawValue))])
            throw error
        }
        let (access, newRefresh) = try seal(tokens, userID: stale.userID, provider: stale.provider)
        var updated = current
        let t = now()
        updated.accessToken = access
        // GitLab and Atlassian rotate refresh tokens; keep the old one if none came back.
        updated.refreshToken = newRefresh ?? current.refreshToken
        updated.expiresAt = tokens.expiresIn.map { t.addingTimeInterval(TimeInterval($0)) }
        if !tokens.scopes.isEmpty { updated.scopes = tokens.scopes }
        if updated.provider == .atlassian { updated.jiraSite = await jiraSite(accessToken: tokens.accessToken, previous: current.jiraSite) }
        updated.updatedAt = t
        let replaced: Bool
        do { replaced = try await connections.replace(updated, ifAccessTokenIs: current.accessToken) } catch { throw AuthError(error) }
        if !replaced {
            // Disconnected or changed meanwhile: do not resurrect it.
            throw AuthError(.notConnected, "\(stale.provider.rawValue) was disconnected during a token refresh.")
        }
        logger.info("Token refreshed", metadata: ["hyperpage.user": .string(stale.userID),
                                                  "hyperpage.auth.provider": .string(stale.provider.rawValue)])
        return tokens.accessToken
    }

    private func loadConnection(userID: String, provider: OAuthProviderName) async throws(AuthError) -> ToolConnection {
        let found: ToolConnection?
        do { found = try await connections.connection(userID: userID, provider: provider) } catch { throw AuthError(error) }
        guard let found else { throw AuthError(.notConnected, "\(provider.rawValue) is not connected.") }
        return found
    }

    private func needsRefresh(_ connection: ToolConnection) -> Bool {
        guard let expiresAt = connection.expiresAt else { return false }
        return expiresAt.timeIntervalSince(now()) < Self.refreshMargin
    }

    private func open(_ sealed: SealedToken, _ binding: TokenBinding) throws(AuthError) -> String {
        do { return try cipher.open(sealed, for: binding) } catch {
            logger.error("A stored token failed to decrypt", metadata: ["hyperpage.user": .string(binding.userID),
                                                                       "hyperpage.auth.provider": .string(binding.provider),
                                                                       "hyperpage.error.code": .string(error.code.rawValue)])
            throw AuthError(error)
        }
    }

    /// Re-encrypts every stored token under the active key (what `hyperpage keys rotate` runs;
    /// see `KeyRotation`). Returns how many connections were rewritten; a connection whose token
    /// does not authenticate is left alone and counted in `failed`.
    public func rotateKeys() async throws(AuthError) -> (rotated: Int, failed: Int) {
        do {
            let report = try await KeyRotation(cipher: cipher, connections: connections, logger: logger).run()
            return (report.rotated, report.failed)
        } catch {
            throw AuthError(error)
        }
    }
}
