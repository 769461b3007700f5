import Schema
import Synchronization

/// What one request learnt about where its tool data came from, for the response's
/// `extensions.sources`: a tool is listed only when some of its data was served stale (from a
/// retained cache entry, because the tool failed or its quota is below the floor), as
/// `{status: "stale", ageSeconds: N}` with the age of the oldest such entry. Tools answered
/// normally are omitted.
///
/// The recorder of the running request is a task local (`current`), bound by the tool
/// resolvers, so the cache layer finds it without every call passing it along.
public final class SourceStatusRecorder: Sendable {
    @TaskLocal static var current: SourceStatusRecorder?

    private let stale = Mutex<[String: Int]>([:])

    public init() {}

    /// Notes that `tool`'s data includes an answer fetched `ageSeconds` ago.
    func markStale(tool: String, ageSeconds: Double) {
        let age = max(0, Int(ageSeconds.rounded(.down)))
        stale.withLock { $0[tool] = max($0[tool] ?? 0, age) }
    }

    /// Tools served stale, with the age in seconds of their oldest stale answer.
    public var staleTools: [String: Int] { stale.withLock { $0 } }

    /// `{"sources": {"<tool>": {"status": "stale", "ageSeconds": N}}}`, or nil when nothing was
    /// stale.
    public var extensions: [(String, Value)] {
        let tools = staleTools
        guard !tools.isEmpty else { return [] }
        let sources = tools.keys.sorted().map { tool in
            (tool, Value.object(ObjectValue([("status", .string("stale")), ("ageSeconds", .int(tools[tool]!))])))
        }
        return [("sources", .object(ObjectValue(sources)))]
    }
}
