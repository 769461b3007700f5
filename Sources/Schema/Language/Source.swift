/// A GraphQL document's text, kept as UTF-8 bytes so the lexer can scan it without
/// Unicode-grapheme overhead, plus a name used in error messages (a file path or "request").
public struct Source: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Byte offsets at which each line starts; computed once, used to turn offsets into line/column.
    private let lineStarts: [Int]

    public init(_ text: String, name: String = "GraphQL request") {
        self.init(bytes: Array(text.utf8), name: name)
    }

    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, as the spec's
    /// `SourceCharacter` does.
    public func location(of offset: Int) -> SourceLocation {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            // Count only bytes that begin a scalar (not UTF-8 continuation bytes).
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: lo + 1, column: column)
    }
}

/// A 1-based line and column in a `Source`.
public struct SourceLocation: Sendable, Hashable, Codable {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The byte range `[start, end)` a syntax node spans in its source.
///
/// Locations never take part in AST equality: two documents that differ only in layout are
/// equal, which is what makes `parse(print(ast)) == ast` a meaningful round-trip check.
public struct Location: Sendable, Equatable {
    public let start: Int
    public let end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public static let none = Location(start: 0, end: 0)
    public static func == (lhs: Location, rhs: Location) -> Bool { true }
}
