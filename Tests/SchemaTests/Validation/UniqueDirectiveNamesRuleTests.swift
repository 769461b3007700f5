import Testing
@testable import Schema

@Suite struct UniqueDirectiveNamesRuleTests {
    @Test func distinctDirectives() throws {
        try expectValidSDL(UniqueDirectiveNamesRule.self, """
            directive @a on FIELD
            directive @b on FIELD
            """)
    }

    @Test func repeatedDirectives() throws {
        try expectSDLErrors(UniqueDirectiveNamesRule.self, """
            directive @a on FIELD
            directive @a on OBJECT
            """, [ExpectedError("There can be only one directive named \"@a\".", [(1, 12), (2, 12)])])
    }

    @Test func directivesTheSchemaAlreadyHas() throws {
        try expectSDLErrors(UniqueDirectiveNamesRule.self, """
            directive @tag on FIELD
            directive @skip on FIELD
            """, [
                ExpectedError("Directive \"@tag\" already exists in the schema. It cannot be redefined.", [(1, 12)]),
                ExpectedError("Directive \"@skip\" already exists in the schema. It cannot be redefined.", [(2, 12)]),
            ], schema: validationTestSchema)
    }
}
