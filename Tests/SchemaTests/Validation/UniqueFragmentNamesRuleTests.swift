import Testing
@testable import Schema

@Suite struct UniqueFragmentNamesRuleTests {
    @Test func distinctFragments() throws {
        try expectValid(UniqueFragmentNamesRule.self, """
            { viewer { ...a ...b } }
            fragment a on User { login }
            fragment b on User { email }
            """)
    }

    @Test func repeatedFragmentNames() throws {
        try expectErrors(UniqueFragmentNamesRule.self, """
            { viewer { ...a } }
            fragment a on User { login }
            fragment a on User { email }
            fragment a on Actor { id }
            """, [
                ExpectedError("There can be only one fragment named \"a\".", [(2, 10), (3, 10)]),
                ExpectedError("There can be only one fragment named \"a\".", [(2, 10), (4, 10)]),
            ])
    }
}
