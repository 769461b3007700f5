/// A syntax error located at a byte offset of `source`, in graphql-js's wording ("Syntax Error: …").
func syntaxError(_ source: Source, at offset: Int, _ description: String) -> GraphQLError {
    GraphQLError(message: "Syntax Error: " + description, source: source,
                 at: [Location(start: offset, end: offset)], code: .parseFailed)
}

/// Reads tokens from a source's UTF-8 bytes (spec section 2.1, "Source Text" and "Lexical Tokens").
///
/// The lexer is lazy: each call to `nextToken()` scans just far enough to produce one token, so a
/// parser that gives up early (a syntax error, the token limit) never looks at the rest of the input.
/// It never builds `Character`s: ASCII is handled byte by byte and only non-ASCII bytes are decoded.
struct Lexer {
    let source: Source
    let bytes: [UInt8]
    /// Offset at which scanning for the next token starts.
    private(set) var position: Int = 0

    init(source: Source) {
        self.source = source
        self.bytes = source.bytes
    }

    /// The next significant token; comments and ignored tokens are skipped. At the end of the
    /// input this returns `<EOF>` tokens forever.
    mutating func nextToken() throws(GraphQLError) -> Token {
        while true {
            let token = try readToken()
            if token.kind != .comment { return token }
        }
    }

    /// The token after the next one would be, without consuming anything.
    func lookahead() throws(GraphQLError) -> Token {
        var copy = self
        return try copy.nextToken()
    }

    // MARK: - Scanning

    /// The byte at `i`, or -1 past the end (so number and escape scanning can treat the end like any
    /// other non-matching character).
    @inline(__always)
    func code(at i: Int) -> Int {
        i < bytes.count ? Int(bytes[i]) : -1
    }

