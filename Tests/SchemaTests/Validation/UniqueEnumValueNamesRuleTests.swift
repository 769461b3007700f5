import Testing
@testable import Schema

@Suite struct UniqueEnumValueNamesRuleTests {
    @Test func distinctValuesAcrossExtensions() throws {
        try expectValidSDL(UniqueEnumValueNamesRule.self, """
            enum Role { OWNER MEMBER }
            extend enum Role { GUEST }
            enum Other { OWNER }
            """)
    }

    @Test func repeatedValues() throws {
        try expectSDLErrors(UniqueEnumValueNamesRule.self, """
            enum Role { OWNER MEMBER OWNER }
            extend enum Role { MEMBER }
            """, [
                ExpectedError("Enum value \"Role.OWNER\" can only be defined once.", [(1, 13), (1, 26)]),
                ExpectedError("Enum value \"Role.MEMBER\" can only be defined once.", [(1, 19), (2, 20)]),
            ])
    }

    @Test func valuesTheSchemaAlreadyHas() throws {
        try expectSDLErrors(UniqueEnumValueNamesRule.self, """
            extend enum Visibility { SECRET PUBLIC SECRET }
            """, [
                ExpectedError("Enum value \"Visibility.PUBLIC\" already exists in the schema. It cannot also be defined in this type extension.",
                              [(1, 33)]),
                ExpectedError("Enum value \"Visibility.SECRET\" can only be defined once.", [(1, 26), (1, 40)]),
            ], schema: validationTestSchema)
    }
}
