import Testing
@testable import Schema

@Suite struct NoUndefinedVariablesRuleTests {
    let rule = NoUndefinedVariablesRule.self

    @Test func allVariablesDefined() throws {
        try expectValid(rule, """
            query ($id: ID!, $size: Int) {
              node(id: $id) { ...Avatar }
            }
            fragment Avatar on User { avatarUrl(size: $size) }
            """)
    }

    @Test func undefinedVariablesDirectlyAndThroughFragments() throws {
        try expectErrors(rule, """
            query Lookup($id: ID!) {
              node(id: $id) { ...Avatar }
              repository(owner: $owner, name: $owner) { id }
            }
            {
              viewer { ...Avatar }
            }
            fragment Avatar on User { avatarUrl(size: $size) }
            """, [
                ExpectedError("Variable \"$owner\" is not defined by operation \"Lookup\".", [(3, 21), (1, 1)]),
                ExpectedError("Variable \"$owner\" is not defined by operation \"Lookup\".", [(3, 35), (1, 1)]),
                ExpectedError("Variable \"$size\" is not defined by operation \"Lookup\".", [(8, 43), (1, 1)]),
                ExpectedError("Variable \"$size\" is not defined.", [(8, 43), (5, 1)]),
            ])
    }
}
