/// Where GET responses of tools are kept between requests for a short time.
///
/// Keys are built by `ResponseCacheKey` from the tool, a fingerprint of the credential and the
/// URL, so an answer fetched with one token is only ever served to callers using the same one.
/// The in-process `MemoryResponseCache` is the default; a shared implementation (Redis) can take
/// its place without the connectors noticing.
public protocol ResponseCache: Sendable {
    /// The response stored under `key`, if it has not expired.
    func response(for key: String) async -> UpstreamResponse?
    /// Stores `response` under `key` for `ttl`.
    func store(_ response: UpstreamResponse, for key: String, ttl: Duration) async
}

/// Builds response cache keys.
public enum ResponseCacheKey {
    /// `tool|credential fingerprint|URL with its query`. The fingerprint is a 64-bit FNV-1a hash
    /// of the credential: stable, short, and not the credential.
    public static func make(tool: String, credential: String, path: String, query: [(String, String)]) -> String {
        var key = "\(tool)|\(fingerprint(credential))|\(path)"
        if !query.isEmpty {
            key += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        return key
    }

    public static func fingerprint(_ secret: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in secret.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
