import Foundation
import Schema

/// The opaque cursor of a (possibly merged) list: base64 of a small JSON document holding,
/// per source, the tool's page token and the index of the next record in that page, plus the
/// page size the tokens were issued for and a fingerprint of the list's arguments.
struct ListCursor: Codable, Equatable, Sendable {
    /// Format version.
    var v = 1
    /// Upstream page size the tokens belong to.
    var n: Int
    /// Fingerprint of the list (field and filter arguments): a cursor only pages its own list.
    var f: String
    /// Position per source key; a source that is absent has not been read yet.
    var s: [String: SourcePosition]

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString()
    }

    static func decode(_ text: String, list: String) throws(GraphQLFieldError) -> ListCursor {
        guard let data = Data(base64Encoded: text),
              let cursor = try? JSONDecoder().decode(ListCursor.self, from: data),
              cursor.v == 1, cursor.n >= 1, cursor.n <= 100
        else {
            throw GraphQLFieldError("The cursor is not valid.", code: "BAD_USER_INPUT")
        }
        guard cursor.f == list else {
            throw GraphQLFieldError("The cursor belongs to another list or other arguments.", code: "BAD_USER_INPUT")
        }
        return cursor
    }
}

/// Where reading a source continues: page `t` (nil: the first page), record `i` of it.
struct SourcePosition: Codable, Equatable, Sendable {
    var t: String?
    var i: Int
    /// True when the source has been read to its end.
    var d: Bool?

    static let start = SourcePosition(t: nil, i: 0, d: nil)
    static let end = SourcePosition(t: nil, i: 0, d: true)
    var isEnd: Bool { d == true }
}
