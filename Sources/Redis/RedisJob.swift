/// One call from an async caller for a pool thread: the commands of a pipeline (a single
/// command is a pipeline of one) and how to hand the replies back (a continuation's resume).
struct RedisJob: Sendable {
    let commands: [[[UInt8]]]
    let complete: @Sendable (Result<[RedisReply], RedisError>) -> Void
}
