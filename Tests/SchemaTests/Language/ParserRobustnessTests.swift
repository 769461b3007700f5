import Testing
@testable import Schema

/// A small deterministic pseudo-random generator (SplitMix64), so every run tests the same cases.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True one time in `n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Generates random but syntactically valid documents covering the whole grammar.
struct DocumentGenerator {
    var rng: SplitMix64
    var depth = 0

    private static let names = ["a", "b", "node", "on", "query", "type", "fragment", "extend", "schema", "_x", "Z9",
                                "true", "null", "implements", "repeatable", "input", "directive"]
    private static let enumNames = ["A", "RED", "on", "query", "type", "E_2", "_"]
    private static let fragmentNames = ["F", "Frag", "query", "type", "_f"]
    private static let locations = ["QUERY", "FIELD", "FRAGMENT_SPREAD", "OBJECT", "ENUM_VALUE", "SCHEMA",
                                    "VARIABLE_DEFINITION", "INPUT_FIELD_DEFINITION"]

    mutating func document() -> String {
        var parts: [String] = []
        for i in 0..<(1 + rng.below(4)) {
            let part = definition()
            // After a type-system definition a `{` would continue it (as fields, values, operation
            // types), so later shorthand queries are spelled out.
            parts.append(i > 0 && part.hasPrefix("{") ? "query " + part : part)
        }
        return ignored() + parts.joined(separator: "\n" + ignored()) + ignored()
    }

    /// Ignored tokens: white space, line terminators, commas, comments, byte order marks.
    mutating func ignored() -> String {
        switch rng.below(9) {
        case 0: "\n"
        case 1: ","
        case 2: "\r\n"
        case 3: "\t"
        case 4: " # comment é \"\"\" \\\n"
        case 5: "\u{FEFF}"
        case 6: "\r"
        default: " "
        }
    }

    mutating func name() -> String { rng.pick(Self.names) }

    mutating func definition() -> String {
        switch rng.below(14) {
        case 0, 1, 2: operation()
        case 3: "fragment \(rng.pick(Self.fragmentNames)) on \(name())\(directives(const: false)) \(selectionSet())"
        case 4: "\(description())schema\(directives(const: true)) { query: \(name())\(rng.oneIn(2) ? " mutation: M" : "") }"
        case 5: "\(description())scalar \(name())\(directives(const: true))"
        case 6: "\(description())\(rng.pick(["type", "interface"])) \(name())\(implements())\(directives(const: true))\(fields())"
        case 7: "\(description())union \(name())\(directives(const: true))\(rng.oneIn(4) ? "" : " = \(rng.oneIn(2) ? "| " : "")A | \(name())")"
        case 8: "\(description())enum \(name())\(directives(const: true))\(enumValues())"
        case 9: "\(description())input \(name())\(directives(const: true))\(inputFields())"
        case 10:
            "\(description())directive @\(name())\(argumentDefinitions())\(rng.oneIn(2) ? " repeatable" : "") on \(rng.oneIn(2) ? "| " : "")\(rng.pick(Self.locations)) | \(rng.pick(Self.locations))"
        case 11: "extend schema @\(name())\(rng.oneIn(2) ? " { subscription: S }" : "")"
        case 12:
            rng.pick(["extend scalar \(name()) @d", "extend type \(name())\(implements()) @d\(fields())",
                      "extend union \(name()) = B", "extend enum \(name()) @d\(enumValues())",
                      "extend input \(name()) @d\(inputFields())", "extend interface \(name()) @d"])
        default: "{ \(name()) }"
        }
    }

    mutating func description() -> String {
        switch rng.below(4) {
        case 0: stringValue() + ignored()
        case 1: blockString() + ignored()
        default: ""
        }
    }

    mutating func operation() -> String {
        if rng.oneIn(3) { return selectionSet() }
        let kind = rng.pick(["query", "mutation", "subscription"])
        let opName = rng.oneIn(2) ? " " + name() : ""
        var variables = ""
        if rng.oneIn(2) {
            var defs: [String] = []
            for _ in 0..<(1 + rng.below(3)) {
                let defaultValue = rng.oneIn(2) ? " = " + value(const: true) : ""
                defs.append("$\(name()): \(typeReference())\(defaultValue)\(directives(const: true))")
            }
            variables = "(" + defs.joined(separator: rng.oneIn(2) ? ", " : " ") + ")"
        }
        return "\(kind)\(opName)\(variables)\(directives(const: false)) \(selectionSet())"
    }

    mutating func selectionSet() -> String {
        depth += 1
        defer { depth -= 1 }
        var selections: [String] = []
        for _ in 0..<(1 + rng.below(depth > 3 ? 2 : 4)) { selections.append(selection()) }
        return "{" + ignored() + selections.joined(separator: ignored()) + ignored() + "}"
    }

