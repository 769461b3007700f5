import Testing
@testable import Schema

@Suite struct KnownArgumentNamesRuleTests {
    @Test func definedArguments() throws {
        try expectValid(KnownArgumentNamesRule.self, """
            {
              viewer @include(if: true) { repositories(first: 1, visibility: PUBLIC) { name } avatarUrl(size: 8) }
              __type(name: "User") { fields(includeDeprecated: true) { name } }
            }
            """)
    }

    @Test func unknownFieldArgumentsWithSuggestions() throws {
        try expectErrors(KnownArgumentNamesRule.self, """
            { viewer { repositories(frist: 1, visibilty: PUBLIC, zzz: 1) { name } } }
            """, [
                ExpectedError("Unknown argument \"frist\" on field \"User.repositories\". Did you mean \"first\"?", [(1, 25)]),
                ExpectedError("Unknown argument \"visibilty\" on field \"User.repositories\". Did you mean \"visibility\"?",
                              [(1, 35)]),
                ExpectedError("Unknown argument \"zzz\" on field \"User.repositories\".", [(1, 54)]),
            ])
    }

    @Test func unknownDirectiveArgumentsAreReportedOnceAsDirectiveErrors() throws {
        try expectErrors(KnownArgumentNamesRule.self, """
            { viewer @skip(iff: true) @tag(nam: "x") @unknown(a: 1) { login(x: 1) } }
            """, [
                ExpectedError("Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?", [(1, 16)]),
                ExpectedError("Unknown argument \"nam\" on directive \"@tag\". Did you mean \"name\"?", [(1, 32)]),
                ExpectedError("Unknown argument \"x\" on field \"User.login\".", [(1, 65)]),
            ])
    }

    @Test func argumentsOfUnknownFieldsAreIgnored() throws {
        try expectValid(KnownArgumentNamesRule.self, "{ nope(a: 1) viewer { nope(b: 2) } }")
    }
}
