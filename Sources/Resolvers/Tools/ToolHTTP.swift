import Schema

/// One tool's HTTP access as the connectors use it: GETs go through the response cache (keyed
/// by tool, credential fingerprint and URL), other methods straight to the tool.
struct ToolHTTP: Sendable {
    let client: UpstreamClient
    let cache: any ResponseCache
    let ttl: Duration
    /// What the cache key's credential fingerprint is computed from.
    let credential: String
    let observer: (any UpstreamObserver)?

    var tool: String { client.tool }

    /// GET `path` and parse the body as JSON; cached for `ttl`.
    func get(_ path: String, query: [(String, String)] = [],
             deadline: ContinuousClock.Instant) async throws(UpstreamError) -> (Value, UpstreamResponse) {
        let key = ResponseCacheKey.make(tool: tool, credential: credential, path: path, query: query)
        if let cached = await cache.response(for: key) {
            observer?.cacheLookup(tool: tool, hit: true)
            return (try parse(cached.body), cached)
        }
        observer?.cacheLookup(tool: tool, hit: false)
        let response = try await client.send("GET", path, query: query, deadline: deadline)
        let value = try parse(response.body)
        await cache.store(response, for: key, ttl: ttl)
        return (value, response)
    }

    /// POST a JSON body and parse the JSON answer (never cached).
    func post(_ path: String, body: Value, deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Value {
        try await client.json("POST", path, body: body, deadline: deadline).0
    }

    private func parse(_ body: [UInt8]) throws(UpstreamError) -> Value {
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
