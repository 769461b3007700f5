import Foundation
import Synchronization

/// In-process `UserStore`: for the demo and tests (lost at restart, not shared between pods).
public final class MemoryUserStore: UserStore {
    private let state = Mutex<[String: AuthUser]>([:])
    public init() {}

    public func user(id: String) async throws(AuthStoreError) -> AuthUser? { state.withLock { $0[id] } }

    public func save(_ user: AuthUser) async throws(AuthStoreError) { state.withLock { $0[user.id] = user } }

    public func updatePreferences(userID: String, _ preferences: UserPreferences) async throws(AuthStoreError) -> AuthUser? {
        state.withLock { s in
            guard var user = s[userID] else { return nil }
            user.preferences = preferences
            s[userID] = user
            return user
        }
    }
}

/// In-process `ConnectionStore`.
public final class MemoryConnectionStore: ConnectionStore {
    private let state = Mutex<[String: ToolConnection]>([:])
    public init() {}

    private static func key(_ userID: String, _ provider: OAuthProviderName) -> String { "\(userID)\u{0}\(provider.rawValue)" }

    public func connection(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection? {
        state.withLock { $0[Self.key(userID, provider)] }
    }

    public func connections(userID: String) async throws(AuthStoreError) -> [ToolConnection] {
        state.withLock { $0.values.filter { $0.userID == userID }.sorted { $0.provider.rawValue < $1.provider.rawValue } }
    }

    public func connection(provider: OAuthProviderName, accountID: String) async throws(AuthStoreError) -> ToolConnection? {
        state.withLock { $0.values.first { $0.provider == provider && $0.accountID == accountID } }
    }

    public func save(_ connection: ToolConnection) async throws(AuthStoreError) {
        state.withLock { $0[Self.key(connection.userID, connection.provider)] = connection }
    }

    public func replace(_ connection: ToolConnection, ifAccessTokenIs expected: SealedToken) async throws(AuthStoreError) -> Bool {
        state.withLock { s in
            let key = Self.key(connection.userID, connection.provider)
            guard s[key]?.accessToken == expected else { return false }
            s[key] = connection
            return true
        }
    }

    public func delete(userID: String, provider: OAuthProviderName) async throws(AuthStoreError) -> ToolConnection? {
        state.withLock { $0.removeValue(forKey: Self.key(userID, provider)) }
    }

    public func allConnections() async throws(AuthStoreError) -> [ToolConnection] { state.withLock { Array($0.values) } }
}

/// In-process `SessionStore` (demo only: sessions die with the process).
public final class MemorySessionStore: SessionStore {
    private let state = Mutex<[String: AuthSession]>([:])
    public init() {}

    public func save(_ session: AuthSession) async throws(AuthStoreError) { state.withLock { $0[session.key] = session } }
    public func session(key: String) async throws(AuthStoreError) -> AuthSession? { state.withLock { $0[key] } }
    public func delete(key: String) async throws(AuthStoreError) { _ = state.withLock { $0.removeValue(forKey: key) } }
    public func deleteAll(userID: String) async throws(AuthStoreError) {
        state.withLock { $0 = $0.filter { $0.value.userID != userID } }
    }
    /// How many sessions are stored (for tests and metrics).
    public var count: Int { state.withLock { $0.count } }
}

/// In-process `OAuthStateStore`.
public final class MemoryOAuthStateStore: OAuthStateStore {
    private let state = Mutex<[String: PendingLogin]>([:])
    public init() {}

    public func put(_ login: PendingLogin) async throws(AuthStoreError) {
        state.withLock { s in
            // Drop expired entries so abandoned logins do not pile up.
            let now = Date()
            s = s.filter { $0.value.expiresAt > now.addingTimeInterval(-3600) }
            s[login.stateHash] = login
        }
    }

    public func take(stateHash: String) async throws(AuthStoreError) -> PendingLogin? {
        state.withLock { $0.removeValue(forKey: stateHash) }
    }
}

/// In-process `RefreshLock` (one process only).
public final class MemoryRefreshLock: RefreshLock {
    private let state = Mutex<[String: (token: String, until: ContinuousClock.Instant)]>([:])
    public init() {}

    public func acquire(_ key: String, ttl: Duration) async throws(AuthStoreError) -> String? {
        let token = UUID().uuidString
        return state.withLock { s in
            if let held = s[key], held.until > .now { return nil }
            s[key] = (token, .now + ttl)
            return token
        }
    }

    public func release(_ key: String, token: String) async {
        state.withLock { s in if s[key]?.token == token { s[key] = nil } }
    }
}