    mutating func selection() -> String {
        let nest = depth < 5
        switch rng.below(8) {
        case 0: return "...\(rng.pick(Self.fragmentNames))\(directives(const: false))"
        case 1 where nest: return "... on \(name())\(directives(const: false)) \(selectionSet())"
        case 2 where nest: return "...\(directives(const: false)) \(selectionSet())"
        default:
            let alias = rng.oneIn(3) ? name() + ": " : ""
            let sub = nest && rng.oneIn(3) ? " " + selectionSet() : ""
            return "\(alias)\(name())\(arguments(const: false))\(directives(const: false))\(sub)"
        }
    }

    mutating func arguments(const: Bool) -> String {
        guard rng.oneIn(2) else { return "" }
        var args: [String] = []
        for _ in 0..<(1 + rng.below(3)) { args.append("\(name()): \(value(const: const))") }
        return "(" + args.joined(separator: rng.oneIn(2) ? ", " : " ") + ")"
    }

    mutating func directives(const: Bool) -> String {
        var result = ""
        while rng.oneIn(3) { result += " @\(name())\(arguments(const: const))" }
        return result
    }

    mutating func value(const: Bool) -> String {
        depth += 1
        defer { depth -= 1 }
        switch rng.below(depth > 4 ? 8 : 11) {
        case 0: return rng.pick(["0", "-1", "42", "-0", "9007199254740993"])
        case 1: return rng.pick(["1.5", "-0.0", "3e10", "2.5E-3", "1e+2"])
        case 2: return stringValue()
        case 3: return blockString()
        case 4: return rng.pick(["true", "false", "null"])
        case 5: return rng.pick(Self.enumNames)
        case 6: return const ? "7" : "$" + name()
        case 7: return "\"\""
        case 8, 9:
            var items: [String] = []
            for _ in 0..<rng.below(3) { items.append(value(const: const)) }
            return "[" + items.joined(separator: rng.oneIn(2) ? ", " : " ") + "]"
        default:
            var fields: [String] = []
            for _ in 0..<rng.below(3) { fields.append("\(name()): \(value(const: const))") }
            return "{" + fields.joined(separator: " ") + "}"
        }
    }

    mutating func stringValue() -> String {
        let pieces = ["a", " ", "é", "😀", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u{1F600}", "\\uD83D\\uDE00",
                      "\\u{41}", "#", "\u{7}", "'"]
        var s = "\""
        for _ in 0..<rng.below(6) { s += rng.pick(pieces) }
        return s + "\""
    }

    mutating func blockString() -> String {
        let pieces = ["x", " ", "  ", "\t", "\n", "\n  ", "\r\n    ", "\\\"\"\"", "\"", "\"\"", "é", "\\n", "\\"]
        var s = "\"\"\""
        for _ in 0..<rng.below(8) {
            let piece = rng.pick(pieces)
            // Quotes next to quotes could close the string early.
            if s.count > 3 && s.hasSuffix("\"") && piece.hasPrefix("\"") { continue }
            s += piece
        }
        // A block string may not end in a backslash or a quote right before its closing delimiter.
        return s + rng.pick(["y", "\n", " z"]) + "\"\"\""
    }

    mutating func typeReference() -> String {
        var type = rng.pick(["Int", "String", "T", "on"])
        for _ in 0..<rng.below(4) {
            type = rng.oneIn(2) ? "[" + type + "]" : (type.hasSuffix("!") ? "[" + type + "]" : type + "!")
        }
        return type
    }

    mutating func implements() -> String {
        guard rng.oneIn(2) else { return "" }
        return " implements \(rng.oneIn(2) ? "& " : "")\(name())\(rng.oneIn(2) ? " & I" : "")"
    }

    mutating func fields() -> String {
        guard !rng.oneIn(4) else { return "" }
        var fields: [String] = []
        for _ in 0..<(1 + rng.below(3)) {
            fields.append("\(description())\(name())\(argumentDefinitions()): \(typeReference())\(directives(const: true))")
        }
        return " {" + fields.joined(separator: ignored()) + "}"
    }

    mutating func argumentDefinitions() -> String {
        guard rng.oneIn(2) else { return "" }
        var args: [String] = []
        for _ in 0..<(1 + rng.below(3)) { args.append(inputValue()) }
        return "(" + args.joined(separator: " ") + ")"
    }

    mutating func inputValue() -> String {
        let defaultValue = rng.oneIn(2) ? " = " + value(const: true) : ""
        return "\(description())\(name()): \(typeReference())\(defaultValue)\(directives(const: true))"
    }

    mutating func inputFields() -> String {
        guard !rng.oneIn(4) else { return "" }
        var fields: [String] = []
        for _ in 0..<(1 + rng.below(3)) { fields.append(inputValue()) }
        return " {" + fields.joined(separator: ignored()) + "}"
    }

    mutating func enumValues() -> String {
        guard !rng.oneIn(4) else { return "" }
        var values: [String] = []
        for _ in 0..<(1 + rng.below(3)) {
            values.append("\(description())\(rng.pick(Self.enumNames))\(directives(const: true))")
        }
        return " {" + values.joined(separator: " ") + "}"
    }
}

