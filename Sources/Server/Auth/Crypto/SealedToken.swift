/// A token encrypted by `TokenCipher`, in the text form stored in the database:
/// `v1.<keyID>.<base64url(nonce ‖ ciphertext ‖ tag)>`.
///
/// The key id is in clear so the right key can be picked (and rotation can find old rows); it is
/// also bound into the associated data, so editing it makes the tag fail.
public struct SealedToken: Sendable, Equatable, CustomStringConvertible {
    public let keyID: String
    let nonce: [UInt8]
    let ciphertext: [UInt8]
    let tag: [UInt8]

    static let version = "v1"

    init(keyID: String, nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// Parses the stored form; `.malformed` when it is not one.
    public init(encoded: String) throws(TokenCipherError) {
        let parts = encoded.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.version, TokenKeyRing.isValidID(parts[1]),
              let payload = Base64URL.decode(parts[2]),
              payload.count >= AESGCM.nonceLength + AESGCM.tagLength else {
            throw TokenCipherError(code: .malformed, message: "The stored value is not a v1 sealed token.")
        }
        keyID = String(parts[1])
        nonce = Array(payload.prefix(AESGCM.nonceLength))
        ciphertext = Array(payload[AESGCM.nonceLength..<(payload.count - AESGCM.tagLength)])
        tag = Array(payload.suffix(AESGCM.tagLength))
    }

    /// The stored form.
    public var encoded: String {
        "\(Self.version).\(keyID).\(Base64URL.encode(nonce + ciphertext + tag))"
    }

    /// Only the key id: the description is safe to log.
    public var description: String { "SealedToken(key: \(keyID))" }
}
