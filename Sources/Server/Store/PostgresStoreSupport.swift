import Foundation
import Postgres

/// What the PostgreSQL auth stores share: error mapping and the conversions between the
/// application's values and the columns of `migrations/`.
enum PostgresStoreSupport {
    /// A database failure as the auth layer sees it. Keeps the client's code and SQLSTATE (never
    /// values: `PostgresError` already drops the server's message text).
    static func storeError(_ error: PostgresError, _ operation: String) -> AuthStoreError {
        var detail = error.code.rawValue
        if let state = error.sqlState { detail += ", SQLSTATE \(state)" }
        return AuthStoreError(code: .unavailable, message: "The database could not \(operation) (\(detail)).")
    }

    /// Lowercase hex → bytes; nil when the text is not an even number of hex digits.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    /// The `bytea` ciphertext column: the ciphertext followed by the 16-byte GCM tag.
    static func ciphertextColumn(_ token: SealedToken) -> [UInt8] { token.ciphertext + token.tag }

    /// A sealed token from its columns. A row too short to hold a tag, or with a nonce of the
    /// wrong length, becomes a token with an all-zero tag over nothing, which `TokenCipher.open`
    /// refuses like any other tampered row (the row is never used, and listing the other rows
    /// still works).
    static func sealedToken(keyID: String, nonce: [UInt8], ciphertext: [UInt8]) -> SealedToken {
        guard nonce.count == AESGCM.nonceLength, ciphertext.count >= AESGCM.tagLength else {
            return SealedToken(keyID: keyID, nonce: [UInt8](repeating: 0, count: AESGCM.nonceLength), ciphertext: [],
                               tag: [UInt8](repeating: 0, count: AESGCM.tagLength))
        }
        return SealedToken(keyID: keyID, nonce: nonce, ciphertext: Array(ciphertext.dropLast(AESGCM.tagLength)),
                           tag: Array(ciphertext.suffix(AESGCM.tagLength)))
    }
}
