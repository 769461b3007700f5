import Testing
@testable import Schema

@Suite struct KnownFragmentNamesRuleTests {
    @Test func definedFragments() throws {
        try expectValid(KnownFragmentNamesRule.self, """
            { viewer { ...a ... on User { ...b } } }
            fragment a on User { login }
            fragment b on User { ...a }
            """)
    }

    @Test func undefinedFragmentsAreReportedAtTheirName() throws {
        try expectErrors(KnownFragmentNamesRule.self, """
            { viewer { ...missing ... on User { ...alsoMissing } } }
            fragment a on User { ... missing }
            """, [
                ExpectedError("Unknown fragment \"missing\".", [(1, 15)]),
                ExpectedError("Unknown fragment \"alsoMissing\".", [(1, 40)]),
                ExpectedError("Unknown fragment \"missing\".", [(2, 26)]),
            ])
    }
}
