import COpenSSL

/// Builds the shared cache's keys so that they never carry data:
///
///     hp:c:<tool>:<scope>:<kind>:<resource>
///
/// - `scope` is HMAC-SHA256 (hex) of the credential's identity (tool, API root, user and token)
///   under the server's `cache.key_secret`: callers with different credentials never share an
///   entry, and nobody reading the store can tell a token from it or test a guess without the
///   secret.
/// - `resource` is SHA-256 (hex) of the upstream request (method, path, query), so search
///   strings and JQL never appear in a key.
///
/// Every key of a tool starts with `toolPrefix(tool)`, which is what invalidating a tool removes.
public struct CacheKeys: Sendable {
    private let secret: [UInt8]

    /// `secret` empty: 32 random bytes for this process only (entries are then not shared with
    /// other pods; pods sharing a Redis must set the same `cache.key_secret`).
    public init(secret: String) {
        if secret.isEmpty {
            var bytes = [UInt8](repeating: 0, count: 32)
            if RAND_bytes(&bytes, 32) != 1 {
                // The CSPRNG failing is not recoverable in a meaningful way; a system RNG still
                // keeps the secret unguessable from outside.
                var generator = SystemRandomNumberGenerator()
                bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            self.secret = bytes
        } else {
            self.secret = Array(secret.utf8)
        }
    }

    /// The credential scope: HMAC-SHA256 of `identity` under the secret, lower-case hex.
    public func scope(identity: String) -> String {
        let data = Array(identity.utf8)
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = secret.withUnsafeBufferPointer { key in
            data.withUnsafeBufferPointer { message in
                HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), message.baseAddress, message.count, &out, &length)
            }
        }
        precondition(ok != nil, "HMAC-SHA256 failed")
        return Self.hex(out.prefix(Int(length)))
    }

    /// SHA-256 (hex) of `METHOD path?query` with the query items in the order given.
    public static func resource(method: String, path: String, query: [(String, String)] = []) -> String {
        var text = method + " " + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        return sha256Hex(Array(text.utf8))
    }

    /// The key of one resource.
    public static func key(tool: String, scope: String, kind: String, resource: String) -> String {
        "hp:c:\(tool):\(scope):\(kind):\(resource)"
    }

    /// The prefix every key of `tool` starts with.
    public static func toolPrefix(_ tool: String) -> String { "hp:c:\(tool):" }

    /// The short lock that guards the fetch of `key` across pods.
    public static func lockKey(_ key: String) -> String { "hp:lock:" + key }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { data in
            EVP_Digest(data.baseAddress, data.count, &out, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "SHA-256 failed")
        return hex(out.prefix(Int(length)))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
