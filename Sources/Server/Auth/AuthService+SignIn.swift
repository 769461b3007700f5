import Foundation
import Schema

/// The authorization-code flow with PKCE: `/login` → provider → `/callback`.
extension AuthService {
    /// What `/auth/{provider}/login` answers: a redirect to the provider and the browser-binding cookie value.
    public struct LoginRedirect: Sendable {
        public let location: String
        /// The `hp_oauth` cookie value (a random nonce whose hash the pending login holds).
        public let browserNonce: String
    }

    /// Starts a sign-in: a random single-use `state` (its hash stored for ten minutes, bound to
    /// the browser by a random nonce cookie) and a PKCE verifier whose S256 challenge goes to
    /// the provider. A signed-in caller gets the provider connected to their user.
    public func startLogin(provider name: String, sessionID: String?) async throws(AuthError) -> LoginRedirect {
        let client = try client(name)
        let linkTo = try await signedInUser(sessionID: sessionID)?.id
        let state: String, nonce: String, pkce: PKCE
        do {
            state = Base64URL.encode(try CryptoPrimitives.randomBytes(32))
            nonce = Base64URL.encode(try CryptoPrimitives.randomBytes(32))
            pkce = try PKCE.make()
        } catch {
            throw AuthError(.storeUnavailable, "No randomness available.")
        }
        let pending = PendingLogin(stateHash: Self.stateHash(state), browserHash: CryptoPrimitives.sha256(Array(nonce.utf8)),
                                   provider: client.provider, codeVerifier: pkce.verifier, linkToUserID: linkTo,
                                   expiresAt: now().addingTimeInterval(Self.stateLifetime))
        do { try await states.put(pending) } catch { throw AuthError(error) }
        logger.info("Sign-in started", metadata: ["hyperpage.auth.provider": .string(client.provider.rawValue)])
        return LoginRedirect(location: client.authorizeURL(state: state, codeChallenge: pkce.challenge), browserNonce: nonce)
    }

    /// The result of a successful callback: the new session's cookie value and the user.
    public struct SignIn: Sendable {
        public let sessionID: String
        public let user: AuthUser
    }

    /// Finishes a sign-in. The state is consumed whatever happens (single use); it must be
    /// known, unexpired, for this provider, and issued to this browser (constant-time comparison
    /// of the cookie nonce's hash). Then the code is exchanged with the PKCE verifier, the
    /// profile read, the user found or created, the tokens sealed and stored, and a fresh session
    /// created (the previous one, if any, ends: no session fixation).
    public func finishLogin(provider name: String, code: String?, state: String?, providerError: String?,
                            browserNonce: String?, previousSessionID: String?) async throws(AuthError) -> SignIn {
        let client = try client(name)
        do {
            let pending = try await consumeState(state, provider: client.provider, browserNonce: browserNonce)
            if let providerError {
                throw AuthError(.providerDenied, "\(client.provider.rawValue) did not authorize the sign-in (\(OAuthProviderClient.safeCode(providerError))).")
            }
            guard let code, !code.isEmpty else { throw AuthError(.providerDenied, "The callback carries no authorization code.") }
            let tokens = try await client.exchange(code: code, verifier: pending.codeVerifier)
            let profile = try await client.profile(accessToken: tokens.accessToken)
            let user = try await upsertUser(profile, linkTo: pending.linkToUserID)
            let connected = try await storeConnection(user: user, profile: profile, tokens: tokens)
            if connected {
                await audit.record(.toolConnected, actor: user.id, provider: client.provider.rawValue,
                                   details: [("login", .string(profile.login)), ("scopes", .string(tokens.scopes.joined(separator: " ")))])
            }
            if let previousSessionID { try? await sessions.end(previousSessionID) }
            let (sessionID, _) = try await sessions.create(userID: user.id)
            logger.info("Signed in", metadata: ["hyperpage.user": .string(user.id),
                                               "hyperpage.auth.provider": .string(client.provider.rawValue)])
            await audit.record(.signIn, actor: user.id, provider: client.provider.rawValue,
                               details: [("linked", .bool(pending.linkToUserID != nil))])
            return SignIn(sessionID: sessionID, user: user)
        } catch let error as AuthError {
            logger.notice("Sign-in refused", metadata: ["hyperpage.auth.provider": .string(client.provider.rawValue),
                                                        "hyperpage.error.code": .string(error.code.rawValue)])
            await audit.record(.signInRefused, provider: client.provider.rawValue, details: [("code", .string(error.code.rawValue))])
            throw error
        } catch {
            throw AuthError(.storeUnavailable, "The sign-in could not be completed.")
        }
    }

