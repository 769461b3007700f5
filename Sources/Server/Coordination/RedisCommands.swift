import Redis

/// Small helpers over `RedisClient` for the coordination loops.
extension Duration {
    /// Whole milliseconds (at least 1), for `PX` arguments.
    var milliseconds: Int64 {
        let c = components
        return max(1, c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
    }
}

extension RedisClient {
    /// A pipeline of string commands whose error replies throw (`.server`), like `send`.
    func checkedPipeline(_ commands: [[String]]) async throws(RedisError) -> [RedisReply] {
        let replies = try await pipeline(commands.map { $0.map { Array($0.utf8) } })
        for reply in replies {
            if case .error(let message) = reply { throw RedisError(code: .server, message: message) }
        }
        return replies
    }
}
