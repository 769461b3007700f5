import Schema

extension ToolCache {
    /// The second level of a DataLoader: the items of `ids` (as JSON values) with one store
    /// lookup for the whole batch; the missing ones from one call of `fetch`, written back in
    /// one store write. Ids `fetch` does not answer are absent from the result.
    ///
    /// `fetch` throws untyped (only `UpstreamError`s in practice): an escaping async closure with
    /// a typed error corrupted its arguments in release builds of Swift 6.3 (a crash in the
    /// GitHub reviews batch under `-O`), which the untyped form avoids.
    func items(_ kind: CacheKind, ids: [String], deadline: ContinuousClock.Instant,
               fetch: @escaping @Sendable ([String]) async throws -> [String: Value]) async throws(UpstreamError) -> [String: Value] {
        let tool = tool
        @Sendable func fetchTyped(_ ids: [String]) async throws(UpstreamError) -> [String: Value] {
            do {
                return try await fetch(ids)
            } catch let error as UpstreamError {
                throw error
            } catch {
                throw UpstreamError(code: .badResponse, tool: tool, message: "The tool's items could not be loaded.")
            }
        }
        guard isCaching(kind) else {
            SourceStatusRecorder.current?.noteUncached()
            return try await fetchTyped(ids)
        }
        var idOfKey: [String: String] = [:]
        var keys: [String] = []
        for id in ids {
            let key = key(kind, resource: CacheKeys.resource(method: "ITEM", path: id))
            idOfKey[key] = id
            keys.append(key)
        }
        let lookup = idOfKey
        let entries = try await resolve(kind: kind, keys: keys, deadline: deadline) { missing, _ async throws(UpstreamError) in
            let values = try await fetchTyped(missing.compactMap { lookup[$0] })
            var out: [String: CacheEntry] = [:]
            for key in missing {
                guard let id = lookup[key], let value = values[id] else { continue }
                out[key] = self.entry(body: JSONSerializer.serialize(value), kind: kind)
            }
            return out
        }
        var out: [String: Value] = [:]
        for (key, entry) in entries {
            guard let id = idOfKey[key] else { continue }
            out[id] = try parsed.value(of: entry, key: key) { body throws(UpstreamError) in try ToolHTTP.parse(body, tool: tool) }
        }
        return out
    }
}
