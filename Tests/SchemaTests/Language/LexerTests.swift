import Testing
@testable import Schema

/// The first significant token of `text`.
private func firstToken(_ text: String) throws -> Token {
    var lexer = Lexer(source: Source(text))
    return try lexer.nextToken()
}

private func firstToken(bytes: [UInt8]) throws -> Token {
    var lexer = Lexer(source: Source(bytes: bytes))
    return try lexer.nextToken()
}

/// The error lexing the first token of `text` raises (nil if none).
private func lexError(_ text: String) -> GraphQLError? {
    lexError(bytes: Array(text.utf8))
}

private func lexError(bytes: [UInt8]) -> GraphQLError? {
    do {
        _ = try tokenize(Source(bytes: bytes))
        return nil
    } catch {
        return error
    }
}

private func expectLexError(_ text: String, _ message: String, _ line: Int, _ column: Int,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let error = lexError(text)
    #expect(error?.message == "Syntax Error: " + message, sourceLocation: sourceLocation)
    #expect(error?.locations == [Schema.SourceLocation(line: line, column: column)], sourceLocation: sourceLocation)
}

@Suite struct LexerTests {
    @Test func skipsIgnoredTokensAndComments() throws {
        let text = "\u{FEFF} \t,,\n\r\n\r # a comment, with commas\n  name ,"
        let token = try firstToken(text)
        #expect(token == Token(kind: .name, start: 39, end: 43, value: "name"))
        #expect(Source(text).location(of: token.start) == Schema.SourceLocation(line: 5, column: 3))
    }

    @Test func byteOrderMarkAnywhereIsIgnored() throws {
        let tokens = try tokenize(Source("a\u{FEFF}b"))
        #expect(tokens.map(\.kind) == [.name, .name, .eof])
        #expect(tokens[1].start == 4)
    }

