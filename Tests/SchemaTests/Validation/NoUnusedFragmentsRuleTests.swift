import Testing
@testable import Schema

@Suite struct NoUnusedFragmentsRuleTests {
    @Test func fragmentsUsedDirectlyOrTransitively() throws {
        try expectValid(NoUnusedFragmentsRule.self, """
            query A { viewer { ...a } }
            fragment a on User { ...b }
            fragment b on User { repositories { ...c } }
            fragment c on Repository { name }
            """)
    }

    @Test func unusedFragmentsIncludingOnesOnlyUsedByUnusedFragments() throws {
        try expectErrors(NoUnusedFragmentsRule.self, """
            query A { viewer { ...a } }
            fragment a on User { login }
            fragment orphan on User { ...orphanChild }
            fragment orphanChild on User { email }
            fragment cyclic on User { ...cyclic }
            """, [
                ExpectedError("Fragment \"orphan\" is never used.", [(3, 1)]),
                ExpectedError("Fragment \"orphanChild\" is never used.", [(4, 1)]),
                ExpectedError("Fragment \"cyclic\" is never used.", [(5, 1)]),
            ])
    }

    @Test func fragmentDefinedBeforeTheOperationUsingIt() throws {
        try expectValid(NoUnusedFragmentsRule.self, """
            fragment a on User { login }
            { viewer { ...a ...unknown } }
            """)
    }
}
