/// A Redis call that did not produce a reply, or produced an error reply.
///
/// `message` never holds the password of the URL nor the values of a command: it is the
/// library's or the server's own text (`Connection refused`, `WRONGTYPE …`), safe to log.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The URL given to `RedisConfiguration` is not `redis://[:password@]host[:port][/db]`.
        case invalidURL = "REDIS_INVALID_URL"
        /// No connection: the server refused or did not answer within the connect timeout, the
        /// connection broke, the client is shut down, or it is backing off after a failed dial.
        case connectionFailed = "REDIS_CONNECTION_FAILED"
        /// The server did not answer within the command timeout (the connection is dropped).
        case timeout = "REDIS_TIMEOUT"
        /// The bytes from the server were not valid RESP.
        case protocolError = "REDIS_PROTOCOL_ERROR"
        /// The server answered with an error reply (`-ERR …`, `-WRONGTYPE …`, `-NOAUTH …`).
        case server = "REDIS_SERVER_ERROR"
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func connectionFailed(_ message: String) -> RedisError {
        RedisError(code: .connectionFailed, message: message)
    }
}
