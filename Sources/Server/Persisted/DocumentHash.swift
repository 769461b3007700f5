/// The identity of a persisted document: the SHA-256 of its exact UTF-8 text, in lowercase hex
/// (what Apollo clients send as `sha256Hash`, and the key of `persisted_queries`).
public enum DocumentHash {
    /// The lowercase hex SHA-256 of `text`'s UTF-8 bytes.
    public static func of(_ text: String) -> String {
        Hex.encode(CryptoPrimitives.sha256(Array(text.utf8)))
    }

    /// `text` in lowercase when it is 64 hexadecimal digits, else nil.
    public static func normalized(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes {
            switch b {
            case 0x30...0x39, 0x61...0x66: out.append(b)
            case 0x41...0x46: out.append(b + 0x20)
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
