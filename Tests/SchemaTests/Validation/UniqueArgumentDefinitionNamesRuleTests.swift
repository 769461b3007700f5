import Testing
@testable import Schema

@Suite struct UniqueArgumentDefinitionNamesRuleTests {
    @Test func distinctArguments() throws {
        try expectValidSDL(UniqueArgumentDefinitionNamesRule.self, """
            type Query { f(a: Int, b: Int): Int g(a: Int): Int }
            directive @d(a: Int, b: Int) on FIELD
            """)
    }

    @Test func repeatedArgumentsOfFieldsAndDirectives() throws {
        try expectSDLErrors(UniqueArgumentDefinitionNamesRule.self, """
            type Query { f(a: Int, b: Int, a: String): Int }
            extend interface Named { g(x: Int, x: Int, x: Int): Int }
            directive @d(a: Int, a: Int) on FIELD
            """, [
                ExpectedError("Argument \"Query.f(a:)\" can only be defined once.", [(1, 16), (1, 32)]),
                ExpectedError("Argument \"Named.g(x:)\" can only be defined once.", [(2, 28), (2, 36), (2, 44)]),
                ExpectedError("Argument \"@d(a:)\" can only be defined once.", [(3, 14), (3, 22)]),
            ])
    }
}
