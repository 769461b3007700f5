import Testing
@testable import Schema

@Suite struct UniqueFieldDefinitionNamesRuleTests {
    @Test func distinctFieldsAcrossExtensions() throws {
        try expectValidSDL(UniqueFieldDefinitionNamesRule.self, """
            type Team { name: String }
            extend type Team { size: Int }
            interface Named { name: String }
            input TeamInput { name: String }
            extend input TeamInput { size: Int }
            """)
    }

    @Test func repeatedFieldsInObjectsInterfacesAndInputs() throws {
        try expectSDLErrors(UniqueFieldDefinitionNamesRule.self, """
            type Team { name: String name: String }
            extend type Team { name: Int }
            interface Named { name: String name: String }
            input TeamInput { size: Int size: Int }
            """, [
                ExpectedError("Field \"Team.name\" can only be defined once.", [(1, 13), (1, 26)]),
                ExpectedError("Field \"Team.name\" can only be defined once.", [(1, 13), (2, 20)]),
                ExpectedError("Field \"Named.name\" can only be defined once.", [(3, 19), (3, 32)]),
                ExpectedError("Field \"TeamInput.size\" can only be defined once.", [(4, 19), (4, 29)]),
            ])
    }

    @Test func fieldsTheSchemaAlreadyHas() throws {
        try expectSDLErrors(UniqueFieldDefinitionNamesRule.self, """
            extend type User { email: String team: String }
            extend input IssueFilter { limit: Int label: String }
            """, [
                ExpectedError("Field \"User.email\" already exists in the schema. It cannot also be defined in this type extension.",
                              [(1, 20)]),
                ExpectedError("Field \"IssueFilter.limit\" already exists in the schema. It cannot also be defined in this type extension.",
                              [(2, 28)]),
            ], schema: validationTestSchema)
    }
}
