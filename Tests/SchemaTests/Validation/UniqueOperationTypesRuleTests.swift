import Testing
@testable import Schema

@Suite struct UniqueOperationTypesRuleTests {
    @Test func eachOperationOnceAcrossDefinitionAndExtensions() throws {
        try expectValidSDL(UniqueOperationTypesRule.self, """
            schema { query: Q }
            extend schema { mutation: M }
            extend schema { subscription: S }
            type Q { a: Int } type M { a: Int } type S { a: Int }
            """)
    }

    @Test func repeatedOperationTypes() throws {
        try expectSDLErrors(UniqueOperationTypesRule.self, """
            schema { query: Q mutation: M query: M }
            extend schema { mutation: Q }
            type Q { a: Int } type M { a: Int }
            """, [
                ExpectedError("There can be only one query type in schema.", [(1, 10), (1, 31)]),
                ExpectedError("There can be only one mutation type in schema.", [(1, 19), (2, 17)]),
            ])
    }

    @Test func operationsTheSchemaAlreadyHas() throws {
        try expectSDLErrors(UniqueOperationTypesRule.self, """
            extend schema { query: Repository subscription: Issue }
            """, [
                ExpectedError("Type for query already defined in the schema. It cannot be redefined.", [(1, 17)]),
                ExpectedError("Type for subscription already defined in the schema. It cannot be redefined.", [(1, 35)]),
            ], schema: validationTestSchema)
    }
}
