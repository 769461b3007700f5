/// Proof Key for Code Exchange (RFC 7636) with the S256 method.
struct PKCE: Sendable {
    /// 43 base64url characters from 256 random bits (RFC 7636 §4.1 asks for 43-128 unreserved characters).
    let verifier: String
    /// base64url(SHA-256(verifier)), sent with the authorization request.
    let challenge: String

    static func make() throws(TokenCipherError) -> PKCE {
        let verifier = Base64URL.encode(try CryptoPrimitives.randomBytes(32))
        return PKCE(verifier: verifier, challenge: challenge(for: verifier))
    }

    static func challenge(for verifier: String) -> String {
        Base64URL.encode(CryptoPrimitives.sha256(Array(verifier.utf8)))
    }
}
