import Testing
@testable import Schema

@Suite struct LoneSchemaDefinitionRuleTests {
    @Test func oneSchemaDefinitionWithExtensions() throws {
        try expectValidSDL(LoneSchemaDefinitionRule.self, """
            schema { query: Query }
            extend schema { mutation: Mutation }
            type Query { a: Int }
            type Mutation { b: Int }
            """)
    }

    @Test func secondAndThirdDefinitions() throws {
        try expectSDLErrors(LoneSchemaDefinitionRule.self, """
            schema { query: Query }
            type Query { a: Int }
            schema { query: Query }
            schema { mutation: Query }
            """, [
                ExpectedError("Must provide only one schema definition.", [(3, 1)]),
                ExpectedError("Must provide only one schema definition.", [(4, 1)]),
            ])
    }

    @Test func definitionWhenExtendingASchema() throws {
        try expectSDLErrors(LoneSchemaDefinitionRule.self, """
            extend schema @audit
            schema { query: Query }
            """, [ExpectedError("Cannot define a new schema within a schema extension.", [(2, 1)])],
            schema: validationTestSchema)
    }
}
