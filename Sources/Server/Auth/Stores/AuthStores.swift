import Foundation

/// Where users live. The in-memory store serves the demo and tests; PostgreSQL comes later.
public protocol UserStore: Sendable {
    func user(id: String) async throws(AuthStoreError) -> AuthUser?
    /// Inserts or replaces `user`.
    func save(_ user: AuthUser) async throws(AuthStoreError)
    func updatePreferences(userID: String, _ preferences: UserPreferences) async throws(AuthStoreError) -> AuthUser?
}

/// Tool connections with their sealed tokens.
public protocol ConnectionStore: Sendable {
    func connection(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection?
    func connections(userID: String) async throws(AuthStoreError) -> [ToolConnection]
    /// The connection of the provider account `accountID`, whoever holds it.
    func connection(provider: OAuthProviderName, accountID: String) async throws(AuthStoreError) -> ToolConnection?
    /// Inserts or replaces the user's connection to `connection.provider`.
    func save(_ connection: ToolConnection) async throws(AuthStoreError)
    /// Replaces the connection only if its access token is still `expected` (compare-and-swap:
    /// a refresh stores its new token pair atomically and never over a newer one). Returns
    /// whether it replaced.
    func replace(_ connection: ToolConnection, ifAccessTokenIs expected: SealedToken) async throws(AuthStoreError) -> Bool
    /// Removes the connection; returns it when there was one.
    func delete(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection?
    /// Every connection (for `keys rotate`).
    func allConnections() async throws(AuthStoreError) -> [ToolConnection]
}

/// Sessions by key (SHA-256 of the cookie's id).
public protocol SessionStore: Sendable {
    func save(_ session: AuthSession) async throws(AuthStoreError)
    func session(key: String) async throws(AuthStoreError) -> AuthSession?
    func delete(key: String) async throws(AuthStoreError)
    func deleteAll(userID: String) async throws(AuthStoreError)
}

/// Sign-ins in progress. `take` must remove and return in one step, so a state is used once
/// even when two callbacks race.
public protocol OAuthStateStore: Sendable {
    func put(_ login: PendingLogin) async throws(AuthStoreError)
    func take(stateHash: String) async throws(AuthStoreError) -> PendingLogin?
}

/// A short exclusive lock across every pod (Redis `SET NX PX` later), so a token is refreshed
/// once at a time.
public protocol RefreshLock: Sendable {
    /// A token for the lock when acquired, nil when someone else holds it.
    func acquire(_ key: String, ttl: Duration) async throws(AuthStoreError) -> String?
    func release(_ key: String, token: String) async
}

/// A store could not be reached or refused the operation. Never holds values or tokens.
public struct AuthStoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable { case unavailable = "STORE_UNAVAILABLE" }
    public var code: Code
    public var message: String
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code.rawValue): \(message)" }
}
