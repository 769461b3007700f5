import Testing
@testable import Schema

@Suite struct PossibleTypeExtensionsRuleTests {
    @Test func extensionsOfTheSameKind() throws {
        try expectValidSDL(PossibleTypeExtensionsRule.self, """
            scalar Url
            type Team { name: String }
            interface Named { name: String }
            union Owner = Team
            enum Role { OWNER }
            input TeamInput { name: String }
            extend scalar Url @deprecated
            extend type Team { size: Int }
            extend interface Named { id: ID }
            extend union Owner = Team
            extend enum Role { GUEST }
            extend input TeamInput { size: Int }
            """)
    }

    @Test func extensionsOfAnotherKind() throws {
        try expectSDLErrors(PossibleTypeExtensionsRule.self, """
            type Team { name: String }
            enum Role { OWNER }
            extend input Team { size: Int }
            extend union Role = Team
            """, [
                ExpectedError("Cannot extend non-input object type \"Team\".", [(1, 1), (3, 1)]),
                ExpectedError("Cannot extend non-union type \"Role\".", [(2, 1), (4, 1)]),
            ])
    }

    @Test func extensionsOfUndefinedTypes() throws {
        try expectSDLErrors(PossibleTypeExtensionsRule.self, """
            type Team { name: String }
            extend type Teams { size: Int }
            extend enum Unknown { A }
            """, [
                ExpectedError("Cannot extend type \"Teams\" because it is not defined. Did you mean \"Team\"?", [(2, 13)]),
                ExpectedError("Cannot extend type \"Unknown\" because it is not defined.", [(3, 13)]),
            ])
    }

    @Test func extensionsOfSchemaTypes() throws {
        try expectSDLErrors(PossibleTypeExtensionsRule.self, """
            extend type User { team: String }
            extend interface Actor { team: String }
            extend enum SearchResult { X }
            extend input Visiblity { x: Int }
            """, [
                ExpectedError("Cannot extend non-enum type \"SearchResult\".", [(3, 1)]),
                ExpectedError("Cannot extend type \"Visiblity\" because it is not defined. Did you mean \"Visibility\"?",
                              [(4, 14)]),
            ], schema: validationTestSchema)
    }
}
