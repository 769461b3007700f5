import Testing
@testable import Schema

@Suite("JSON")
struct JSONTests {
    @Test func parsesAllValueKindsKeepingKeyOrder() throws {
        let v = try JSONParser.parse(#" {"b": [1, -2, 3.5, 1e3, -0.25E-2], "a": {"x": true, "y": false, "z": null}, "s": "q\"\\\/\n\u00e9\ud83d\ude00"} "#)
        #expect(v == .object(ObjectValue([
            ("b", .list([.int(1), .int(-2), .float(3.5), .float(1000), .float(-0.0025)])),
            ("a", .object(ObjectValue([("x", .bool(true)), ("y", .bool(false)), ("z", .null)]))),
            ("s", .string("q\"\\/\né😀")),
        ])))
        if case .object(let o) = v { #expect(o.keys == ["b", "a", "s"]) }
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("92233720368547758070") == .float(92233720368547758070))
    }

    @Test func reportsErrorsWithLineAndColumn() {
        func failure(_ text: String) -> JSONParseError? {
            do {
                _ = try JSONParser.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("{\n  \"a\": tru\n}") == JSONParseError(message: "Unexpected byte 0xA", line: 2, column: 11))
        #expect(failure("[1, 2") == JSONParseError(message: "Unexpected end of JSON input", line: 1, column: 6))
        #expect(failure("{\"a\" 1}") == JSONParseError(message: "Unexpected character '1'", line: 1, column: 6))
        #expect(failure("01") == JSONParseError(message: "Leading zeros are not allowed in JSON numbers", line: 1, column: 2))
        #expect(failure("\"abc") == JSONParseError(message: "Unterminated string", line: 1, column: 5))
        #expect(failure("[1] x") == JSONParseError(message: "Unexpected data after the JSON value", line: 1, column: 5))
        #expect(failure("\"\\ud800\"")?.message == "Invalid Unicode surrogate pair")
        #expect(failure("") == JSONParseError(message: "Unexpected end of JSON input", line: 1, column: 1))
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
    }

    @Test func serialisesWithEscapesAndJSONNumbers() {
        let v = Value.object(ObjectValue([
            ("s", .string("a\"b\\c\n\t\u{1}é")), ("i", .int(-1234567890123)), ("zero", .int(0)), ("f", .float(1.5)),
            ("whole", .float(2.0)), ("big", .float(1e21)), ("nan", .float(.nan)), ("e", .enumValue("RED")),
            ("l", .list([])), ("o", .object(ObjectValue())), ("n", .null), ("b", .bool(false)),
        ]))
        #expect(JSONSerializer.string(v)
            == #"{"s":"a\"b\\c\n\t\u0001é","i":-1234567890123,"zero":0,"f":1.5,"whole":2,"big":1e+21,"nan":null,"e":"RED","l":[],"o":{},"n":null,"b":false}"#)
        #expect(JSONSerializer.string(.list([.int(1), .object(ObjectValue([("a", .int(2))]))]), pretty: true)
            == "[\n  1,\n  {\n    \"a\": 2\n  }\n]")
    }

    @Test func serialisesResultsDataBeforeErrorsAndOmitsEmptyErrors() {
        let ok = ExecutionResult(data: .object(ResultObject(keys: ["a"], values: [.leaf(.int(1))])))
        #expect(JSONSerializer.string(ok) == #"{"data":{"a":1}}"#)
        let failed = ExecutionResult(data: nil, errors: [GraphQLError(message: "bad", locations: [SourceLocation(line: 1, column: 2)])])
        #expect(JSONSerializer.string(failed) == #"{"errors":[{"message":"bad","locations":[{"line":1,"column":2}]}]}"#)
    }
}
