import Testing
@testable import Schema

@Suite struct UniqueDirectivesPerLocationRuleTests {
    @Test func repeatableAndDistinctDirectives() throws {
        try expectValid(UniqueDirectivesPerLocationRule.self, """
            query Q @audit @trace {
              viewer @tag(name: "a") @tag(name: "b") @skip(if: false) @include(if: true) { login @skip(if: false) }
              again: viewer @skip(if: false) { id }
            }
            """)
    }

    @Test func duplicatesOnOneNode() throws {
        try expectErrors(UniqueDirectivesPerLocationRule.self, """
            query Q @audit @audit {
              viewer @skip(if: true) @cached @skip(if: false) @cached @skip(if: true) { id }
            }
            """, [
                ExpectedError("The directive \"@audit\" can only be used once at this location.", [(1, 9), (1, 16)]),
                ExpectedError("The directive \"@skip\" can only be used once at this location.", [(2, 10), (2, 34)]),
                ExpectedError("The directive \"@cached\" can only be used once at this location.", [(2, 26), (2, 51)]),
                ExpectedError("The directive \"@skip\" can only be used once at this location.", [(2, 10), (2, 59)]),
            ])
    }

    @Test func sdlTypeDirectivesAreUniqueAcrossExtensions() throws {
        try expectSDLErrors(UniqueDirectivesPerLocationRule.self, """
            directive @owner on SCHEMA | OBJECT | FIELD_DEFINITION
            type Team @owner { name: String @owner }
            extend type Team @owner
            schema @owner { query: Team }
            extend schema @owner
            type Other @owner { name: String @owner }
            """, [
                ExpectedError("The directive \"@owner\" can only be used once at this location.", [(2, 11), (3, 18)]),
                ExpectedError("The directive \"@owner\" can only be used once at this location.", [(4, 8), (5, 15)]),
            ])
    }

    @Test func sdlDirectivesOfAnExistingSchema() throws {
        try expectSDLErrors(UniqueDirectivesPerLocationRule.self, """
            extend type Repository @tag(name: "a") @tag(name: "b")
            extend type Issue @cached @cached
            """, [ExpectedError("The directive \"@cached\" can only be used once at this location.", [(2, 19), (2, 27)])],
            schema: validationTestSchema)
    }
}
