import Hummingbird

/// Recognises admin requests: `Authorization: Bearer <server.admin_token>`, compared in constant
/// time so the token cannot be guessed byte by byte from response times.
struct AdminToken: Sendable {
    let token: String

    /// Whether `request` carries the token; always false when no token is configured.
    func admits(_ request: Request) -> Bool {
        guard !token.isEmpty, let header = request.headers[.authorization] else { return false }
        let prefix = "Bearer "
        guard header.hasPrefix(prefix) else { return false }
        return Self.equal(Array(header.utf8.dropFirst(prefix.utf8.count)), Array(token.utf8))
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
