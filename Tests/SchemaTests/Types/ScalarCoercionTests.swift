import Testing
@testable import Schema

@Suite struct ScalarCoercionTests {
    /// The message of the coercion error `body` throws, or nil when it succeeds.
    func failure(_ body: () throws -> Value) -> String? {
        do {
            _ = try body()
            return nil
        } catch let e as CoercionError {
            return e.message
        } catch {
            return "unexpected \(error)"
        }
    }

    func literal(_ text: String) throws -> ValueNode { try parseConstValue(Source(text)) }

    @Test func intResultCoercion() throws {
        let c = ScalarType.int.coercion
        #expect(try c.serialize(.int(7)) == .int(7))
        #expect(try c.serialize(.float(3.0)) == .int(3))
        #expect(try c.serialize(.float(-0.0)) == .int(0))
        #expect(try c.serialize(.bool(true)) == .int(1))
        #expect(try c.serialize(.string("42")) == .int(42))
        #expect(try c.serialize(.int(2_147_483_647)) == .int(2_147_483_647))
        #expect(try c.serialize(.int(-2_147_483_648)) == .int(-2_147_483_648))
        #expect(failure { try c.serialize(.float(1.5)) } == "Int cannot represent non-integer value: 1.5")
        #expect(failure { try c.serialize(.int(2_147_483_648)) }
                == "Int cannot represent non 32-bit signed integer value: 2147483648")
        #expect(failure { try c.serialize(.float(1e10)) }
                == "Int cannot represent non 32-bit signed integer value: 10000000000")
        #expect(failure { try c.serialize(.string("abc")) } == #"Int cannot represent non-integer value: "abc""#)
        #expect(failure { try c.serialize(.string("")) } == #"Int cannot represent non-integer value: """#)
        #expect(failure { try c.serialize(.float(.infinity)) } == "Int cannot represent non-integer value: Infinity")
        #expect(failure { try c.serialize(.list([.int(1)])) } == "Int cannot represent non-integer value: [1]")
    }

    @Test func intInputCoercion() throws {
        let c = ScalarType.int.coercion
        #expect(try c.parseValue(.int(-5)) == .int(-5))
        #expect(try c.parseValue(.float(4.0)) == .int(4))
        #expect(failure { try c.parseValue(.string("5")) } == #"Int cannot represent non-integer value: "5""#)
        #expect(failure { try c.parseValue(.bool(true)) } == "Int cannot represent non-integer value: true")
        #expect(failure { try c.parseValue(.float(0.1)) } == "Int cannot represent non-integer value: 0.1")
        #expect(failure { try c.parseValue(.int(-2_147_483_649)) }
                == "Int cannot represent non 32-bit signed integer value: -2147483649")
        #expect(try c.parseLiteral(literal("-12")) == .int(-12))
        let big = try literal("99999999999")
        #expect(failure { try c.parseLiteral(big) } == "Int cannot represent non 32-bit signed integer value: 99999999999")
        let float = try literal("1.0")
        #expect(failure { try c.parseLiteral(float) } == "Int cannot represent non-integer value: 1.0")
        let string = try literal(#""1""#)
        #expect(failure { try c.parseLiteral(string) } == #"Int cannot represent non-integer value: "1""#)
    }

    @Test func floatCoercion() throws {
        let c = ScalarType.float.coercion
        #expect(try c.serialize(.int(2)) == .float(2))
        #expect(try c.serialize(.string("1.25")) == .float(1.25))
        #expect(try c.serialize(.bool(false)) == .float(0))
        #expect(failure { try c.serialize(.float(.nan)) } == "Float cannot represent non numeric value: NaN")
        #expect(failure { try c.serialize(.string("one")) } == #"Float cannot represent non numeric value: "one""#)
        #expect(try c.parseValue(.int(3)) == .float(3))
        #expect(failure { try c.parseValue(.string("3")) } == #"Float cannot represent non numeric value: "3""#)
        #expect(try c.parseLiteral(literal("3")) == .float(3))
        #expect(try c.parseLiteral(literal("-1.5e3")) == .float(-1500))
        let e = try literal("ENUM")
        #expect(failure { try c.parseLiteral(e) } == "Float cannot represent non numeric value: ENUM")
    }

    @Test func stringCoercion() throws {
        let c = ScalarType.string.coercion
        #expect(try c.serialize(.int(12)) == .string("12"))
        #expect(try c.serialize(.float(2.0)) == .string("2"))
        #expect(try c.serialize(.float(2.5)) == .string("2.5"))
        #expect(try c.serialize(.bool(true)) == .string("true"))
        #expect(try c.serialize(.enumValue("RED")) == .string("RED"))
        #expect(failure { try c.serialize(.null) } == "String cannot represent value: null")
        #expect(failure { try c.serialize(.object(ObjectValue([("a", .int(1))]))) }
                == "String cannot represent value: { a: 1 }")
        #expect(failure { try c.parseValue(.int(1)) } == "String cannot represent a non string value: 1")
        #expect(try c.parseLiteral(literal(#""""block""""#)) == .string("block"))
        let list = try literal("[1]")
        #expect(failure { try c.parseLiteral(list) } == "String cannot represent a non string value: [1]")
    }

    @Test func booleanCoercion() throws {
        let c = ScalarType.boolean.coercion
        #expect(try c.serialize(.int(0)) == .bool(false))
        #expect(try c.serialize(.float(0.5)) == .bool(true))
        #expect(failure { try c.serialize(.string("true")) } == #"Boolean cannot represent a non boolean value: "true""#)
        #expect(failure { try c.parseValue(.int(1)) } == "Boolean cannot represent a non boolean value: 1")
        #expect(try c.parseLiteral(literal("false")) == .bool(false))
        let one = try literal("1")
        #expect(failure { try c.parseLiteral(one) } == "Boolean cannot represent a non boolean value: 1")
    }

    @Test func idCoercion() throws {
        let c = ScalarType.id.coercion
        #expect(try c.serialize(.int(5)) == .string("5"))
        #expect(try c.serialize(.string("x")) == .string("x"))
        #expect(failure { try c.serialize(.float(1.5)) } == "ID cannot represent value: 1.5")
        #expect(failure { try c.serialize(.bool(true)) } == "ID cannot represent value: true")
        #expect(try c.parseValue(.int(-3)) == .string("-3"))
        #expect(failure { try c.parseValue(.float(0.5)) } == "ID cannot represent value: 0.5")
        #expect(try c.parseLiteral(literal("123")) == .string("123"))
        #expect(try c.parseLiteral(literal(#""abc""#)) == .string("abc"))
        let float = try literal("1.5")
        #expect(failure { try c.parseLiteral(float) } == "ID cannot represent a non-string and non-integer value: 1.5")
    }

    @Test func dateTimeAcceptsRFC3339Only() throws {
        let c = ScalarCoercion.dateTime
        for ok in ["2024-02-29T13:45:00Z", "1999-12-31t23:59:60.123456+14:00", "2000-01-01T00:00:00-00:30",
                   "2023-06-15T08:00:00.5z"] {
            #expect(try c.parseValue(.string(ok)) == .string(ok), "\(ok)")
        }
        for bad in ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T24:00:00Z",
                    "2024-01-01T00:00:00", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0100", "2024-1-01T00:00:00Z",
                    "2024-01-01T00:00:00Zjunk", ""] {
            #expect(failure { try c.parseValue(.string(bad)) }
                    == "DateTime cannot represent an invalid date-time string: \(ScalarCoercion.quoted(bad))", "\(bad)")
        }
        #expect(failure { try c.serialize(.int(1)) } == "DateTime cannot represent a non string value: 1")
        #expect(try c.parseLiteral(literal(#""2020-02-29T12:00:00Z""#)) == .string("2020-02-29T12:00:00Z"))
        let int = try literal("20200229")
        #expect(failure { try c.parseLiteral(int) } == "DateTime cannot represent a non string value: 20200229")
    }

    @Test func urlAcceptsAbsoluteURLsOnly() throws {
        let c = ScalarCoercion.url
        for ok in ["https://example.com", "http://localhost:8080/a?b=c#d", "mailto:someone@example.com",
                   "urn:isbn:0451450523", "git+ssh://git@example.com/repo.git"] {
            #expect(try c.serialize(.string(ok)) == .string(ok), "\(ok)")
        }
        for bad in ["example.com", "/relative/path", "https://", "http://exa mple.com", "1http://x.y", "https:", ""] {
            #expect(failure { try c.parseValue(.string(bad)) }
                    == "URL cannot represent an invalid absolute URL string: \(ScalarCoercion.quoted(bad))", "\(bad)")
        }
    }

    @Test func specifiedByURLComesFromSDL() throws {
        let schema = try buildSchema("""
            scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")
            type Query { now: DateTime }
            """, options: BuildSchemaOptions(scalars: ["DateTime": .dateTime]))
        let scalar = try #require(schema.type(named: "DateTime") as? ScalarType)
        #expect(scalar.specifiedByURL == "https://scalars.graphql.org/andimarek/date-time")
        #expect(ScalarType.int.specifiedByURL == nil)
    }
}
