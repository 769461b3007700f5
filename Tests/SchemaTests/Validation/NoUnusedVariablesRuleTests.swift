import Testing
@testable import Schema

@Suite struct NoUnusedVariablesRuleTests {
    let rule = NoUnusedVariablesRule.self

    @Test func variablesUsedDirectlyOrInFragments() throws {
        try expectValid(rule, """
            query ($id: ID!, $size: Int, $skip: Boolean!) {
              node(id: $id) @skip(if: $skip) { ...Outer }
            }
            fragment Outer on User { ...Inner }
            fragment Inner on User { avatarUrl(size: $size) }
            """)
    }

    @Test func unusedVariables() throws {
        try expectErrors(rule, """
            query Named($id: ID!, $unused: Int, $size: Int) { node(id: $id) { ...Avatar } }
            query ($a: String, $b: String) { viewer { login } }
            fragment Avatar on User { avatarUrl(size: $size) }
            """, [
                ExpectedError("Variable \"$unused\" is never used in operation \"Named\".", [(1, 23)]),
                ExpectedError("Variable \"$a\" is never used.", [(2, 8)]),
                ExpectedError("Variable \"$b\" is never used.", [(2, 20)]),
            ])
    }
}
