import Foundation

/// Where and how to reach Redis: `redis://[[user]:password@]host[:port][/db]`.
///
/// - `poolSize`: connections (each with its own thread) that run commands; default 4.
/// - `connectTimeout`: how long a dial may take before the command fails with
///   `.connectionFailed`; default 1 s.
/// - `commandTimeout`: how long to wait for the server's reply (per socket read) before the
///   command fails with `.timeout` and the connection is dropped; default 1 s.
///
/// The password is kept for `AUTH` only: it is never part of `description` nor of an error.
public struct RedisConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The ACL user (Redis 6+), when the URL names one.
    public var username: String?
    /// The logical database (`SELECT`), 0 by default.
    public var database: Int
    public var poolSize: Int
    public var connectTimeout: Duration
    public var commandTimeout: Duration
    var password: String?

    public init(url: String, poolSize: Int = 4, connectTimeout: Duration = .seconds(1),
                commandTimeout: Duration = .seconds(1)) throws(RedisError) {
        guard poolSize >= 1 else { throw Self.invalid("the pool size must be at least 1") }
        guard connectTimeout > .zero, commandTimeout > .zero else {
            throw Self.invalid("timeouts must be positive")
        }
        let parsed = try RedisURL(url)
        host = parsed.host
        port = parsed.port
        username = parsed.username
        password = parsed.password
        database = parsed.database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// Whether the URL carried a password (the password itself is not readable).
    public var hasPassword: Bool { password != nil }

    /// `redis://host:port/db`, with `***` in place of the credentials.
    public var description: String {
        let auth = password == nil ? "" : "\(username ?? ""):***@"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "redis://\(auth)\(shownHost):\(port)/\(database)"
    }

    static func invalid(_ reason: String) -> RedisError {
        RedisError(code: .invalidURL, message: reason)
    }
}

/// The parts of a `redis://` URL. Errors name the faulty part, never echo the URL (it may hold
/// a password).
struct RedisURL {
    var host: String
    var port = 6379
    var username: String?
    var password: String?
    var database = 0

    init(_ url: String) throws(RedisError) {
        let scheme = "redis://"
        guard url.lowercased().hasPrefix(scheme) else {
            throw RedisConfiguration.invalid("the URL must start with redis://")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        // The userinfo ends at the last "@" before the path, so a password may hold "/" or "@".
        let authorityEnd = rest.lastIndex(of: "@").map { at in rest[at...].firstIndex(of: "/") ?? rest.endIndex }
            ?? rest.firstIndex(of: "/") ?? rest.endIndex
        let path = rest[authorityEnd...].dropFirst()
        rest = rest[..<authorityEnd]
        if !path.isEmpty {
            guard let db = Int(path), db >= 0 else {
                throw RedisConfiguration.invalid("the database after / must be a non-negative integer")
            }
            database = db
        }
        if let at = rest.lastIndex(of: "@") {
            let userinfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                let user = userinfo[..<colon]
                username = user.isEmpty ? nil : try Self.decode(user, part: "user")
                password = try Self.decode(userinfo[userinfo.index(after: colon)...], part: "password")
            } else if !userinfo.isEmpty {
                // `redis://secret@host`: a bare userinfo is the password (as redis-cli reads it).
                password = try Self.decode(userinfo, part: "password")
            }
        }
        var hostPart = rest
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw RedisConfiguration.invalid("an IPv6 host must be closed with ]")
            }
            host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            hostPart = hostPart[hostPart.index(after: close)...]
            if !hostPart.isEmpty {
                guard hostPart.first == ":" else { throw RedisConfiguration.invalid("unexpected text after the host") }
                port = try Self.port(hostPart.dropFirst())
            }
        } else if let colon = hostPart.lastIndex(of: ":") {
            host = String(hostPart[..<colon])
            port = try Self.port(hostPart[hostPart.index(after: colon)...])
        } else {
            host = String(hostPart)
        }
        guard !host.isEmpty else { throw RedisConfiguration.invalid("the URL has no host") }
    }

    private static func port(_ text: Substring) throws(RedisError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw RedisConfiguration.invalid("the port must be a number from 1 to 65535")
        }
        return port
    }

    private static func decode(_ text: Substring, part: String) throws(RedisError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw RedisConfiguration.invalid("the \(part) is not valid percent-encoding")
        }
        return decoded
    }
}