/// Checks that `error` is a well-formed syntax error for `source`: one location that lies within
/// the text (a column at most one past the end of its line).
private func checkSyntaxError(_ error: GraphQLError, _ source: Source, _ context: String) {
    #expect(error.message.hasPrefix("Syntax Error: "), "\(context)")
    #expect(error.code == "GRAPHQL_PARSE_FAILED", "\(context)")
    guard error.locations.count == 1, let location = error.locations.first else {
        Issue.record("expected exactly one location: \(error) in \(context)")
        return
    }
    // Columns per line, counted as `Source.location` counts them.
    var lineLengths: [Int] = [0]
    let bytes = source.bytes
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == 0x0A || b == 0x0D {
            if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            lineLengths.append(0)
        } else if b & 0xC0 != 0x80 {
            lineLengths[lineLengths.count - 1] += 1
        }
        i += 1
    }
    let lineOK = location.line >= 1 && location.line <= lineLengths.count
    #expect(lineOK, "\(error) in \(context)")
    if lineOK {
        #expect(location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1, "\(error) in \(context)")
    }
}

/// Parses, and on success checks that printing and parsing again gives the same document.
/// Returns the syntax error if parsing failed.
@discardableResult
private func checkParseAndRoundTrip(_ source: Source, options: ParseOptions, context: String) -> GraphQLError? {
    let document: Document
    do {
        document = try parse(source, options: options)
    } catch {
        checkSyntaxError(error, source, context)
        return error
    }
    let printed = printAST(document)
    do {
        let reparsed = try parse(Source(printed), options: options)
        #expect(reparsed == document, "round trip changed the document: \(context)\nprinted:\n\(printed)")
        #expect(printAST(reparsed) == printed, "printing is not idempotent: \(context)")
    } catch {
        Issue.record("printed document does not parse: \(error)\n\(context)\nprinted:\n\(printed)")
    }
    return nil
}

@Suite struct ParserRobustnessTests {
    private static let options = ParseOptions(maxTokens: 3_000, maxDepth: 24)

    @Test func generatedDocumentsParseAndRoundTrip() {
        var generator = DocumentGenerator(rng: SplitMix64(state: 0x5EED))
        for i in 0..<400 {
            let text = generator.document()
            let error = checkParseAndRoundTrip(Source(text), options: Self.options, context: "generated #\(i):\n\(text)")
            #expect(error == nil, "generated #\(i) did not parse: \(error.map(String.init(describing:)) ?? "")\n\(text)")
        }
    }

    @Test func mutatedDocumentsFailCleanly() {
        var generator = DocumentGenerator(rng: SplitMix64(state: 0xC0FFEE))
        var rng = SplitMix64(state: 42)
        // Bytes worth inserting: punctuation, quotes, escapes, digits, letters, line breaks, and
        // bytes that break UTF-8 (a lone continuation byte, a truncated lead byte, an encoded surrogate).
        let insertions: [[UInt8]] = ["{", "}", "(", ")", "[", "]", "\"", "\\", "$", "@", ".", "...", ":", "=", "|",
                                     "&", "!", "#", "-", "0", "1", "e", "a", "_", " ", "\n", "\r", "\"\"\"", "\\u",
                                     "\\u{", "é", "😀"].map { Array($0.utf8) } + [[0x80], [0xC3], [0xFF], [0xED, 0xA0, 0x80]]
        var parsedCount = 0
        var failedCount = 0
        let seeds = (0..<250).map { _ in Array(generator.document().utf8) } + [Array(LanguageFixtures.kitchenSink.utf8)]
        for (s, seed) in seeds.enumerated() {
            for m in 0..<12 {
                var bytes = seed
                for _ in 0..<(1 + rng.below(3)) where !bytes.isEmpty {
                    let at = rng.below(bytes.count)
                    switch rng.below(5) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(contentsOf: rng.pick(insertions), at: at)
                    case 2 where at + 1 < bytes.count: bytes.swapAt(at, at + 1)
                    case 3: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.below(8)))
                    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + rng.below(12))], at: at)
                    }
                }
                let source = Source(bytes: bytes)
                let context = "seed #\(s) mutation #\(m): \(String(decoding: bytes, as: UTF8.self))"
                if checkParseAndRoundTrip(source, options: Self.options, context: context) == nil {
                    parsedCount += 1
                } else {
                    failedCount += 1
                }
                do {
                    _ = try tokenize(source, options: Self.options)
                } catch {
                    checkSyntaxError(error, source, context)
                }
            }
        }
        // Both outcomes must be well represented for the test to mean something.
        #expect(parsedCount > 100)
        #expect(failedCount > 1_000)
    }

    @Test func everyPrefixOfTheKitchenSinkFailsCleanly() {
        let bytes = Array(LanguageFixtures.kitchenSink.utf8)
        var end = 0
        while end < bytes.count {
            let source = Source(bytes: Array(bytes[0..<end]))
            checkParseAndRoundTrip(source, options: Self.options, context: "prefix of \(end) bytes")
            end += 1 + end % 3
        }
    }
}
