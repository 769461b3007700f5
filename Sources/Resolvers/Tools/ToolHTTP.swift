import Schema

/// One tool's HTTP access as the connectors use it: GETs of a `CacheKind` go through the
/// tool's `ToolCache` (fresh answers reused, expired ones revalidated with
/// `If-None-Match`/`If-Modified-Since`, stale ones served when the tool fails); GETs without
/// a kind (the DataLoaders' upstream calls, cached per item instead) and other methods go
/// straight to the tool.
struct ToolHTTP: Sendable {
    let client: UpstreamClient
    let cache: ToolCache
    let observer: (any UpstreamObserver)?

    var tool: String { client.tool }

    /// Response headers kept with a cached body: validators and what the connectors page with.
    static let keptHeaders: Set<String> = [
        "etag", "last-modified", "link", "x-next-page", "x-prev-page", "x-page", "x-per-page", "x-total", "x-total-pages",
    ]

    /// GET `path` and parse the body as JSON; cached as `kind` (nil: not cached).
    func get(_ path: String, query: [(String, String)] = [], kind: CacheKind?,
             deadline: ContinuousClock.Instant) async throws(UpstreamError) -> (Value, UpstreamResponse) {
        guard let kind, cache.isCaching(kind) else {
            // Without a kind this is a DataLoader's call, whose items the loader caches.
            if kind != nil { SourceStatusRecorder.current?.noteUncached() }
            let response = try await client.send("GET", path, query: query, deadline: deadline)
            return (try parse(response.body), response)
        }
        let key = cache.key(kind, resource: CacheKeys.resource(method: "GET", path: path, query: query))
        let client = client, cache = cache, observer = observer, tool = tool
        let entries = try await cache.resolve(kind: kind, keys: [key], deadline: deadline) { _, retained async throws(UpstreamError) in
            let old = retained[key]
            var conditions: [(name: String, value: String)] = []
            if let etag = old?.header("etag") { conditions.append((name: "If-None-Match", value: etag)) }
            if let modified = old?.header("last-modified") { conditions.append((name: "If-Modified-Since", value: modified)) }
            let response = try await client.send("GET", path, query: query, headers: conditions, costKind: kind.name,
                                                 deadline: deadline)
            if response.status == 304, let old {
                observer?.cacheRevalidated(tool: tool)
                return [key: cache.refreshed(old, kind: kind)]
            }
            // A body that is not JSON is an error now, never a cached answer.
            _ = try Self.parse(response.body, tool: tool)
            let headers = response.headers.filter { Self.keptHeaders.contains($0.name) }
            return [key: cache.entry(body: response.body, headers: headers, kind: kind)]
        }
        guard let entry = entries[key] else { throw unexpected("no answer") }
        let value = try cache.parsed.value(of: entry, key: key) { body throws(UpstreamError) in try Self.parse(body, tool: tool) }
        return (value, UpstreamResponse(status: 200, headers: entry.headers, body: entry.body))
    }

    /// POST a JSON body and parse the JSON answer. A read-only POST (Jira's JQL search) is
    /// cached as `kind`, keyed by the SHA-256 of path and body; nil: never cached.
    func post(_ path: String, body: Value, kind: CacheKind? = nil,
              deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Value {
        guard let kind, cache.isCaching(kind) else {
            // Without a kind this is a DataLoader's call, whose items the loader caches.
            if kind != nil { SourceStatusRecorder.current?.noteUncached() }
            return try await client.json("POST", path, body: body, deadline: deadline).0
        }
        let bytes = JSONSerializer.serialize(body)
        let key = cache.key(kind, resource: CacheKeys.resource(method: "POST", path: path + "\n" + String(decoding: bytes, as: UTF8.self)))
        let client = client, cache = cache, tool = tool
        let entries = try await cache.resolve(kind: kind, keys: [key], deadline: deadline) { _, _ async throws(UpstreamError) in
            let response = try await client.send("POST", path, body: bytes, costKind: kind.name, deadline: deadline)
            _ = try Self.parse(response.body, tool: tool)
            return [key: cache.entry(body: response.body, kind: kind)]
        }
        guard let entry = entries[key] else { throw unexpected("no answer") }
        return try cache.parsed.value(of: entry, key: key) { body throws(UpstreamError) in try Self.parse(body, tool: tool) }
    }

    private func parse(_ body: [UInt8]) throws(UpstreamError) -> Value {
        try Self.parse(body, tool: tool)
    }

    static func parse(_ body: [UInt8], tool: String) throws(UpstreamError) -> Value {
        do {
            return try JSONParser.parse(bytes: body)
        } catch {
            throw UpstreamError(code: .badResponse, tool: tool, message: "The tool answered with a body that is not JSON.")
        }
    }

    /// The error for a JSON answer that lacks what the API documents.
    func unexpected(_ what: String) -> UpstreamError {
        UpstreamError(code: .badResponse, tool: tool, message: "The tool's answer has an unexpected shape (\(what)).")
    }
}

/// A path segment with `/` and other reserved characters percent-encoded (GitLab project
/// paths such as `group/name` used as ids).
func pathSegment(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}
