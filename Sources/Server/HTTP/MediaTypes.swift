import Foundation

/// The media types `/graphql` answers with, and the `Accept` negotiation between them
/// (RFC 9110 §12.5.1, GraphQL-over-HTTP "Body").
enum ResponseMediaType: String, CaseIterable, Sendable {
    /// Server preference among equally acceptable types comes first: a client sending only
    /// `*/*` (curl, many libraries) gets plain JSON, as the GraphQL-over-HTTP audit expects.
    case json = "application/json"
    case graphQLResponse = "application/graphql-response+json"
    case html = "text/html"

    var contentType: String { rawValue + "; charset=utf-8" }
}

/// One media range of an `Accept` header, with its weight.
struct AcceptedRange: Equatable {
    var type: String
    var subtype: String
    var quality: Double
    /// Position in the header (earlier wins among equal weights).
    var position: Int

    /// 2 for `type/subtype`, 1 for `type/*`, 0 for `*/*`; -1 when the range does not match.
    func specificity(matching mediaType: String) -> Int {
        let parts = mediaType.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return -1 }
        if type == "*" { return subtype == "*" ? 0 : -1 }
        guard type == parts[0] else { return -1 }
        if subtype == "*" { return 1 }
        return subtype == parts[1] ? 2 : -1
    }
}

enum AcceptHeader {
    /// Parses `Accept` (several headers joined by commas). Parameters other than `q` are ignored;
    /// malformed ranges are skipped.
    static func parse(_ header: String) -> [AcceptedRange] {
        var ranges: [AcceptedRange] = []
        for (position, item) in header.split(separator: ",").enumerated() {
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first, !range.isEmpty else { continue }
            let typeParts = range.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
            guard typeParts.count == 2, !typeParts[0].isEmpty, !typeParts[1].isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2, kv[0].lowercased() == "q" {
                    quality = Double(kv[1]).map { min(max($0, 0), 1) } ?? 0
                }
            }
            ranges.append(AcceptedRange(type: typeParts[0], subtype: typeParts[1], quality: quality, position: position))
        }
        return ranges
    }

    /// The offered type the client prefers: the highest weight (taken from the most specific
    /// range matching each offer), then the more specific match, then the earlier range, then
    /// the order of `offers`. `nil` when none is acceptable. A missing or empty header accepts
    /// `missingHeaderDefault`.
    static func negotiate(_ header: String?, offers: [ResponseMediaType],
                          missingHeaderDefault: ResponseMediaType) -> ResponseMediaType? {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            return offers.contains(missingHeaderDefault) ? missingHeaderDefault : offers.first
        }
        let ranges = parse(header)
        var best: (offer: ResponseMediaType, quality: Double, specificity: Int, position: Int)?
        for offer in offers {
            var match: AcceptedRange?
            var matchSpecificity = -1
            for range in ranges {
                let s = range.specificity(matching: offer.rawValue)
                if s > matchSpecificity {
                    match = range
                    matchSpecificity = s
                }
            }
            guard let match, match.quality > 0 else { continue }
            if let b = best {
                let better = match.quality > b.quality
                    || (match.quality == b.quality && matchSpecificity > b.specificity)
                    || (match.quality == b.quality && matchSpecificity == b.specificity && match.position < b.position)
                if !better { continue }
            }
            best = (offer, match.quality, matchSpecificity, match.position)
        }
        return best?.offer
    }
}

/// Request `Content-Type` check: `/graphql` POST bodies must be `application/json` in UTF-8.
enum RequestContentType {
    /// `nil` when `header` names JSON (with no charset or a UTF-8 one), else the client message.
    static func problem(with header: String?) -> String? {
        guard let header, !header.isEmpty else {
            return "A POST request needs the header Content-Type: application/json."
        }
        let pieces = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard pieces.first == "application/json" else {
            return "Unsupported Content-Type \"\(pieces.first ?? "")\": send the request as application/json."
        }
        for parameter in pieces.dropFirst() {
            let kv = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0] == "charset" {
                let charset = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if charset != "utf-8" && charset != "utf8" {
                    return "Unsupported charset \"\(charset)\": send the request body in UTF-8."
                }
            }
        }
        return nil
    }
}
