import Testing
@testable import Schema

@Suite struct LoneAnonymousOperationRuleTests {
    @Test func singleAnonymousOperationWithFragments() throws {
        try expectValid(LoneAnonymousOperationRule.self, """
            { viewer { ...login } }
            fragment login on User { login }
            """)
    }

    @Test func anonymousOperationBesideAnother() throws {
        try expectErrors(LoneAnonymousOperationRule.self, """
            { viewer { login } }
            query Named { viewer { id } }
            { viewer { email } }
            """, [
                ExpectedError("This anonymous operation must be the only defined operation.", [(1, 1)]),
                ExpectedError("This anonymous operation must be the only defined operation.", [(3, 1)]),
            ])
    }

    @Test func anonymousMutationBesideQueryShorthand() throws {
        try expectErrors(LoneAnonymousOperationRule.self, """
            { viewer { login } }
            mutation { closeIssue(id: "1") { id } }
            """, [(1, 1), (2, 1)])
    }
}
