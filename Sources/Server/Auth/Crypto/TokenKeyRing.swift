import Foundation

/// The token encryption keys, read from `HYPERPAGE_TOKEN_KEYS`.
///
/// Format: comma-separated `ID:BASE64KEY` entries, each key exactly 32 random bytes in standard
/// or URL-safe base64 (e.g. `openssl rand -base64 32`), plus an optional `active=ID` entry that
/// names the key new tokens are sealed with; without it the **first** key is active. Ids are
/// 1–32 characters of `[A-Za-z0-9_-]`. Example: `k2:…,k1:…` or `k1:…,k2:…,active=k2`.
///
/// Every listed key can open tokens; only the active one seals. Rotation: add a new key and make
/// it active, run `rotate` over all stored tokens, then remove the old key.
public struct TokenKeyRing: Sendable {
    /// The key ids in the order they were given.
    public let keyIDs: [String]
    public let activeKeyID: String
    let keys: [String: [UInt8]]

    /// The environment variable the keys are read from.
    public static let environmentVariable = "HYPERPAGE_TOKEN_KEYS"

    /// Parses the format above. Errors name the offending key id or position, never key bytes.
    public init(parsing text: String) throws(TokenCipherError) {
        var ids: [String] = []
        var keys: [String: [UInt8]] = [:]
        var active: String?
        for (index, rawEntry) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            let position = "entry \(index + 1) of \(Self.environmentVariable)"
            if entry.hasPrefix("active=") {
                guard active == nil else { throw Self.invalid("\(position): `active=` is given twice.") }
                active = String(entry.dropFirst("active=".count))
                continue
            }
            guard let colon = entry.firstIndex(of: ":") else {
                throw Self.invalid("\(position) is not `ID:BASE64KEY` or `active=ID`.")
            }
            let id = String(entry[..<colon])
            guard Self.isValidID(id) else {
                throw Self.invalid("\(position): a key id must be 1-32 characters of A-Z a-z 0-9 _ -.")
            }
            guard keys[id] == nil else { throw Self.invalid("\(position): key id \(id) is given twice.") }
            let encoded = entry[entry.index(after: colon)...]
            guard let key = Self.decodeKey(encoded) else {
                throw Self.invalid("\(position): key \(id) is not valid base64.")
            }
            guard key.count == AESGCM.keyLength else {
                throw Self.invalid("\(position): key \(id) must be 32 bytes (256 bits), not \(key.count).")
            }
            ids.append(id)
            keys[id] = key
        }
        guard let first = ids.first else {
            throw Self.invalid("\(Self.environmentVariable) holds no key: give at least one `ID:BASE64KEY`.")
        }
        if let active, keys[active] == nil {
            throw Self.invalid("`active=\(Self.isValidID(active) ? active : "…")` names no configured key.")
        }
        self.keyIDs = ids
        self.keys = keys
        self.activeKeyID = active ?? first
    }

    /// Reads `HYPERPAGE_TOKEN_KEYS` from `environment`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(TokenCipherError) -> TokenKeyRing {
        guard let text = environment[environmentVariable], !text.isEmpty else {
            throw invalid("\(environmentVariable) is not set: tokens cannot be encrypted without a key.")
        }
        return try TokenKeyRing(parsing: text)
    }

    func key(_ id: String) -> [UInt8]? { keys[id] }

    static func isValidID(_ id: some StringProtocol) -> Bool {
        !id.isEmpty && id.utf8.count <= 32 && id.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }

    private static func decodeKey(_ text: Substring) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let data = Data(base64Encoded: trimmed) { return [UInt8](data) }
        return Base64URL.decode(trimmed.replacingOccurrences(of: "=", with: ""))
    }

    private static func invalid(_ message: String) -> TokenCipherError {
        TokenCipherError(code: .invalidKeyConfiguration, message: message)
    }
}
