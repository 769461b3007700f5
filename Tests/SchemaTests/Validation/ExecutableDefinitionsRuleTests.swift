import Testing
@testable import Schema

@Suite struct ExecutableDefinitionsRuleTests {
    @Test func operationsAndFragmentsAreExecutable() throws {
        try expectValid(ExecutableDefinitionsRule.self, """
            query Viewer { viewer { ...login } }
            fragment login on User { login }
            """)
    }

    @Test func typeSystemDefinitionsAreNot() throws {
        try expectErrors(ExecutableDefinitionsRule.self, """
            query Viewer { viewer { login } }
            type Team { name: String }
            extend type User { team: Team }
            schema { query: Query }
            extend schema @audit
            directive @internal on FIELD
            """, [
                ExpectedError("The \"Team\" definition is not executable.", [(2, 1)]),
                ExpectedError("The \"User\" definition is not executable.", [(3, 1)]),
                ExpectedError("The schema definition is not executable.", [(4, 1)]),
                ExpectedError("The schema definition is not executable.", [(5, 1)]),
                ExpectedError("The \"internal\" definition is not executable.", [(6, 1)]),
            ])
    }
}
