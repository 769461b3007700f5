import Testing
@testable import Schema

@Suite struct KnownArgumentNamesOnDirectivesRuleTests {
    @Test func sdlDirectiveArguments() throws {
        try expectValidSDL(KnownArgumentNamesOnDirectivesRule.self, """
            directive @owner(team: String) on OBJECT
            type Query @owner(team: "core") { old: String @deprecated(reason: "gone") }
            """)
    }

    @Test func sdlUnknownArguments() throws {
        try expectSDLErrors(KnownArgumentNamesOnDirectivesRule.self, """
            directive @owner(team: String) on OBJECT
            type Query @owner(teem: "core") { old: String @deprecated(reasons: "gone") }
            """, [
                ExpectedError("Unknown argument \"teem\" on directive \"@owner\". Did you mean \"team\"?", [(2, 19)]),
                ExpectedError("Unknown argument \"reasons\" on directive \"@deprecated\". Did you mean \"reason\"?", [(2, 59)]),
            ])
    }

    @Test func sdlDirectivesOfAnExistingSchema() throws {
        try expectSDLErrors(KnownArgumentNamesOnDirectivesRule.self, """
            extend type User @tag(colour: "x")
            """, [ExpectedError("Unknown argument \"colour\" on directive \"@tag\".", [(1, 23)])],
            schema: validationTestSchema)
    }
}
