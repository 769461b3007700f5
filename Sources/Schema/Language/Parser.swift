/// Limits that keep parsing of hostile input bounded in time and stack.
public struct ParseOptions: Sendable, Equatable {
    /// The most tokens (comments and `<EOF>` not counted) a document may have; the lexer stops
    /// reading as soon as it is exceeded.
    public var maxTokens: Int
    /// The deepest nesting of selection sets, list and object values and list type wrappers. The
    /// parser is recursive; this bound is what keeps its stack use small whatever the input
    /// (about 1.5 KB per level when optimised, a few KB unoptimised: 256 levels fit easily in a
    /// thread's stack either way).
    public var maxDepth: Int

    public init(maxTokens: Int = 15_000, maxDepth: Int = 256) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}

/// Parses a GraphQL document (spec section 2 `Document`): executable definitions and type-system
/// definitions and extensions alike; which of them a document may contain is up to validation.
public func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Document {
    var parser = try Parser(source: source, options: options)
    return try parser.parseDocument()
}

/// Parses a single value literal, such as `[1, {a: $x}]`; variables are allowed.
public func parseValue(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> ValueNode {
    var parser = try Parser(source: source, options: options)
    let value = try parser.parseValueLiteral(isConst: false)
    try parser.expect(.eof)
    return value
}

/// Parses a single constant value literal: like `parseValue`, but variables are a syntax error.
public func parseConstValue(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> ValueNode {
    var parser = try Parser(source: source, options: options)
    let value = try parser.parseValueLiteral(isConst: true)
    try parser.expect(.eof)
    return value
}

/// Parses a single type reference, such as `[String!]!`.
public func parseType(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> TypeNode {
    var parser = try Parser(source: source, options: options)
    let type = try parser.parseTypeReference()
    try parser.expect(.eof)
    return type
}

/// Lexes the whole source: every significant token (comments and ignored tokens left out),
/// ending with the `<EOF>` token. Obeys `options.maxTokens` like `parse` does.
public func tokenize(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> [Token] {
    var lexer = Lexer(source: source)
    var tokens: [Token] = []
    while true {
        let token = try lexer.nextToken()
        if token.kind != .eof && tokens.count >= options.maxTokens {
            throw tooManyTokens(source, token, options)
        }
        tokens.append(token)
        if token.kind == .eof { return tokens }
    }
}

private func tooManyTokens(_ source: Source, _ token: Token, _ options: ParseOptions) -> GraphQLError {
    syntaxError(source, at: token.start, "Document contains more than \(options.maxTokens) tokens. Parsing aborted.")
}

/// A recursive-descent parser over the lexer's tokens with one token of lookahead (two where a
/// description or `extend` is involved). Every node's `loc` spans from its first token's start to
/// its last token's end.
///
/// The grammar functions live in `Parser+Executable.swift`, `Parser+Values.swift` and
/// `Parser+TypeSystem.swift`; this file holds the token-level helpers they share.
struct Parser {
    let source: Source
    let options: ParseOptions
    var lexer: Lexer
    /// The current token: the next one to be consumed.
    var token: Token
    /// End offset of the last consumed token, which is where the node being built ends.
    var lastEnd: Int = 0
    var tokenCount = 0
    /// Current nesting of selection sets, list/object values and list types.
    var depth = 0

    init(source: Source, options: ParseOptions) throws(GraphQLError) {
        self.source = source
        self.options = options
        self.lexer = Lexer(source: source)
        self.token = Token(kind: .eof, start: 0, end: 0)
        self.token = try lexer.nextToken()
        try countToken()
    }

    // MARK: - Tokens

    /// Moves to the next token.
    mutating func advance() throws(GraphQLError) {
        lastEnd = token.end
        token = try lexer.nextToken()
        try countToken()
    }

    private mutating func countToken() throws(GraphQLError) {
        guard token.kind != .eof else { return }
        tokenCount += 1
        if tokenCount > options.maxTokens { throw tooManyTokens(source, token, options) }
    }

    @inline(__always)
    func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Consumes a token of `kind`, or fails with "Expected …, found …".
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw syntaxError(source, at: current.start, "Expected \(kind.errorDescription), found \(current.errorDescription).")
        }
        try advance()
        return current
    }

    /// Consumes a token of `kind` if it is the current one.
    mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Consumes the name `keyword`, or fails with `Expected "keyword", found …`.
    mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
        guard token.kind == .name && token.value == keyword else {
            throw syntaxError(source, at: token.start, "Expected \"\(keyword)\", found \(token.errorDescription).")
        }
        try advance()
    }

    /// Consumes the name `keyword` if it is the current token.
    mutating func expectOptionalKeyword(_ keyword: String) throws(GraphQLError) -> Bool {
        guard token.kind == .name && token.value == keyword else { return false }
        try advance()
        return true
    }

    /// "Unexpected …" at `token` (the current token by default).
    func unexpected(_ at: Token? = nil) -> GraphQLError {
        let t = at ?? token
        return syntaxError(source, at: t.start, "Unexpected \(t.errorDescription).")
    }

    /// The span from `start` to the end of the last consumed token.
    @inline(__always)
    func loc(from start: Int) -> Location { Location(start: start, end: lastEnd) }

    /// `open item+ close`: at least one item.
    mutating func many<T>(_ open: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T,
                          _ close: TokenKind) throws(GraphQLError) -> [T] {
        try expect(open)
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try !expectOptional(close)
        return items
    }

    /// `(open item+ close)?`: nothing if the current token is not `open`, else at least one item.
    mutating func optionalMany<T>(_ open: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T,
                                  _ close: TokenKind) throws(GraphQLError) -> [T] {
        guard peek(open) else { return [] }
        return try many(open, item, close)
    }

    /// `open item* close`: possibly empty.
    mutating func any<T>(_ open: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T,
                         _ close: TokenKind) throws(GraphQLError) -> [T] {
        try expect(open)
        var items: [T] = []
        while try !expectOptional(close) {
            items.append(try item(&self))
        }
        return items
    }

    /// `delimiter? item (delimiter item)*`, as in union members (`|`) and implemented interfaces (`&`).
    mutating func delimitedMany<T>(_ delimiter: TokenKind,
                                   _ item: (inout Parser) throws(GraphQLError) -> T) throws(GraphQLError) -> [T] {
        _ = try expectOptional(delimiter)
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try expectOptional(delimiter)
        return items
    }

    /// Enters one level of nesting at the current token, failing past `maxDepth`.
    mutating func enterNesting() throws(GraphQLError) {
        depth += 1
        if depth > options.maxDepth {
            throw syntaxError(source, at: token.start,
                              "Document nesting is deeper than \(options.maxDepth) levels. Parsing aborted.")
        }
    }

    mutating func leaveNesting() { depth -= 1 }

    // MARK: - Document

    /// `Document :: Definition+`
    mutating func parseDocument() throws(GraphQLError) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while !peek(.eof)
        return Document(definitions: definitions, loc: Location(start: 0, end: lastEnd), source: source)
    }

    /// One definition, chosen by its first keyword (looking past a description if there is one).
    mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if peek(.braceL) { return .operation(try parseOperationDefinition()) }
        let hasDescription = peekDescription()
        let keyword = hasDescription ? try lexer.lookahead() : token
        if keyword.kind == .name, let value = keyword.value {
            switch value {
            case "schema": return .schema(try parseSchemaDefinition())
            case "scalar", "type", "interface", "union", "enum", "input":
                return .type(try parseTypeDefinition())
            case "directive": return .directive(try parseDirectiveDefinition())
            default: break
            }
            if hasDescription {
                throw syntaxError(source, at: token.start,
                                  "Unexpected description, descriptions are supported only on type definitions.")
            }
            switch value {
            case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
            case "fragment": return .fragment(try parseFragmentDefinition())
            case "extend": return try parseTypeSystemExtension()
            default: break
            }
        }
        throw unexpected(keyword)
    }

    /// `Name`
    mutating func parseName() throws(GraphQLError) -> Name {
        let t = try expect(.name)
        return Name(t.value ?? "", loc: Location(start: t.start, end: t.end))
    }
}
