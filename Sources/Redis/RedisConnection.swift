import CHiredis
import Foundation

/// One hiredis synchronous connection. Confined to the thread that opened it: it is used by
/// exactly one pool thread (or one subscription thread) and never shared, so it needs no lock.
/// Every call blocks that thread, never a Swift concurrency executor.
///
/// After any I/O, timeout or protocol error hiredis's context is unusable (a late reply would
/// be read as the answer to the next command), so `isBroken` turns true and the owner drops it.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>
    private(set) var isBroken = false

    /// Dials, sets the command timeout and TCP keep-alive, then sends `AUTH` and `SELECT` from
    /// the configuration.
    init(configuration: RedisConfiguration) throws(RedisError) {
        guard let context = redisConnectWithTimeout(configuration.host, Int32(configuration.port),
                                                    Self.timeval(configuration.connectTimeout)) else {
            throw .connectionFailed("cannot allocate a hiredis context")
        }
        if context.pointee.err != 0 {
            let reason = Self.errorText(context)
            redisFree(context)
            throw .connectionFailed("cannot connect to \(configuration.host):\(configuration.port): \(reason)")
        }
        self.context = context
        _ = redisEnableKeepAlive(context)
        try setReadTimeout(configuration.commandTimeout)
        var handshake: [[[UInt8]]] = []
        if let password = configuration.password {
            var auth = ["AUTH"]
            if let user = configuration.username { auth.append(user) }
            auth.append(password)
            handshake.append(auth.map { Array($0.utf8) })
        }
        if configuration.database != 0 {
            handshake.append([Array("SELECT".utf8), Array(String(configuration.database).utf8)])
        }
        guard !handshake.isEmpty else { return }
        let replies = try run(handshake)
        for reply in replies {
            if case .error(let text) = reply {
                isBroken = true
                // The server's text (`WRONGPASS …`, `ERR DB index is out of range`) never holds the password.
                throw RedisError(code: .server, message: "handshake refused: \(text)")
            }
        }
    }

    deinit { redisFree(context) }

    /// The socket, for `poll` and for `shutdown` from another thread (subscription cancel).
    var fileDescriptor: Int32 { context.pointee.fd }

    /// Sets how long one socket read or write may wait; `nil` waits forever (subscriptions).
    func setReadTimeout(_ timeout: Duration?) throws(RedisError) {
        let tv = timeout.map(Self.timeval) ?? Foundation.timeval(tv_sec: 0, tv_usec: 0)
        if redisSetTimeout(context, tv) != REDIS_OK {
            isBroken = true
            throw .connectionFailed("cannot set the socket timeout: \(Self.errorText(context))")
        }
    }

    /// Sends every command in one write, then reads one reply per command (pipelining).
    /// Error replies are returned as `.error`; connection-level failures throw.
    func run(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        guard !isBroken else { throw .connectionFailed("the connection is broken") }
        for command in commands {
            try append(command)
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            replies.append(try readReply())
        }
        return replies
    }

    /// Queues one command in hiredis's output buffer (nothing is written yet).
    func append(_ command: [[UInt8]]) throws(RedisError) {
        // One contiguous buffer holds every argument; argv points into it. The extra byte keeps
        // the buffer non-empty so its base address exists even when every argument is empty.
        var flat: [UInt8] = []
        flat.reserveCapacity(command.reduce(1) { $0 + $1.count })
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in command {
            offsets.append(flat.count)
            lengths.append(argument.count)
            flat.append(contentsOf: argument)
        }
        flat.append(0)
        let status = flat.withUnsafeBufferPointer { buffer -> Int32 in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return argv.withUnsafeMutableBufferPointer { argvBuffer in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    redisAppendCommandArgv(context, Int32(command.count), argvBuffer.baseAddress,
                                           lengthBuffer.baseAddress)
                }
            }
        }
        if status != REDIS_OK {
            isBroken = true
            throw .connectionFailed("cannot queue a command: \(Self.errorText(context))")
        }
    }

    /// Flushes the output buffer if needed and blocks until one reply has been read.
    func readReply() throws(RedisError) -> RedisReply {
        var raw: UnsafeMutableRawPointer?
        let status = redisGetReply(context, &raw)
        let savedErrno = errno
        guard status == REDIS_OK, let raw else {
            isBroken = true
            throw contextError(errno: savedErrno)
        }
        defer { freeReplyObject(raw) }
        return Self.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// True when the idle socket has something to read: on a request/response connection that
    /// means the server closed it (EOF) or sent something nobody asked for. Either way the
    /// connection must not be used.
    func isReadableWhileIdle() -> Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        return ready != 0
    }

    private func contextError(errno savedErrno: Int32) -> RedisError {
        let text = Self.errorText(context)
        switch context.pointee.err {
        // A socket read that hit SO_RCVTIMEO fails with EAGAIN; hiredis keeps strerror's text.
        case REDIS_ERR_IO where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK
            || text == String(cString: strerror(EAGAIN)):
            return RedisError(code: .timeout, message: "no reply within the command timeout")
        case REDIS_ERR_PROTOCOL:
            return RedisError(code: .protocolError, message: text)
        case REDIS_ERR_EOF:
            return .connectionFailed("the server closed the connection")
        default:
            return .connectionFailed(text.isEmpty ? "the connection failed" : text)
        }
    }

    static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            return .bulk(bytes(r.str, r.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: bytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(r.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(r.elements)
            for index in 0..<r.elements {
                if let element = r.element[index] { elements.append(convert(element)) } else { elements.append(.null) }
            }
            return .array(elements)
        default:
            return .null
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func timeval(_ duration: Duration) -> Foundation.timeval {
        let (seconds, attoseconds) = duration.components
        let micro = attoseconds / 1_000_000_000_000
        // A zero timeval means "no timeout" to the socket layer: keep at least 1 µs.
        if seconds == 0 && micro == 0 { return Foundation.timeval(tv_sec: 0, tv_usec: 1) }
        return Foundation.timeval(tv_sec: Int(seconds), tv_usec: Int(micro))
    }
}
