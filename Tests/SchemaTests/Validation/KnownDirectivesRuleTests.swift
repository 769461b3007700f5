import Testing
@testable import Schema

@Suite struct KnownDirectivesRuleTests {
    @Test func knownDirectivesInAllowedLocations() throws {
        try expectValid(KnownDirectivesRule.self, """
            query Q($flag: Boolean!, $limit: Int @trace) @audit(reason: "x") @trace {
              viewer @include(if: $flag) @tag(name: "a") @tag(name: "b") {
                ...login @skip(if: $flag) @tag(name: "s")
                ... on User @cached(ttl: 5) { email }
              }
            }
            fragment login on User @trace { login }
            """)
    }

    @Test func unknownDirectives() throws {
        try expectErrors(KnownDirectivesRule.self, """
            { viewer @unknown { login @include(if: true) @Include(if: true) } }
            """, [
                ExpectedError("Unknown directive \"@unknown\".", [(1, 10)]),
                ExpectedError("Unknown directive \"@Include\".", [(1, 46)]),
            ])
    }

    @Test func misplacedDirectives() throws {
        try expectErrors(KnownDirectivesRule.self, """
            subscription S($id: ID! @audit) @audit {
              issueOpened(repository: $id) @deprecated { ... on Issue @trace { id } }
            }
            fragment f on User @skip(if: true) { login }
            """, [
                ExpectedError("Directive \"@audit\" may not be used on VARIABLE_DEFINITION.", [(1, 25)]),
                ExpectedError("Directive \"@audit\" may not be used on SUBSCRIPTION.", [(1, 33)]),
                ExpectedError("Directive \"@deprecated\" may not be used on FIELD.", [(2, 32)]),
                ExpectedError("Directive \"@trace\" may not be used on INLINE_FRAGMENT.", [(2, 59)]),
                ExpectedError("Directive \"@skip\" may not be used on FRAGMENT_DEFINITION.", [(4, 20)]),
            ])
    }

    @Test func sdlLocationsIncludingDirectivesDefinedInTheDocument() throws {
        try expectValidSDL(KnownDirectivesRule.self, """
            directive @owner(team: String) on OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
            type Query @owner { field(arg: Int @owner): String @owner @deprecated }
            input In { x: Int @owner @deprecated }
            scalar Url @specifiedBy(url: "https://url.spec.whatwg.org")
            input Choice @oneOf { a: Int b: Int }
            """)
    }

    @Test func sdlMisplacedAndUnknown() throws {
        try expectSDLErrors(KnownDirectivesRule.self, """
            directive @owner on OBJECT
            schema @owner { query: Query }
            type Query { field(arg: Int @owner): String @oneOf }
            extend type Query @owner @nope
            enum E { A @owner }
            input In { x: Int @specifiedBy(url: "x") }
            """, [
                ExpectedError("Directive \"@owner\" may not be used on SCHEMA.", [(2, 8)]),
                ExpectedError("Directive \"@owner\" may not be used on ARGUMENT_DEFINITION.", [(3, 29)]),
                ExpectedError("Directive \"@oneOf\" may not be used on FIELD_DEFINITION.", [(3, 45)]),
                ExpectedError("Unknown directive \"@nope\".", [(4, 26)]),
                ExpectedError("Directive \"@owner\" may not be used on ENUM_VALUE.", [(5, 12)]),
                ExpectedError("Directive \"@specifiedBy\" may not be used on INPUT_FIELD_DEFINITION.", [(6, 19)]),
            ])
    }

    @Test func sdlAgainstAnExistingSchema() throws {
        try expectSDLErrors(KnownDirectivesRule.self, """
            extend type User @tag(name: "x") @cached
            """, [ExpectedError("Directive \"@cached\" may not be used on OBJECT.", [(1, 34)])],
            schema: validationTestSchema)
    }
}
