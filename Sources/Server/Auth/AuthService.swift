import Foundation
import Logging
import Resolvers
import Schema

/// Everything auth: OAuth sign-in with PKCE, sessions, the tool connections with their sealed
/// tokens (refreshed before expiry, revoked on disconnect), and the viewer's preferences.
///
/// Built from the `auth` section of the config, the token keys, the stores (in-memory now;
/// PostgreSQL/Redis later) and the upstream transport. HTTP routes (`AuthRoutes`) and the
/// `viewer` resolvers call it.
public final class AuthService: Sendable {
    public let settings: HyperpageConfig.AuthSection
    let cipher: TokenCipher
    let users: any UserStore
    let connections: any ConnectionStore
    let states: any OAuthStateStore
    let refreshLock: any RefreshLock
    let sessions: SessionManager
    let clients: [OAuthProviderName: OAuthProviderClient]
    let logger: Logger
    let now: @Sendable () -> Date
    /// Where sign-ins, refusals, connections, refresh failures and logouts are recorded.
    let audit: AuditTrail
    /// The external base URL (no trailing slash).
    public let publicURL: String
    /// `tools.jira.web_url` when the Jira tool is enabled: the site Atlassian connections are
    /// used on (`AuthService+JiraSite.swift`); nil: Atlassian connections are not used for Jira.
    public let jiraSiteURL: String?

    /// How long a sign-in may take between `/login` and `/callback`.
    public static let stateLifetime: TimeInterval = 600
    /// Access tokens expiring sooner than this are refreshed before use.
    public static let refreshMargin: TimeInterval = 120

    public init(settings: HyperpageConfig.AuthSection, publicURL: String, cipher: TokenCipher, transport: any UpstreamTransport,
                users: any UserStore = MemoryUserStore(), connections: any ConnectionStore = MemoryConnectionStore(),
                sessions: any SessionStore = MemorySessionStore(), states: any OAuthStateStore = MemoryOAuthStateStore(),
                refreshLock: any RefreshLock = MemoryRefreshLock(), providerTimeout: Duration = .seconds(10),
                logger: Logger = Logger(label: "hyperpage.auth"), now: @escaping @Sendable () -> Date = { Date() },
                jiraSiteURL: String? = nil, audit: AuditTrail = .none) {
        self.settings = settings
        self.audit = audit
        self.publicURL = publicURL
        self.jiraSiteURL = jiraSiteURL
        self.cipher = cipher
        self.users = users
        self.connections = connections
        self.states = states
        self.refreshLock = refreshLock
        self.logger = logger
        self.now = now
        self.sessions = SessionManager(store: sessions, idleTimeout: Self.seconds(settings.sessionIdleTimeout),
                                       absoluteTimeout: Self.seconds(settings.sessionAbsoluteTimeout), now: now)
        var clients: [OAuthProviderName: OAuthProviderClient] = [:]
        for provider in settings.enabledProviders {
            clients[provider.provider] = OAuthProviderClient(settings: provider, transport: transport,
                                                             redirectURI: "\(publicURL)/auth/\(provider.provider.rawValue)/callback",
                                                             timeout: providerTimeout)
        }
        self.clients = clients
    }

    /// The providers users can sign in with.
    public var providers: [OAuthProviderName] { OAuthProviderName.allCases.filter { clients[$0] != nil } }

    func client(_ name: String) throws(AuthError) -> OAuthProviderClient {
        guard let provider = OAuthProviderName(rawValue: name), let client = clients[provider] else {
            throw AuthError(.unknownProvider, "No sign-in provider of that name is configured.")
        }
        return client
    }

    // MARK: Sessions

    /// The signed-in user behind a session cookie value, or nil.
    public func signedInUser(sessionID: String?) async throws(AuthError) -> AuthUser? {
        guard let sessionID, let session = try await sessions.resolve(sessionID) else { return nil }
        do { return try await users.user(id: session.userID) } catch { throw AuthError(error) }
    }

