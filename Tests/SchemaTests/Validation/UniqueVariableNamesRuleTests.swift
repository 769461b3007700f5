import Testing
@testable import Schema

@Suite struct UniqueVariableNamesRuleTests {
    @Test func distinctVariablesPerOperation() throws {
        try expectValid(UniqueVariableNamesRule.self, """
            query A($id: ID!, $name: String) { viewer { id } }
            query B($id: ID!) { viewer { id } }
            """)
    }

    @Test func repeatedVariablesAreReportedAtTheirNames() throws {
        try expectErrors(UniqueVariableNamesRule.self, """
            query A($id: ID!, $name: String, $id: ID, $name: String, $id: Int) { viewer { id } }
            """, [
                ExpectedError("There can be only one variable named \"$id\".", [(1, 10), (1, 35), (1, 59)]),
                ExpectedError("There can be only one variable named \"$name\".", [(1, 20), (1, 44)]),
            ])
    }
}