    @Test func punctuators() throws {
        let tokens = try tokenize(Source("! $ & ( ) ... : = @ [ ] { | }"))
        #expect(tokens.map(\.kind) == [.bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at,
                                       .bracketL, .bracketR, .braceL, .pipe, .braceR, .eof])
        #expect(tokens[5].start == 10 && tokens[5].end == 13)
        #expect(tokens.allSatisfy { $0.kind == .eof || $0.value == nil })
    }

    @Test func names() throws {
        #expect(try firstToken("_under_Score9 x") == Token(kind: .name, start: 0, end: 13, value: "_under_Score9"))
        #expect(try firstToken("  query") == Token(kind: .name, start: 2, end: 7, value: "query"))
    }

    @Test(arguments: [
        ("7", TokenKind.int), ("-7", .int), ("0", .int), ("-0", .int), ("31415", .int),
        ("2.5", .float), ("-0.25", .float), ("0.0", .float), ("6e2", .float), ("6E2", .float), ("6e-2", .float),
        ("6e+2", .float), ("-3.75e10", .float), ("-3.75E-10", .float), ("1.5e+300", .float), ("10e0001", .float),
    ])
    func numbers(text: String, kind: TokenKind) throws {
        let token = try firstToken(text + " ")
        #expect(token == Token(kind: kind, start: 0, end: text.utf8.count, value: text))
    }

    @Test func numbersEndAtPunctuators() throws {
        let tokens = try tokenize(Source("[1,-2.5]{3}"))
        #expect(tokens.map(\.kind) == [.bracketL, .int, .float, .bracketR, .braceL, .int, .braceR, .eof])
        #expect(tokens[2].value == "-2.5")
    }

    @Test func numberErrors() {
        expectLexError("007", "Invalid number, unexpected digit after 0: \"0\".", 1, 2)
        expectLexError("-05", "Invalid number, unexpected digit after 0: \"5\".", 1, 3)
        expectLexError("3.", "Invalid number, expected digit but got: <EOF>.", 1, 3)
        expectLexError("3. ", "Invalid number, expected digit but got: \" \".", 1, 3)
        expectLexError("2e", "Invalid number, expected digit but got: <EOF>.", 1, 3)
        expectLexError("2e+", "Invalid number, expected digit but got: <EOF>.", 1, 4)
        expectLexError("2.0E-x", "Invalid number, expected digit but got: \"x\".", 1, 6)
        expectLexError("- 1", "Invalid number, expected digit but got: \" \".", 1, 2)
        expectLexError("-", "Invalid number, expected digit but got: <EOF>.", 1, 2)
        expectLexError(".5", "Unexpected character: \".\".", 1, 1)
        expectLexError("0x1F", "Invalid number, expected digit but got: \"x\".", 1, 2)
        expectLexError("42abc", "Invalid number, expected digit but got: \"a\".", 1, 3)
        expectLexError("4_2", "Invalid number, expected digit but got: \"_\".", 1, 2)
        expectLexError("4.2.1", "Invalid number, expected digit but got: \".\".", 1, 4)
        expectLexError("4e2.1", "Invalid number, expected digit but got: \".\".", 1, 4)
        expectLexError("4e2e", "Invalid number, expected digit but got: \"e\".", 1, 4)
        expectLexError("1.\"", "Invalid number, expected digit but got: '\"'.", 1, 3)
        expectLexError("+3", "Unexpected character: \"+\".", 1, 1)
        // A non-ASCII letter is not a name start: the number ends and the letter fails on its own.
        expectLexError("9é", "Unexpected character: U+00E9.", 1, 2)
    }

    @Test func strings() throws {
        #expect(try firstToken("\"\"") == Token(kind: .string, start: 0, end: 2, value: ""))
        #expect(try firstToken("  \"plain text\" ") == Token(kind: .string, start: 2, end: 14, value: "plain text"))
        #expect(try firstToken(#""quote \" slash \\ \/ b\b f\f n\n r\r t\t""#).value
            == "quote \" slash \\ / b\u{8} f\u{C} n\n r\r t\t")
        #expect(try firstToken(#""\u0041\u00e9\u20AC""#).value == "Aé€")
        #expect(try firstToken(#""\u{41}\u{1F600}\u{0000041}""#).value == "A😀A")
        #expect(try firstToken(#""pair \uD83D\uDE00 ok""#).value == "pair 😀 ok")
        #expect(try firstToken("\"raw é 😀 \u{7}\"").value == "raw é 😀 \u{7}")
        let unicode = try firstToken("\"ü\"")
        #expect(unicode.end == 4)
    }

    @Test func stringErrors() {
        expectLexError("\"open", "Unterminated string.", 1, 6)
        expectLexError("\"line\nbreak\"", "Unterminated string.", 1, 6)
        expectLexError("\"line\r\nbreak\"", "Unterminated string.", 1, 6)
        expectLexError("x 'hi'", "Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 3)
        expectLexError(#""a \q b""#, "Invalid character escape sequence: \"\\q\".", 1, 4)
        expectLexError(#""a \é b""#, "Invalid character escape sequence: \"\\é\".", 1, 4)
        expectLexError(#""\u12""#, "Invalid Unicode escape sequence: \"\\u12\"\".", 1, 2)
        expectLexError(#""\uGGGG""#, "Invalid Unicode escape sequence: \"\\uGGGG\".", 1, 2)
        expectLexError(#""x\u{}""#, "Invalid Unicode escape sequence: \"\\u{}\".", 1, 3)
        expectLexError(#""x\u{1G}""#, "Invalid Unicode escape sequence: \"\\u{1G\".", 1, 3)
        expectLexError(#""x\u{110000}""#, "Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 3)
        expectLexError(#""x\u{DC00}""#, "Invalid Unicode escape sequence: \"\\u{DC00}\".", 1, 3)
        expectLexError(#""x\u{0000000041}""#, "Invalid Unicode escape sequence: \"\\u{000000004\".", 1, 3)
        expectLexError(#""x\u{FFFFFFFF}""#, "Invalid Unicode escape sequence: \"\\u{FFFFFFFF\".", 1, 3)
        expectLexError(#""lone \uDC00 trail""#, "Invalid Unicode escape sequence: \"\\uDC00\".", 1, 7)
        expectLexError(#""lead \uD800 only""#, "Invalid Unicode escape sequence: \"\\uD800\".", 1, 7)
        expectLexError(#""lead \uD800\u0041""#, "Invalid Unicode escape sequence: \"\\uD800\".", 1, 7)
        expectLexError(#""braces \u{D83D}\u{DE00}""#, "Invalid Unicode escape sequence: \"\\u{D83D}\".", 1, 9)
    }

    @Test func blockStrings() throws {
        #expect(try firstToken("\"\"\"\"\"\"") == Token(kind: .blockString, start: 0, end: 6, value: ""))
        #expect(try firstToken("\"\"\"simple\"\"\"").value == "simple")
        #expect(try firstToken("\"\"\" keeps first-line indent \"\"\"").value == " keeps first-line indent ")
        #expect(try firstToken("\"\"\"esc \\\"\"\" and \\n raw\"\"\"").value == "esc \"\"\" and \\n raw")
        let indented = "\"\"\"\n\n    first\n      second\n    third\n\n  \"\"\""
        #expect(try firstToken(indented).value == "first\n  second\nthird")
        #expect(try firstToken("\"\"\"\r\n  a\r\n  b\r  c\n\"\"\"").value == "a\nb\nc")
        #expect(try firstToken("\"\"\"\t\ttabs\n\t\tx\"\"\"").value == "\t\ttabs\nx")
        #expect(try firstToken("\"\"\"quote \" and \"\" inside\"\"\"").value == "quote \" and \"\" inside")
        let token = try firstToken("x \"\"\"a\nb\"\"\" ")
        #expect(token.kind == .name)
        let tokens = try tokenize(Source("x \"\"\"a\nb\"\"\" y"))
        #expect(tokens[1].start == 2 && tokens[1].end == 11)
        #expect(Source("x \"\"\"a\nb\"\"\" y").location(of: tokens[2].start) == Schema.SourceLocation(line: 2, column: 6))
    }

    @Test func blockStringErrors() {
        expectLexError("\"\"\"", "Unterminated string.", 1, 4)
        expectLexError("\"\"\"abc\n\"\"", "Unterminated string.", 2, 3)
        expectLexError("\"\"\"ends with escape \\\"\"\"", "Unterminated string.", 1, 25)
    }

    @Test func blockStringValueAlgorithm() {
        #expect(blockStringValue("") == "")
        #expect(blockStringValue("  \n \t \n") == "")
        #expect(blockStringValue("\n  a\n    b\n  c\n") == "a\n  b\nc")
        #expect(blockStringValue("first\n  a\n  b") == "first\na\nb")
        #expect(blockStringValue("  a\n\n   b\n  ") == "  a\n\nb")
        #expect(blockStringValue("a\r\n  b\r  c") == "a\nb\nc")
        #expect(blockStringValue("\n\n  x  \n\n") == "x  ")
    }

    @Test func unexpectedCharacters() {
        expectLexError("?", "Unexpected character: \"?\".", 1, 1)
        expectLexError("{ a ~ }", "Unexpected character: \"~\".", 1, 5)
        expectLexError("..", "Unexpected character: \".\".", 1, 1)
        expectLexError("a\n\n  .. b", "Unexpected character: \".\".", 3, 3)
        expectLexError("\u{0}", "Unexpected character: U+0000.", 1, 1)
        expectLexError("\u{7}", "Unexpected character: U+0007.", 1, 1)
        expectLexError("a \u{7F}", "Unexpected character: U+007F.", 1, 3)
        expectLexError("ñ", "Unexpected character: U+00F1.", 1, 1)
        expectLexError("ab €", "Unexpected character: U+20AC.", 1, 4)
        expectLexError("😀", "Unexpected character: U+1F600.", 1, 1)
        expectLexError("\u{10FFFF}", "Unexpected character: U+10FFFF.", 1, 1)
        expectLexError("é ü", "Unexpected character: U+00E9.", 1, 1)
    }

    @Test func invalidUTF8() {
        // A surrogate code point in the UTF-8 pattern (as WTF-8 writes a lone surrogate).
        let surrogate: [UInt8] = [0xED, 0xB2, 0x80]  // U+DC80
        var error = lexError(bytes: surrogate)
        #expect(error?.message == "Syntax Error: Invalid character: U+DC80.")
        #expect(error?.locations == [Schema.SourceLocation(line: 1, column: 1)])
        error = lexError(bytes: Array("\"ab".utf8) + surrogate + Array("\"".utf8))
        #expect(error?.message == "Syntax Error: Invalid character within String: U+DC80.")
        #expect(error?.locations == [Schema.SourceLocation(line: 1, column: 4)])
        error = lexError(bytes: Array("\"\"\"ab\n".utf8) + surrogate + Array("\"\"\"".utf8))
        #expect(error?.message == "Syntax Error: Invalid character within String: U+DC80.")
        #expect(error?.locations == [Schema.SourceLocation(line: 2, column: 1)])
        // A comment ends before the bad character, which then fails as a token.
        error = lexError(bytes: Array("# note ".utf8) + surrogate)
        #expect(error?.message == "Syntax Error: Invalid character: U+DC80.")
        #expect(error?.locations == [Schema.SourceLocation(line: 1, column: 8)])
        error = lexError(bytes: [0x61, 0x20, 0xFF])
        #expect(error?.message == "Syntax Error: Invalid character: byte 0xFF (not UTF-8).")
        #expect(error?.locations == [Schema.SourceLocation(line: 1, column: 3)])
        error = lexError(bytes: [0x22, 0xC3, 0x22])  // truncated two-byte sequence
        #expect(error?.message == "Syntax Error: Invalid character within String: byte 0xC3 (not UTF-8).")
        error = lexError(bytes: [0xC0, 0x80])  // overlong NUL
        #expect(error?.message == "Syntax Error: Invalid character: byte 0xC0 (not UTF-8).")
    }

    @Test func lineTerminatorsForLocations() {
        expectLexError("a\r\n?", "Unexpected character: \"?\".", 2, 1)
        expectLexError("a\r\r?", "Unexpected character: \"?\".", 3, 1)
        expectLexError("a\n\r\n\n ?", "Unexpected character: \"?\".", 4, 2)
    }

    @Test func errorsCarryTheParseFailedCode() {
        let error = lexError("~")
        #expect(error?.code == "GRAPHQL_PARSE_FAILED")
    }

    @Test func tokenizeReadsToTheEndWithoutComments() throws {
        let tokens = try tokenize(Source("{ a # note\n b(x: 1.5) }"))
        #expect(tokens.map(\.kind) == [.braceL, .name, .name, .parenL, .name, .colon, .float, .parenR, .braceR, .eof])
        #expect(tokens.last == Token(kind: .eof, start: 23, end: 23))
        #expect(try tokenize(Source("")) == [Token(kind: .eof, start: 0, end: 0)])
    }

    @Test func commentTokensFromTheLexer() throws {
        var lexer = Lexer(source: Source("#first\r#second\n x"))
        #expect(try lexer.readToken() == Token(kind: .comment, start: 0, end: 6, value: "first"))
        #expect(try lexer.readToken() == Token(kind: .comment, start: 7, end: 14, value: "second"))
        #expect(try lexer.readToken().value == "x")
        #expect(try lexer.readToken().kind == .eof)
        #expect(try lexer.readToken().kind == .eof)
    }
}
