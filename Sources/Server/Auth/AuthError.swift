/// Why a sign-in, refresh, disconnect or viewer request failed. `code` goes to clients
/// (`extensions.code`, or the JSON error of `/auth/*`); messages never hold codes, states,
/// verifiers, tokens or secrets.
public struct AuthError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `/auth/{provider}` names no configured provider.
        case unknownProvider = "AUTH_UNKNOWN_PROVIDER"
        /// The callback's `state` is unknown: never issued, or already used (a replay).
        case stateInvalid = "AUTH_STATE_INVALID"
        /// The `state` is older than ten minutes.
        case stateExpired = "AUTH_STATE_EXPIRED"
        /// The `state` was issued to another browser (the `hp_oauth` cookie does not match).
        case stateMismatch = "AUTH_STATE_MISMATCH"
        /// The user declined at the provider, or the provider sent an error instead of a code.
        case providerDenied = "AUTH_PROVIDER_DENIED"
        /// The provider refused the code exchange or refresh (`invalid_grant`: bad, used or
        /// expired code, wrong PKCE verifier, revoked refresh token).
        case invalidGrant = "AUTH_INVALID_GRANT"
        /// The provider could not be reached or answered something we cannot read.
        case providerUnavailable = "AUTH_PROVIDER_UNAVAILABLE"
        /// No session (or an expired one).
        case unauthenticated = "UNAUTHENTICATED"
        /// The user has not connected this provider.
        case notConnected = "AUTH_NOT_CONNECTED"
        /// A stored token could not be decrypted (tampered, or its key was removed).
        case tokenUnreadable = "AUTH_TOKEN_UNREADABLE"
        /// A value sent by the client is out of range.
        case badInput = "BAD_USER_INPUT"
        /// A store failed.
        case storeUnavailable = "AUTH_STORE_UNAVAILABLE"
        /// A state-changing `/auth` request came from another site (its `Origin` is not ours).
        case crossOrigin = "AUTH_CROSS_ORIGIN"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The HTTP status `/auth/*` answers with.
    var httpStatus: Int {
        switch code {
        case .unknownProvider: 404
        case .stateInvalid, .stateExpired, .stateMismatch, .providerDenied, .invalidGrant, .badInput: 400
        case .unauthenticated: 401
        case .crossOrigin: 403
        case .notConnected: 404
        case .providerUnavailable: 502
        case .tokenUnreadable, .storeUnavailable: 500
        }
    }

    init(_ error: AuthStoreError) { self.init(.storeUnavailable, "A session or token store is unavailable.") }
    init(_ error: TokenCipherError) { self.init(.tokenUnreadable, "A stored token could not be decrypted (\(error.code.rawValue)).") }
}