    /// Reads the next token, comments included.
    mutating func readToken() throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = position
        while p < count {
            let b = bytes[p]
            switch b {
            // Ignored tokens: white space, line terminators, commas.
            case 0x20, 0x09, 0x2C, 0x0A, 0x0D:
                p += 1
                continue
            // Unicode BOM (U+FEFF, EF BB BF), ignored like white space.
            case 0xEF where p + 2 < count && bytes[p + 1] == 0xBB && bytes[p + 2] == 0xBF:
                p += 3
                continue
            case UInt8(ascii: "#"):
                return readComment(start: p)
            case UInt8(ascii: "!"): return punctuator(.bang, at: p)
            case UInt8(ascii: "$"): return punctuator(.dollar, at: p)
            case UInt8(ascii: "&"): return punctuator(.amp, at: p)
            case UInt8(ascii: "("): return punctuator(.parenL, at: p)
            case UInt8(ascii: ")"): return punctuator(.parenR, at: p)
            case UInt8(ascii: ":"): return punctuator(.colon, at: p)
            case UInt8(ascii: "="): return punctuator(.equals, at: p)
            case UInt8(ascii: "@"): return punctuator(.at, at: p)
            case UInt8(ascii: "["): return punctuator(.bracketL, at: p)
            case UInt8(ascii: "]"): return punctuator(.bracketR, at: p)
            case UInt8(ascii: "{"): return punctuator(.braceL, at: p)
            case UInt8(ascii: "|"): return punctuator(.pipe, at: p)
            case UInt8(ascii: "}"): return punctuator(.braceR, at: p)
            case UInt8(ascii: "."):
                if code(at: p + 1) == 0x2E && code(at: p + 2) == 0x2E {
                    position = p + 3
                    return Token(kind: .spread, start: p, end: p + 3)
                }
                throw unexpectedCharacter(at: p)
            case UInt8(ascii: "\""):
                if code(at: p + 1) == 0x22 && code(at: p + 2) == 0x22 {
                    return try readBlockString(start: p)
                }
                return try readString(start: p)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try readNumber(start: p)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
                return readName(start: p)
            default:
                throw unexpectedCharacter(at: p)
            }
        }
        position = count
        return Token(kind: .eof, start: count, end: count)
    }

    @inline(__always)
    private mutating func punctuator(_ kind: TokenKind, at p: Int) -> Token {
        position = p + 1
        return Token(kind: kind, start: p, end: p + 1)
    }

    /// `# …` up to (not including) a line terminator. A comment also stops before a character that
    /// is not a Unicode scalar value, which the next token read then reports.
    private mutating func readComment(start: Int) -> Token {
        let count = bytes.count
        var p = start + 1
        while p < count {
            let b = bytes[p]
            if b == 0x0A || b == 0x0D { break }
            if b < 0x80 {
                p += 1
            } else {
                let length = scalarLength(at: p)
                if length == 0 { break }
                p += length
            }
        }
        position = p
        return Token(kind: .comment, start: start, end: p, value: text(start + 1, p))
    }

    /// `Name :: NameStart NameContinue*` (ASCII letters, digits and `_`).
    private mutating func readName(start: Int) -> Token {
        let count = bytes.count
        var p = start + 1
        while p < count && isNameContinue(bytes[p]) { p += 1 }
        position = p
        return Token(kind: .name, start: start, end: p, value: text(start, p))
    }

    /// `IntValue` / `FloatValue` (spec 2.9.1, 2.9.2): an optional minus, no leading zeros, an
    /// optional fraction and exponent, each with at least one digit; a number may not be followed
    /// directly by `.` or a name start.
    private mutating func readNumber(start: Int) throws(GraphQLError) -> Token {
        var p = start
        var c = code(at: p)
        var isFloat = false
        if c == 0x2D {
            p += 1
            c = code(at: p)
        }
        if c == 0x30 {
            p += 1
            c = code(at: p)
            if isDigit(c) {
                throw syntaxError(source, at: p, "Invalid number, unexpected digit after 0: \(describeCharacter(at: p)).")
            }
        } else {
            p = try readDigits(from: p)
            c = code(at: p)
        }
        if c == 0x2E {
            isFloat = true
            p = try readDigits(from: p + 1)
            c = code(at: p)
        }
        if c == 0x45 || c == 0x65 {
            isFloat = true
            p += 1
            c = code(at: p)
            if c == 0x2B || c == 0x2D { p += 1 }
            p = try readDigits(from: p)
            c = code(at: p)
        }
        if c == 0x2E || (c >= 0 && isNameStart(UInt8(c))) {
            throw syntaxError(source, at: p, "Invalid number, expected digit but got: \(describeCharacter(at: p)).")
        }
        position = p
        return Token(kind: isFloat ? .float : .int, start: start, end: p, value: text(start, p))
    }

    /// One or more digits starting at `start`; returns the offset after the last one.
    private func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard isDigit(code(at: start)) else {
            throw syntaxError(source, at: start, "Invalid number, expected digit but got: \(describeCharacter(at: start)).")
        }
        var p = start + 1
        while isDigit(code(at: p)) { p += 1 }
        return p
    }

    /// `"…"` (spec 2.9.4) with escape sequences resolved. Line terminators end the string unterminated.
    private mutating func readString(start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start + 1
        var chunkStart = p
        // Only allocated once an escape sequence is seen; escape-free strings decode their bytes directly.
        var buffer: [UInt8]? = nil
        while p < count {
            let b = bytes[p]
            if b == 0x22 {
                let value: String
                if var buf = buffer {
                    buf.append(contentsOf: bytes[chunkStart..<p])
                    value = String(decoding: buf, as: UTF8.self)
                } else {
                    value = text(chunkStart, p)
                }
                position = p + 1
                return Token(kind: .string, start: start, end: p + 1, value: value)
            }
            if b == 0x5C {
                var buf = buffer ?? []
                buf.append(contentsOf: bytes[chunkStart..<p])
                p = try readEscape(at: p, into: &buf)
                buffer = buf
                chunkStart = p
                continue
            }
            if b == 0x0A || b == 0x0D { break }
            if b < 0x80 {
                p += 1
            } else {
                let length = scalarLength(at: p)
                if length == 0 {
                    throw syntaxError(source, at: p, "Invalid character within String: \(describeCharacter(at: p)).")
                }
                p += length
            }
        }
        throw syntaxError(source, at: p, "Unterminated string.")
    }

    /// Resolves the escape sequence whose backslash is at `p`, appending its UTF-8 to `buffer`;
    /// returns the offset after the sequence.
    private func readEscape(at p: Int, into buffer: inout [UInt8]) throws(GraphQLError) -> Int {
        let c = code(at: p + 1)
        if c == UInt8(ascii: "u") {
            if code(at: p + 2) == UInt8(ascii: "{") {
                return try readVariableWidthUnicodeEscape(at: p, into: &buffer)
            }
            return try readFixedWidthUnicodeEscape(at: p, into: &buffer)
        }
        let resolved: UInt8
        switch c {
        case 0x22: resolved = 0x22
        case 0x5C: resolved = 0x5C
        case 0x2F: resolved = 0x2F
        case 0x62: resolved = 0x08  // \b
        case 0x66: resolved = 0x0C  // \f
        case 0x6E: resolved = 0x0A  // \n
        case 0x72: resolved = 0x0D  // \r
        case 0x74: resolved = 0x09  // \t
        default:
            throw syntaxError(source, at: p,
                              "Invalid character escape sequence: \"\(textSnapped(p, p + 2))\".")
        }
        buffer.append(resolved)
        return p + 2
    }

    /// `\u{X…}`: one to eight hex digits (at most twelve characters in all) naming a Unicode scalar
    /// value; surrogates may not be written this way.
    private func readVariableWidthUnicodeEscape(at p: Int, into buffer: inout [UInt8]) throws(GraphQLError) -> Int {
        // Accumulated like a 32-bit signed integer, so that too many digits turn it negative and
        // stop the scan at the same character graphql-js stops at.
        var point: Int32 = 0
        var size = 3
        while size < 12 {
            let c = code(at: p + size)
            size += 1
            if c == UInt8(ascii: "}") {
                if size < 5 || !isUnicodeScalarValue(Int(point)) { break }
                appendUTF8(UInt32(point), to: &buffer)
                return p + size
            }
            point = (point &<< 4) | Int32(hexValue(c))
            if point < 0 { break }
        }
        throw syntaxError(source, at: p, "Invalid Unicode escape sequence: \"\(textSnapped(p, p + size))\".")
    }

    /// `\uXXXX`: exactly four hex digits; a leading surrogate must be followed by an escaped
    /// trailing surrogate, the pair naming one scalar (the JSON convention).
    private func readFixedWidthUnicodeEscape(at p: Int, into buffer: inout [UInt8]) throws(GraphQLError) -> Int {
        let point = read16BitHex(at: p + 2)
        if isUnicodeScalarValue(point) {
            appendUTF8(UInt32(point), to: &buffer)
            return p + 6
        }
        if point >= 0xD800 && point <= 0xDBFF && code(at: p + 6) == 0x5C && code(at: p + 7) == UInt8(ascii: "u") {
            let trailing = read16BitHex(at: p + 8)
            if trailing >= 0xDC00 && trailing <= 0xDFFF {
                let scalar = 0x10000 + ((point - 0xD800) << 10) + (trailing - 0xDC00)
                appendUTF8(UInt32(scalar), to: &buffer)
                return p + 12
            }
        }
        throw syntaxError(source, at: p, "Invalid Unicode escape sequence: \"\(textSnapped(p, p + 6))\".")
    }

    /// Four hex digits at `p` as a number, negative if any of them is not a hex digit.
    private func read16BitHex(at p: Int) -> Int {
        let a = hexValue(code(at: p)), b = hexValue(code(at: p + 1))
        let c = hexValue(code(at: p + 2)), d = hexValue(code(at: p + 3))
        if a < 0 || b < 0 || c < 0 || d < 0 { return -1 }
        return a << 12 | b << 8 | c << 4 | d
    }

    /// `"""…"""` (spec 2.9.4 `BlockString`): raw text where only `\"""` is an escape, split into
    /// lines at line terminators, then dedented by `BlockStringValue`.
    private mutating func readBlockString(start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start + 3
        var chunkStart = p
        var lines: [[UInt8]] = []
        var currentLine: [UInt8] = []
        while p < count {
            let b = bytes[p]
            if b == 0x22 && code(at: p + 1) == 0x22 && code(at: p + 2) == 0x22 {
                currentLine.append(contentsOf: bytes[chunkStart..<p])
                lines.append(currentLine)
                position = p + 3
                let value = String(decoding: blockStringValue(lines: lines), as: UTF8.self)
                return Token(kind: .blockString, start: start, end: p + 3, value: value)
            }
            if b == 0x5C && code(at: p + 1) == 0x22 && code(at: p + 2) == 0x22 && code(at: p + 3) == 0x22 {
                currentLine.append(contentsOf: bytes[chunkStart..<p])
                chunkStart = p + 1  // keep the `"""`, drop the backslash
                p += 4
                continue
            }
            if b == 0x0A || b == 0x0D {
                currentLine.append(contentsOf: bytes[chunkStart..<p])
                lines.append(currentLine)
                currentLine.removeAll(keepingCapacity: true)
                p += (b == 0x0D && code(at: p + 1) == 0x0A) ? 2 : 1
                chunkStart = p
                continue
            }
            if b < 0x80 {
                p += 1
            } else {
                let length = scalarLength(at: p)
                if length == 0 {
                    throw syntaxError(source, at: p, "Invalid character within String: \(describeCharacter(at: p)).")
                }
                p += length
            }
        }
        throw syntaxError(source, at: p, "Unterminated string.")
    }

    // MARK: - Characters

    /// The error for a character that cannot start a token at `p`.
    private func unexpectedCharacter(at p: Int) -> GraphQLError {
        if bytes[p] == UInt8(ascii: "'") {
            return syntaxError(source, at: p,
                               "Unexpected single quote character ('), did you mean to use a double quote (\")?")
        }
        if bytes[p] < 0x80 || scalarLength(at: p) > 0 {
            return syntaxError(source, at: p, "Unexpected character: \(describeCharacter(at: p)).")
        }
        return syntaxError(source, at: p, "Invalid character: \(describeCharacter(at: p)).")
    }

    /// The bytes `[from, to)` as text.
    @inline(__always)
    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// The text from `from` to about `to` (clamped to the input, extended so as not to split a
    /// UTF-8 sequence), for quoting in error messages.
    private func textSnapped(_ from: Int, _ to: Int) -> String {
        var end = min(to, bytes.count)
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return text(from, end)
    }

    /// How error messages name the character at `p`: `<EOF>`, `"x"` for printable ASCII, else
    /// `U+XXXX` (for bytes that are not UTF-8 at all: the byte value).
    func describeCharacter(at p: Int) -> String {
        guard p < bytes.count else { return "<EOF>" }
        let b = bytes[p]
        if b >= 0x20 && b <= 0x7E {
            return b == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(b)))\""
        }
        let decoded = decodeUTF8(at: p)
        if decoded.point < 0 { return "byte 0x\(hex(Int(b), width: 2)) (not UTF-8)" }
        return "U+\(hex(decoded.point, width: 4))"
    }

    /// Byte length of the Unicode scalar value encoded at `p` (`bytes[p] >= 0x80`), or 0 if the bytes
    /// there are not well-formed UTF-8 (this includes encoded surrogates).
    @inline(__always)
    func scalarLength(at p: Int) -> Int {
        let decoded = decodeUTF8(at: p)
        return isUnicodeScalarValue(decoded.point) ? decoded.length : 0
    }

    /// Decodes the UTF-8 sequence at `p`. Surrogate code points encoded in the UTF-8 pattern (as
    /// WTF-8 / CESU-8 do) are decoded too, so errors can name them; any other malformed sequence
    /// gives a point of -1 and length 1.
    func decodeUTF8(at p: Int) -> (point: Int, length: Int) {
        let count = bytes.count
        let b0 = Int(bytes[p])
        if b0 < 0x80 { return (b0, 1) }
        @inline(__always) func continuation(_ i: Int) -> Int {
            i < count && bytes[i] & 0xC0 == 0x80 ? Int(bytes[i] & 0x3F) : -1
        }
        switch b0 {
        case 0xC2...0xDF:
            let c1 = continuation(p + 1)
            if c1 < 0 { return (-1, 1) }
            return ((b0 & 0x1F) << 6 | c1, 2)
        case 0xE0...0xEF:
            let c1 = continuation(p + 1), c2 = continuation(p + 2)
            if c1 < 0 || c2 < 0 { return (-1, 1) }
            let point = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if point < 0x800 { return (-1, 1) }
            return (point, 3)
        case 0xF0...0xF4:
            let c1 = continuation(p + 1), c2 = continuation(p + 2), c3 = continuation(p + 3)
            if c1 < 0 || c2 < 0 || c3 < 0 { return (-1, 1) }
            let point = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if point < 0x10000 || point > 0x10FFFF { return (-1, 1) }
            return (point, 4)
        default:
            return (-1, 1)
        }
    }
}

