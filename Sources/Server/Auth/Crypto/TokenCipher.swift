/// Encrypts tool tokens (OAuth access and refresh tokens) at rest with AES-256-GCM.
///
/// Each seal draws a fresh random 96-bit nonce, and authenticates, besides the ciphertext, the
/// token's *binding*: the user id, the provider and the key id. A row copied to another user or
/// provider, a changed key id, a flipped byte anywhere, or a key that is not configured makes
/// `open` throw; it never returns data it could not authenticate.
public struct TokenCipher: Sendable {
    public let keyRing: TokenKeyRing

    public init(keyRing: TokenKeyRing) {
        self.keyRing = keyRing
    }

    /// The cipher over the keys in `HYPERPAGE_TOKEN_KEYS` (see `TokenKeyRing` for the format).
    public static func fromEnvironment(_ environment: [String: String]) throws(TokenCipherError) -> TokenCipher {
        TokenCipher(keyRing: try TokenKeyRing.fromEnvironment(environment))
    }

    /// Seals `token` for `binding` under the active key.
    public func seal(_ token: String, for binding: TokenBinding) throws(TokenCipherError) -> SealedToken {
        let keyID = keyRing.activeKeyID
        let nonce = try CryptoPrimitives.randomBytes(AESGCM.nonceLength)
        let (ciphertext, tag) = try AESGCM.seal(Array(token.utf8), key: keyRing.key(keyID)!, nonce: nonce,
                                                associatedData: binding.associatedData(keyID: keyID))
        return SealedToken(keyID: keyID, nonce: nonce, ciphertext: ciphertext, tag: tag)
    }

    /// The token sealed in `sealed`, if it authenticates for `binding`.
    public func open(_ sealed: SealedToken, for binding: TokenBinding) throws(TokenCipherError) -> String {
        guard let key = keyRing.key(sealed.keyID) else {
            throw TokenCipherError(code: .unknownKey, message: "The token was sealed with key \(sealed.keyID), which is not configured.")
        }
        let bytes = try AESGCM.open(sealed.ciphertext, tag: sealed.tag, key: key, nonce: sealed.nonce,
                                    associatedData: binding.associatedData(keyID: sealed.keyID))
        guard let token = String(validating: bytes, as: UTF8.self) else {
            throw TokenCipherError(code: .malformed, message: "The sealed token does not hold text.")
        }
        return token
    }

    /// `sealed` re-encrypted under the active key (with a new nonce), after checking it opens;
    /// a token already under the active key comes back unchanged. What `hyperpage keys rotate`
    /// does to every stored token.
    public func rotate(_ sealed: SealedToken, for binding: TokenBinding) throws(TokenCipherError) -> SealedToken {
        let token = try open(sealed, for: binding)
        if sealed.keyID == keyRing.activeKeyID { return sealed }
        return try seal(token, for: binding)
    }

    /// Whether `sealed` was sealed under a key other than the active one.
    public func needsRotation(_ sealed: SealedToken) -> Bool {
        sealed.keyID != keyRing.activeKeyID
    }
}

/// Whose token it is: bound into the associated data of every seal, so a sealed token only
/// opens for the same user and provider it was sealed for.
public struct TokenBinding: Sendable, Hashable {
    public var userID: String
    /// `github`, `gitlab` or `atlassian`.
    public var provider: String
    /// What the token is (`access`, `refresh`): an access token cannot be swapped for a refresh token.
    public var purpose: String

    public init(userID: String, provider: String, purpose: String = "access") {
        self.userID = userID
        self.provider = provider
        self.purpose = purpose
    }

    /// A length-prefixed, unambiguous encoding of the binding and the key id.
    func associatedData(keyID: String) -> [UInt8] {
        var out = Array("hyperpage-token-v1".utf8)
        for part in [userID, provider, purpose, keyID] {
            let bytes = Array(part.utf8)
            let n = UInt32(bytes.count)
            out += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
            out += bytes
        }
        return out
    }
}
