/// Why a token could not be sealed, opened or rotated, or why the key configuration was refused.
///
/// Messages never contain key material, plaintext or ciphertext: they are safe to log.
public struct TokenCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `HYPERPAGE_TOKEN_KEYS` is missing or malformed (bad id, bad base64, not 32 bytes,
        /// duplicate id, unknown `active=`).
        case invalidKeyConfiguration = "TOKEN_KEYS_INVALID"
        /// The sealed token names a key id that is not configured (removed too early?).
        case unknownKey = "TOKEN_KEY_UNKNOWN"
        /// The stored text is not a sealed token of a version we know.
        case malformed = "TOKEN_MALFORMED"
        /// The GCM tag did not verify: the ciphertext, nonce, tag or the bound user / provider /
        /// key id was changed. Nothing is returned.
        case authenticationFailed = "TOKEN_AUTHENTICATION_FAILED"
        /// OpenSSL itself failed (out of memory, no randomness).
        case cryptoFailure = "TOKEN_CRYPTO_FAILURE"
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
