import Testing
@testable import Schema

@Suite struct UniqueTypeNamesRuleTests {
    @Test func distinctNamesAndExtensions() throws {
        try expectValidSDL(UniqueTypeNamesRule.self, """
            type Team { name: String }
            extend type Team { size: Int }
            enum Role { OWNER }
            """)
    }

    @Test func repeatedNamesOfAnyKind() throws {
        try expectSDLErrors(UniqueTypeNamesRule.self, """
            type Team { name: String }
            scalar Team
            input Team { name: String }
            """, [
                ExpectedError("There can be only one type named \"Team\".", [(1, 6), (2, 8)]),
                ExpectedError("There can be only one type named \"Team\".", [(1, 6), (3, 7)]),
            ])
    }

    @Test func namesTheSchemaAlreadyHas() throws {
        try expectSDLErrors(UniqueTypeNamesRule.self, """
            type Team { name: String }
            union SearchResult = Team
            """, [ExpectedError("Type \"SearchResult\" already exists in the schema. It cannot also be defined in this type definition.",
                                [(2, 7)])],
            schema: validationTestSchema)
    }
}
