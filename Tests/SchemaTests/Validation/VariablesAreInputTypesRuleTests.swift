import Testing
@testable import Schema

@Suite struct VariablesAreInputTypesRuleTests {
    @Test func scalarsEnumsAndInputObjects() throws {
        try expectValid(VariablesAreInputTypesRule.self, """
            query Q($a: ID!, $b: [Visibility], $c: NewIssue, $d: [[RepositoryRef!]]!, $e: Unknown) { viewer { id } }
            """)
    }

    @Test func outputTypesAreRejected() throws {
        try expectErrors(VariablesAreInputTypesRule.self, """
            query Q($a: User, $b: [SearchResult!]!, $c: Actor!) { viewer { id } }
            """, [
                ExpectedError("Variable \"$a\" cannot be non-input type \"User\".", [(1, 13)]),
                ExpectedError("Variable \"$b\" cannot be non-input type \"[SearchResult!]!\".", [(1, 23)]),
                ExpectedError("Variable \"$c\" cannot be non-input type \"Actor!\".", [(1, 45)]),
            ])
    }
}
