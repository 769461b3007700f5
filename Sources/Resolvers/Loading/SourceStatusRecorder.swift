import Schema
import Synchronization

/// What one request learnt about where its tool data came from.
///
/// - For the response's `extensions.sources`: a tool is listed when some of its data was
///   served stale (from a retained cache entry, because the tool failed or its quota is below
///   the floor), as `{status: "stale", ageSeconds: N}` with the age of the oldest such entry,
///   or when an admin override switched it off and a field asked for it, as
///   `{status: "disabled"}`. Tools answered normally are omitted.
/// - For reusing the whole response (`ToolRuntime.responseValidity(of:)`): until when every
///   cache entry it read stays fresh, whether some data bypassed the cache, and which version
///   of the quota ledger `Query.rateLimits` showed.
///
/// The recorder of the running request is a task local (`current`), bound by the tool
/// resolvers and the request's DataLoaders, so the cache layer finds it without every call
/// passing it along.
public final class SourceStatusRecorder: Sendable {
    @TaskLocal static var current: SourceStatusRecorder?

    struct State {
        var stale: [String: Int] = [:]
        /// Tools asked for while an override switched them off.
        var disabled: Set<String> = []
        /// Tools asked for by a caller who has not connected them (`TOOL_NOT_CONNECTED`).
        var unconnected: Set<String> = []
        /// The earliest `freshUntil` (Unix seconds) of the cache entries read.
        var freshUntil = Double.infinity
        /// Some tool data came straight from the tool (its kind is not cached).
        var uncached = false
        /// The ledger version `Query.rateLimits` was read at, if it was.
        var ledgerVersion: UInt64?
    }

    private let state = Mutex(State())

    public init() {}

    /// Notes that `tool`'s data includes an answer fetched `ageSeconds` ago.
    func markStale(tool: String, ageSeconds: Double) {
        let age = max(0, Int(ageSeconds.rounded(.down)))
        state.withLock { $0.stale[tool] = max($0.stale[tool] ?? 0, age) }
    }

    /// Notes that the request read cache entries fresh until `until` (Unix seconds).
    func noteFresh(until: Double) {
        state.withLock { $0.freshUntil = min($0.freshUntil, until) }
    }

    /// Notes that some of the request's data was fetched without being cached.
    func noteUncached() {
        state.withLock { $0.uncached = true }
    }

    /// Notes that the request showed the quota ledger as of `version`.
    func noteLedgerRead(version: UInt64) {
        state.withLock { s in s.ledgerVersion = min(s.ledgerVersion ?? version, version) }
    }

    /// Notes that a field of `tool` was asked for while an override switches the tool off.
    func markDisabled(tool: String) {
        _ = state.withLock { $0.disabled.insert(tool) }
    }

    /// Notes that a field of `tool` was asked for by a caller who must connect it first.
    func markNotConnected(tool: String) {
        _ = state.withLock { $0.unconnected.insert(tool) }
    }

    /// Tools served stale, with the age in seconds of their oldest stale answer.
    public var staleTools: [String: Int] { state.withLock { $0.stale } }

    var snapshot: State { state.withLock { $0 } }

    /// Tools asked for while switched off.
    public var disabledTools: Set<String> { state.withLock { $0.disabled } }

    /// `{"sources": {"<tool>": {"status": "stale", "ageSeconds": N} | {"status": "disabled"} |
    /// {"status": "not_connected"}}}`, or nothing when every tool answered normally.
    public var extensions: [(String, Value)] {
        let state = snapshot
        let tools = state.stale
        let off = state.disabled
        let unconnected = state.unconnected
        guard !tools.isEmpty || !off.isEmpty || !unconnected.isEmpty else { return [] }
        let sources = Set(tools.keys).union(off).union(unconnected).sorted().map { tool -> (String, Value) in
            if off.contains(tool) { return (tool, .object(ObjectValue([("status", .string("disabled"))]))) }
            if unconnected.contains(tool) { return (tool, .object(ObjectValue([("status", .string("not_connected"))]))) }
            return (tool, .object(ObjectValue([("status", .string("stale")), ("ageSeconds", .int(tools[tool]!))])))
        }
        return [("sources", .object(ObjectValue(sources)))]
    }
}
