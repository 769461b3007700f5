import Schema
import Synchronization

/// What one request learnt about where its tool data came from, for the response's
/// `extensions.sources`: a tool is listed when some of its data was served stale (from a
/// retained cache entry, because the tool failed or its quota is below the floor), as
/// `{status: "stale", ageSeconds: N}` with the age of the oldest such entry, or when an admin
/// override switched it off and a field asked for it, as `{status: "disabled"}`. Tools
/// answered normally are omitted.
///
/// The recorder of the running request is a task local (`current`), bound by the tool
/// resolvers, so the cache layer finds it without every call passing it along.
public final class SourceStatusRecorder: Sendable {
    @TaskLocal static var current: SourceStatusRecorder?

    private let stale = Mutex<[String: Int]>([:])
    private let disabled = Mutex<Set<String>>([])

    public init() {}

    /// Notes that `tool`'s data includes an answer fetched `ageSeconds` ago.
    func markStale(tool: String, ageSeconds: Double) {
        let age = max(0, Int(ageSeconds.rounded(.down)))
        stale.withLock { $0[tool] = max($0[tool] ?? 0, age) }
    }

    /// Notes that a field of `tool` was asked for while an override switches the tool off.
    func markDisabled(tool: String) {
        _ = disabled.withLock { $0.insert(tool) }
    }

    /// Tools served stale, with the age in seconds of their oldest stale answer.
    public var staleTools: [String: Int] { stale.withLock { $0 } }

    /// Tools asked for while switched off.
    public var disabledTools: Set<String> { disabled.withLock { $0 } }

    /// `{"sources": {"<tool>": {"status": "stale", "ageSeconds": N} | {"status": "disabled"}}}`,
    /// or nothing when every tool answered normally.
    public var extensions: [(String, Value)] {
        let tools = staleTools
        let off = disabledTools
        guard !tools.isEmpty || !off.isEmpty else { return [] }
        let sources = Set(tools.keys).union(off).sorted().map { tool -> (String, Value) in
            if off.contains(tool) { return (tool, .object(ObjectValue([("status", .string("disabled"))]))) }
            return (tool, .object(ObjectValue([("status", .string("stale")), ("ageSeconds", .int(tools[tool]!))])))
        }
        return [("sources", .object(ObjectValue(sources)))]
    }
}