    private func consumeState(_ state: String?, provider: OAuthProviderName, browserNonce: String?) async throws(AuthError) -> PendingLogin {
        guard let state, !state.isEmpty, state.utf8.count <= 128 else {
            throw AuthError(.stateInvalid, "The sign-in state is missing.")
        }
        let hash = Self.stateHash(state)
        let taken: PendingLogin?
        do { taken = try await states.take(stateHash: hash) } catch { throw AuthError(error) }
        guard let pending = taken, pending.provider == provider,
              CryptoPrimitives.constantTimeEquals(Array(pending.stateHash.utf8), Array(hash.utf8)) else {
            throw AuthError(.stateInvalid, "The sign-in state is unknown or was already used; start the sign-in again.")
        }
        let presented = CryptoPrimitives.sha256(Array((browserNonce ?? "").utf8))
        guard browserNonce != nil, CryptoPrimitives.constantTimeEquals(presented, pending.browserHash) else {
            throw AuthError(.stateMismatch, "The sign-in was started in another browser; start it again here.")
        }
        guard pending.expiresAt > now() else {
            throw AuthError(.stateExpired, "The sign-in took longer than ten minutes; start it again.")
        }
        return pending
    }

    private func upsertUser(_ profile: ProviderProfile, linkTo: String?) async throws(AuthError) -> AuthUser {
        do {
            if let owner = try await connections.connection(provider: profile.provider, accountID: profile.accountID)?.userID {
                if let linkTo, linkTo != owner {
                    throw AuthError(.badInput, "This \(profile.provider.rawValue) account is already connected to another Hyperpage user.")
                }
                if let user = try await users.user(id: owner) { return user }
            }
            if let linkTo, let user = try await users.user(id: linkTo) { return user }
            let id: String
            do { id = Base64URL.encode(try CryptoPrimitives.randomBytes(16)) } catch { throw AuthError(error) }
            let user = AuthUser(id: id, name: profile.name, email: profile.email, avatarURL: profile.avatarURL, createdAt: now())
            try await users.save(user)
            return user
        } catch let error as AuthStoreError {
            throw AuthError(error)
        } catch let error as AuthError {
            throw error
        } catch {
            throw AuthError(.storeUnavailable, "A store failed.")
        }
    }

    /// Seals and stores the tokens; returns whether the connection is new (not a renewal).
    @discardableResult
    func storeConnection(user: AuthUser, profile: ProviderProfile, tokens: OAuthTokens) async throws(AuthError) -> Bool {
        let t = now()
        let previous: ToolConnection?
        do { previous = try await connections.connection(userID: user.id, provider: profile.provider) } catch { throw AuthError(error) }
        let (access, refresh) = try seal(tokens, userID: user.id, provider: profile.provider)
        var connection = ToolConnection(userID: user.id, provider: profile.provider, accountID: profile.accountID, login: profile.login,
                                        accessToken: access, refreshToken: refresh,
                                        expiresAt: tokens.expiresIn.map { t.addingTimeInterval(TimeInterval($0)) },
                                        scopes: tokens.scopes, connectedAt: previous?.connectedAt ?? t, updatedAt: t)
        if profile.provider == .atlassian {
            let known = previous?.accountID == profile.accountID ? previous?.jiraSite : nil
            connection.jiraSite = await jiraSite(accessToken: tokens.accessToken, previous: known)
        }
        do { try await connections.save(connection) } catch { throw AuthError(error) }
        return previous == nil
    }

    func seal(_ tokens: OAuthTokens, userID: String, provider: OAuthProviderName) throws(AuthError) -> (SealedToken, SealedToken?) {
        do {
            let access = try cipher.seal(tokens.accessToken, for: TokenBinding(userID: userID, provider: provider.rawValue))
            let refresh = try tokens.refreshToken.map { token throws(TokenCipherError) in
                try cipher.seal(token, for: TokenBinding(userID: userID, provider: provider.rawValue, purpose: "refresh"))
            }
            return (access, refresh)
        } catch {
            throw AuthError(error)
        }
    }

    static func stateHash(_ state: String) -> String { Hex.encode(CryptoPrimitives.sha256(Array(state.utf8))) }
}
