/// Building request URLs: a tool's base URL plus a path, or an absolute pagination link, with
/// percent-encoded query items.
enum UpstreamURL {
    /// `path` appended to `baseURL`, or `path` itself when it is an absolute http(s) URL on the
    /// same origin as `baseURL` (a pagination link). Links to other origins return nil: the
    /// tool's credentials must never be sent elsewhere.
    static func resolve(_ path: String, baseURL: String, query: [(String, String)]) -> String? {
        var url: String
        if isAbsolute(path) {
            guard let linkOrigin = origin(of: path), linkOrigin == origin(of: baseURL) else { return nil }
            url = path
        } else {
            var base = Substring(baseURL)
            while base.hasSuffix("/") { base = base.dropLast() }
            url = String(base) + (path.hasPrefix("/") ? path : "/" + path)
        }
        if !query.isEmpty {
            let items = query.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
            url += (url.contains("?") ? "&" : "?") + items
        }
        return url
    }

    static func isAbsolute(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// `scheme://host[:port]`, lower-cased, or nil when `url` is not absolute.
    static func origin(of url: String) -> String? {
        guard isAbsolute(url), let schemeEnd = url.range(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        return url[..<authorityEnd].lowercased()
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `+`, `&`, `=`, spaces
    /// and `:` in GitHub search queries or JQL arrive as written).
    static func percentEncode(_ text: String) -> String {
        let hex: [Character] = Array("0123456789ABCDEF")
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
