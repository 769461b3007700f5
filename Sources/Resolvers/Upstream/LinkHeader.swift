/// Parses an RFC 8288 `Link` header (GitHub's and GitLab's pagination) into rel → URL, e.g.
/// `<https://api.github.com/user/repos?page=2>; rel="next", <…?page=5>; rel="last"` gives
/// `["next": "https://api.github.com/user/repos?page=2", "last": "…?page=5"]`. A link with
/// several relation types (`rel="next last"`) is listed under each; the first link of a rel wins.
public func parseLinkHeader(_ value: String) -> [String: String] {
    var links: [String: String] = [:]
    var rest = Substring(value)
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { break }
        let url = String(rest[rest.index(after: open)..<close])
        // Parameters run up to the next link, i.e. the next "<" after a comma (quoted strings
        // may hold commas, so track quotes).
        var cursor = rest.index(after: close)
        var inQuotes = false
        var parametersEnd = rest.endIndex
        while cursor < rest.endIndex {
            let character = rest[cursor]
            if character == "\"" { inQuotes.toggle() }
            if character == ",", !inQuotes {
                parametersEnd = cursor
                break
            }
            cursor = rest.index(after: cursor)
        }
        for parameter in rest[rest.index(after: close)..<parametersEnd].split(separator: ";") {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<equals].trimmingWhitespace().lowercased()
            guard name == "rel" else { continue }
            var relations = parameter[parameter.index(after: equals)...].trimmingWhitespace()
            if relations.hasPrefix("\""), relations.hasSuffix("\""), relations.count >= 2 {
                relations = String(relations.dropFirst().dropLast())
            }
            for relation in relations.split(separator: " ") where links[relation.lowercased()] == nil {
                links[relation.lowercased()] = url
            }
        }
        rest = parametersEnd < rest.endIndex ? rest[rest.index(after: parametersEnd)...] : ""
    }
    return links
}
