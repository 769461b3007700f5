import Testing
@testable import Schema

@Suite struct NoSchemaIntrospectionCustomRuleTests {
    @Test func typenameAndOrdinaryFieldsAreAllowed() throws {
        try expectValid(NoSchemaIntrospectionCustomRule.self, """
            { viewer { __typename login } search(query: "q") { __typename } }
            """)
    }

    @Test func schemaAndTypeAreRejectedWithEverythingBelow() throws {
        try expectErrors(NoSchemaIntrospectionCustomRule.self, """
            {
              __schema { queryType { name } }
              __type(name: "User") { name }
            }
            """, [
                ExpectedError("GraphQL introspection has been disabled, but the requested query contained the field \"__schema\".",
                              [(2, 3)]),
                ExpectedError("GraphQL introspection has been disabled, but the requested query contained the field \"queryType\".",
                              [(2, 14)]),
                ExpectedError("GraphQL introspection has been disabled, but the requested query contained the field \"__type\".",
                              [(3, 3)]),
            ])
    }

    @Test func isFoundThroughValidationRuleNamed() {
        #expect(validationRule(named: "NoSchemaIntrospectionCustomRule").map { ObjectIdentifier($0) }
                == ObjectIdentifier(NoSchemaIntrospectionCustomRule.self))
    }
}
