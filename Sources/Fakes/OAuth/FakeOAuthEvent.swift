/// What a fake OAuth provider saw and did, in order; tests assert on it.
public enum FakeOAuthEvent: Sendable, Equatable {
    /// The browser was sent back to `redirectURI` with a code for this S256 `codeChallenge`.
    case authorized(clientID: String, redirectURI: String, codeChallenge: String, scope: String)
    /// `/authorize` answered 400; `reason` says which check failed.
    case authorizeRefused(reason: String)
    /// Tokens were issued for `grant` (`authorization_code` or `refresh_token`).
    case tokenIssued(grant: String)
    /// The token endpoint refused: `error` is the OAuth error code, `reason` the failed check.
    case tokenRefused(grant: String, error: String, reason: String)
    /// The profile was served to a valid access token.
    case profileServed
    /// The profile endpoint refused the token (unknown, expired or revoked).
    case profileRefused
    /// A grant was revoked.
    case revoked
    /// A revocation request was refused (bad client credentials).
    case revokeRefused
    /// Atlassian's `accessible-resources` was served to a valid access token.
    case resourcesServed
    /// `accessible-resources` refused the token (unknown, expired or revoked).
    case resourcesRefused
}
