import Testing
@testable import Schema

@Suite struct PrinterTests {
    @Test func printsKitchenSinkCanonically() throws {
        let document = try parse(Source(LanguageFixtures.kitchenSink))
        #expect(printAST(document) == LanguageFixtures.kitchenSinkPrinted)
    }

    @Test func kitchenSinkRoundTrips() throws {
        let document = try parse(Source(LanguageFixtures.kitchenSink))
        let printed = printAST(document)
        let reparsed = try parse(Source(printed))
        #expect(reparsed == document)
        #expect(printAST(reparsed) == printed)
    }

    @Test func printsSmallQueries() throws {
        #expect(printAST(try parse(Source("query { a }"))) == "{\n  a\n}")
        #expect(printAST(try parse(Source("query Q { a }"))) == "query Q {\n  a\n}")
        #expect(printAST(try parse(Source("query @d { a }"))) == "query @d {\n  a\n}")
        #expect(printAST(try parse(Source("mutation{a(x:1,y:[2,3],z:{a:\"s\"})@d}")))
            == "mutation {\n  a(x: 1, y: [2, 3], z: {a: \"s\"}) @d\n}")
        #expect(printAST(try parse(Source("query Q($a:[Int!]=[1]@dir,$b:I){a}")))
            == "query Q($a: [Int!] = [1] @dir, $b: I) {\n  a\n}")
        #expect(printAST(try parse(Source("fragment F on T@d{...G@e ...on U{a}...{b}}")))
            == "fragment F on T @d {\n  ...G @e\n  ... on U {\n    a\n  }\n  ... {\n    b\n  }\n}")
    }

    @Test func breaksLongArgumentLines() throws {
        let text = "{ field(argumentNumberOne: \"a fairly long value\", argumentNumberTwo: \"another long one\") }"
        #expect(printAST(try parse(Source(text))) == """
            {
              field(
                argumentNumberOne: "a fairly long value"
                argumentNumberTwo: "another long one"
              )
            }
            """)
    }

    @Test func printsTypeSystemDefinitions() throws {
        let text = "type A implements B&C@d{f(a:Int=1,b:[S]):T@x}\nunion U=|A|B\ndirective@r repeatable on FIELD|QUERY"
        #expect(printAST(try parse(Source(text))) == """
            type A implements B & C @d {
              f(a: Int = 1, b: [S]): T @x
            }

            union U = A | B

            directive @r repeatable on FIELD | QUERY
            """)
    }

    @Test func printsValuesAndTypes() throws {
        #expect(printValue(try parseValue(Source("{a:[1,2.0e1,$v],b:null,c:ENUM,d:false}")))
            == "{a: [1, 2.0e1, $v], b: null, c: ENUM, d: false}")
        #expect(printValue(try parseValue(Source("[]"))) == "[]")
        #expect(printValue(try parseValue(Source("{}"))) == "{}")
        #expect(printType(try parseType(Source("[ [ Int ! ] ] !"))) == "[[Int!]]!")
    }

    @Test func printsStringLiteralsWithEscapes() {
        #expect(printStringLiteral("plain") == "\"plain\"")
        #expect(printStringLiteral("q\"b\\s/") == #""q\"b\\s/""#)
        #expect(printStringLiteral("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(printStringLiteral("\u{0}\u{1F}\u{7F}\u{80}\u{9F}") == #""\u0000\u001F\u007F\u0080\u009F""#)
        #expect(printStringLiteral("é€😀\u{A0}") == "\"é€😀\u{A0}\"")
    }

    @Test func printsBlockStrings() {
        #expect(printBlockString("") == "\"\"\"\"\"\"")
        #expect(printBlockString("short") == "\"\"\"short\"\"\"")
        #expect(printBlockString("two\nlines") == "\"\"\"\ntwo\nlines\n\"\"\"")
        #expect(printBlockString("  leading space") == "\"\"\"  leading space\"\"\"")
        #expect(printBlockString("a\n  indented rest") == "\"\"\"\na\n  indented rest\n\"\"\"")
        #expect(printBlockString("ends with \"") == "\"\"\"\nends with \"\n\"\"\"")
        #expect(printBlockString("ends with \\") == "\"\"\"\nends with \\\n\"\"\"")
        #expect(printBlockString("has \"\"\" inside") == "\"\"\"has \\\"\"\" inside\"\"\"")
        #expect(printBlockString("tail \"\"\"") == "\"\"\"\ntail \\\"\"\"\n\"\"\"")
        let long = String(repeating: "x", count: 71)
        #expect(printBlockString(long) == "\"\"\"\n" + long + "\n\"\"\"")
    }

    @Test(arguments: [
        "", "x", " x", "\tx", "x ", "a\nb", "a\n  b\n c", "  a\n b", "a\n\n\nb", "\"", "\\", "x\"\"\"", "\"\"\"",
        "\"\"\"\"", "\\\"\"\"", "a\"\"\"b\"\"\"c", "  \n  x", "x\n  ", "é\n\tü", "\u{7}bell",
    ])
    func blockStringsRoundTrip(value: String) throws {
        // Only values a block string can produce are printable as one: run them through the dedent first.
        let producible = blockStringValue(value)
        let printed = printBlockString(producible)
        let token = try tokenize(Source(printed))[0]
        #expect(token.kind == .blockString)
        #expect(token.value == producible)
    }

    @Test func queryAfterAnOpenTypeIsNotPrintedAsShorthand() throws {
        // `enum E { a }` would read the shorthand query as the enum's values.
        let document = try parse(Source("enum E query { a } type T extend schema @d query { b } scalar S { c }"))
        #expect(printAST(document) == """
            enum E

            query {
              a
            }

            type T

            extend schema @d

            query {
              b
            }

            scalar S

            {
              c
            }
            """)
        #expect(try parse(Source(printAST(document))) == document)
    }

    @Test func printsDescriptionsOnArgumentsOneArgumentPerLine() throws {
        let text = "directive @d(\"first\" a: Int, b: Int) on FIELD type T { f(\"x\" a: Int): Int }"
        #expect(printAST(try parse(Source(text))) == """
            directive @d(
              "first"
              a: Int
              b: Int
            ) on FIELD

            type T {
              f(
                "x"
                a: Int
              ): Int
            }
            """)
    }
}
