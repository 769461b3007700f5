import Testing
@testable import Schema

@Suite struct NoDeprecatedCustomRuleTests {
    let rule = NoDeprecatedCustomRule.self

    @Test func nothingDeprecatedUsed() throws {
        try expectValid(rule, """
            { repository(owner: "a", name: "b") { mainBranch issues(state: CLOSED) { id } } }
            """)
    }

    @Test func deprecatedFieldAndEnumValue() throws {
        try expectErrors(rule, """
            {
              repository(owner: "a", name: "b") {
                defaultBranch
                issues(state: DUPLICATE, filter: {states: [OPEN, DUPLICATE]}) { id }
              }
            }
            """, [
                ExpectedError("The field Repository.defaultBranch is deprecated. Use `mainBranch`.", [(3, 5)]),
                ExpectedError("The enum value \"IssueState.DUPLICATE\" is deprecated. Use CLOSED.", [(4, 19)]),
                ExpectedError("The enum value \"IssueState.DUPLICATE\" is deprecated. Use CLOSED.", [(4, 54)]),
            ])
    }

    @Test func deprecatedArgumentsAndInputFields() throws {
        let schema = try buildSchema("""
            directive @limit(max: Int, hard: Boolean @deprecated(reason: "Always soft.")) on FIELD
            input Window { from: Int, size: Int @deprecated(reason: "Use `to`."), to: Int }
            type Query { items(window: Window, page: Int @deprecated): [String] }
            """)
        try expectErrors(rule, """
            {
              items(page: 2, window: {from: 1, size: 5}) @limit(max: 3, hard: true)
            }
            """, [
                ExpectedError("Field \"Query.items\" argument \"page\" is deprecated. No longer supported", [(2, 9)]),
                ExpectedError("The input field Window.size is deprecated. Use `to`.", [(2, 36)]),
                ExpectedError("Directive \"@limit\" argument \"hard\" is deprecated. Always soft.", [(2, 61)]),
            ], schema: schema)
    }
}