    /// Ends the session (idempotent).
    public func logout(sessionID: String?) async throws(AuthError) {
        guard let sessionID else { return }
        let session = try await sessions.resolve(sessionID)
        try await sessions.end(sessionID)
        if let session {
            logger.info("Signed out", metadata: ["hyperpage.user": .string(session.userID)])
            await audit.record(.logout, actor: session.userID)
        }
    }

    // MARK: Connections

    public func connections(userID: String) async throws(AuthError) -> [ToolConnection] {
        do { return try await connections.connections(userID: userID) } catch { throw AuthError(error) }
    }

    /// Revokes the user's grant at the provider where it can be revoked, then deletes the
    /// connection. Returns whether the provider confirmed the revocation (false for Atlassian,
    /// which has no revocation, or when the provider could not be reached — the connection is
    /// deleted either way).
    public func disconnect(userID: String, provider name: String) async throws(AuthError) -> Bool {
        let client = try client(name)
        let provider = client.provider
        let existing: ToolConnection?
        do { existing = try await connections.connection(userID: userID, provider: provider) } catch { throw AuthError(error) }
        guard let connection = existing else { throw AuthError(.notConnected, "\(provider.rawValue) is not connected.") }
        var revoked = false
        do {
            let token = try cipher.open(connection.accessToken, for: TokenBinding(userID: userID, provider: provider.rawValue))
            revoked = try await client.revoke(accessToken: token)
        } catch let error as AuthError {
            logger.warning("Revocation failed; deleting the connection anyway", metadata: [
                "hyperpage.auth.provider": .string(provider.rawValue), "hyperpage.error.code": .string(error.code.rawValue)])
        } catch {
            logger.warning("A stored token could not be decrypted; deleting the connection", metadata: [
                "hyperpage.auth.provider": .string(provider.rawValue)])
        }
        do { _ = try await connections.delete(userID: userID, provider: provider) } catch { throw AuthError(error) }
        await audit.record(.toolDisconnected, actor: userID, provider: provider.rawValue, details: [("revoked", .bool(revoked))])
        logger.info("Disconnected", metadata: ["hyperpage.user": .string(userID), "hyperpage.auth.provider": .string(provider.rawValue),
                                               "hyperpage.auth.revoked": .stringConvertible(revoked)])
        return revoked
    }

    // MARK: Preferences

    public func updatePreferences(userID: String, theme: UserPreferences.Theme?, refreshIntervalSeconds: Int?,
                                  dashboardLayout: [String]?) async throws(AuthError) -> AuthUser {
        let current: AuthUser?
        do { current = try await users.user(id: userID) } catch { throw AuthError(error) }
        guard var preferences = current?.preferences else { throw AuthError(.unauthenticated, "The signed-in user no longer exists.") }
        if let theme { preferences.theme = theme }
        if let seconds = refreshIntervalSeconds {
            guard UserPreferences.refreshIntervalRange.contains(seconds) else {
                throw AuthError(.badInput, "refreshIntervalSeconds must be from \(UserPreferences.refreshIntervalRange.lowerBound) to \(UserPreferences.refreshIntervalRange.upperBound).")
            }
            preferences.refreshIntervalSeconds = seconds
        }
        if let layout = dashboardLayout {
            guard layout.count <= UserPreferences.maxLayoutEntries,
                  layout.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 64 }) else {
                throw AuthError(.badInput, "dashboardLayout takes at most \(UserPreferences.maxLayoutEntries) non-empty widget ids of up to 64 characters.")
            }
            preferences.dashboardLayout = layout
        }
        let updated: AuthUser?
        do { updated = try await users.updatePreferences(userID: userID, preferences) } catch { throw AuthError(error) }
        guard let updated else { throw AuthError(.unauthenticated, "The signed-in user no longer exists.") }
        return updated
    }

    static func seconds(_ d: Duration) -> TimeInterval {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
