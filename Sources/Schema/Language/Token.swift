/// The kinds of lexical token (spec section 2.1.6 `Token`), plus the end of the input and
/// comments. The raw value is how error messages name the kind: punctuators are quoted,
/// everything else is named (`Name`, `Int`, `<EOF>` …), as in graphql-js.
public enum TokenKind: String, Sendable, Hashable {
    case eof = "<EOF>"
    case bang = "!"
    case dollar = "$"
    case amp = "&"
    case parenL = "("
    case parenR = ")"
    case spread = "..."
    case colon = ":"
    case equals = "="
    case at = "@"
    case bracketL = "["
    case bracketR = "]"
    case braceL = "{"
    case pipe = "|"
    case braceR = "}"
    case name = "Name"
    case int = "Int"
    case float = "Float"
    case string = "String"
    case blockString = "BlockString"
    case comment = "Comment"

    public var isPunctuator: Bool {
        switch self {
        case .bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at, .bracketL, .bracketR,
             .braceL, .pipe, .braceR:
            true
        default:
            false
        }
    }

    /// How syntax errors describe this kind: `"{"` for punctuators, `Name` for the others.
    var errorDescription: String { isPunctuator ? "\"\(rawValue)\"" : rawValue }
}

/// One lexical token: its kind, the byte range `[start, end)` it spans in the source, and for
/// names, numbers, strings and comments its value (a string's value has its escapes resolved
/// and a block string's value is dedented; a number's value is its text).
public struct Token: Sendable, Equatable {
    public let kind: TokenKind
    public let start: Int
    public let end: Int
    public let value: String?

    public init(kind: TokenKind, start: Int, end: Int, value: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
    }

    /// How syntax errors describe this token, e.g. `Name "foo"` or `"{"`.
    var errorDescription: String {
        if let value { return "\(kind.errorDescription) \"\(value)\"" }
        return kind.errorDescription
    }
}