// MARK: - Character classes

@inline(__always)
func isDigit(_ c: Int) -> Bool { c >= 0x30 && c <= 0x39 }

@inline(__always)
func isNameStart(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
}

@inline(__always)
func isNameContinue(_ b: UInt8) -> Bool {
    isNameStart(b) || (b >= 0x30 && b <= 0x39)
}

@inline(__always)
func isUnicodeScalarValue(_ c: Int) -> Bool {
    (c >= 0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0x10FFFF)
}

/// The value of a hex digit, or -1.
@inline(__always)
func hexValue(_ c: Int) -> Int {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x41...0x46: c - 0x37
    case 0x61...0x66: c - 0x57
    default: -1
    }
}

/// Uppercase hex, zero-padded to `width` digits.
func hex(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// Appends the UTF-8 encoding of a Unicode scalar value.
func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        buffer.append(UInt8(scalar))
    case 0x80..<0x800:
        buffer.append(UInt8(0xC0 | scalar >> 6))
        buffer.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        buffer.append(UInt8(0xE0 | scalar >> 12))
        buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        buffer.append(UInt8(0x80 | scalar & 0x3F))
    default:
        buffer.append(UInt8(0xF0 | scalar >> 18))
        buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        buffer.append(UInt8(0x80 | scalar & 0x3F))
    }
}
