import Testing
@testable import Schema

private func parseError(_ text: String, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    parseError(Source(text), options: options)
}

private func parseError(_ source: Source, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    do {
        _ = try parse(source, options: options)
        return nil
    } catch {
        return error
    }
}

/// Seconds taken by `body`, measured on the monotonic clock.
private func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

@Suite struct ParseLimitsTests {
    // MARK: - Tokens

    @Test func tokenLimitCountsSignificantTokens() throws {
        // `{ a b c }` has 5 tokens; comments, commas and <EOF> do not count.
        let options = ParseOptions(maxTokens: 5)
        _ = try parse(Source("{ a, b, c } # comment"), options: options)
        let error = parseError("{ a b c d }", options: options)
        #expect(error?.message == "Syntax Error: Document contains more than 5 tokens. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 11)])
        #expect(error?.code == "GRAPHQL_PARSE_FAILED")
    }

    @Test func defaultTokenLimit() throws {
        #expect(ParseOptions().maxTokens == 15_000)
        #expect(ParseOptions().maxDepth == 256)
        // 2 braces + 14,998 fields = 15,000 tokens: allowed; with one more field the closing
        // brace is token 15,001.
        let fields = Array(repeating: "f", count: 14_998).joined(separator: " ")
        _ = try parse(Source("{ " + fields + " }"))
        let error = parseError("{ " + fields + " g }")
        #expect(error?.message == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 30_001)])
    }

    @Test func tokenizeObeysTheTokenLimit() throws {
        #expect(try tokenize(Source("a b c"), options: ParseOptions(maxTokens: 3)).count == 4)
        #expect(throws: GraphQLError.self) { try tokenize(Source("a b c d"), options: ParseOptions(maxTokens: 3)) }
    }

    @Test func tokenLimitStopsTheLexerEarly() {
        // The bad character after the limit is never reached.
        let error = parseError("{ a b c } ~", options: ParseOptions(maxTokens: 2))
        #expect(error?.message == "Syntax Error: Document contains more than 2 tokens. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 5)])
    }

    // MARK: - Depth

    @Test func selectionSetDepthLimit() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth)
        }
        _ = try parse(Source(nested(256)))
        let error = parseError(nested(257))
        #expect(error?.message == "Syntax Error: Document nesting is deeper than 256 levels. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 256 * 4 + 1)])
        #expect(parseError(nested(4), options: ParseOptions(maxDepth: 3)) != nil)
        _ = try parse(Source(nested(3)), options: ParseOptions(maxDepth: 3))
    }

    @Test func valueAndTypeDepthCountTowardsTheLimit() throws {
        let options = ParseOptions(maxDepth: 4)
        // Two selection sets plus two list levels: four.
        _ = try parse(Source("{ a { b(x: [[1]]) } }"), options: options)
        #expect(parseError("{ a { b(x: [[[1]]]) } }", options: options) != nil)
        #expect(parseError("{ a { b(x: {c: {d: {e: 1}}}) } }", options: options)?.locations
            == [SourceLocation(line: 1, column: 20)])
        _ = try parse(Source("query($v: [[[[Int]]]]) { a }"), options: options)
        let error = parseError("query($v: [[[[[Int]]]]]) { a }", options: options)
        #expect(error?.message == "Syntax Error: Document nesting is deeper than 4 levels. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 15)])
        #expect(throws: GraphQLError.self) { try parseValue(Source("[[[[[1]]]]]"), options: options) }
        #expect(throws: GraphQLError.self) { try parseType(Source("[[[[[A]]]]]"), options: options) }
    }

    @Test func deepestAllowedNestingParses() throws {
        // One selection set plus 255 levels of values or list types: exactly the default limit.
        let lists = "{ f(x: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255) + ") }"
        let objects = "{ f(x: " + String(repeating: "{a: ", count: 255) + "1" + String(repeating: "}", count: 255) + ") }"
        let types = "query($v: " + String(repeating: "[", count: 256) + "Int" + String(repeating: "]", count: 256) + ") { a }"
        for text in [lists, objects, types] {
            let document = try parse(Source(text))
            #expect(try parse(Source(printAST(document))) == document)
        }
        #expect(parseError("{ f(x: " + String(repeating: "[", count: 256) + String(repeating: "]", count: 256) + ") }") != nil)
    }

    @Test func hundredThousandLevelsFailCleanlyAndFast() {
        let depth = 100_000
        let cases = [
            String(repeating: "{a", count: depth) + String(repeating: "}", count: depth),
            "{ f(x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ") }",
            "{ f(x: " + String(repeating: "{a:", count: depth) + "1" + String(repeating: "}", count: depth) + ") }",
            "query($v: " + String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth) + ") { a }",
            "type T { f: " + String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth) + " }",
            String(repeating: "{a", count: depth),  // unclosed as well
        ]
        for text in cases {
            var error: GraphQLError?
            let time = seconds { error = parseError(text, options: ParseOptions(maxTokens: 1_000_000)) }
            #expect(error?.message.hasPrefix("Syntax Error: Document nesting is deeper than 256 levels") == true)
            #expect(error?.locations.count == 1)
            #expect(time < 1.0)
        }
    }

    // MARK: - Size

    @Test func tenMegabyteDocumentsFailCleanlyAndFast() {
        let fields = String(repeating: "someField ", count: 1_048_576)  // 10 MiB
        let manyTokens = "{ " + fields + "}"
        var error: GraphQLError?
        var time = seconds { error = parseError(manyTokens) }
        #expect(error?.message == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted.")
        #expect(time < 2.0)

        // One long line of garbage after a valid start: the lexer fails where the garbage starts.
        let garbage = "{ a }" + String(repeating: "%", count: 10 * 1_048_576)
        time = seconds { error = parseError(garbage) }
        #expect(error?.message == "Syntax Error: Unexpected character: \"%\".")
        #expect(error?.locations == [SourceLocation(line: 1, column: 6)])
        #expect(time < 2.0)

        // An unterminated 10 MiB string is read once and reported at its end.
        let unterminated = "{ a(x: \"" + String(repeating: "x", count: 10 * 1_048_576) + ") }"
        time = seconds { error = parseError(unterminated) }
        #expect(error?.message == "Syntax Error: Unterminated string.")
        #expect(time < 2.0)
    }
}
