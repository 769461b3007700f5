import Testing
@testable import Schema

@Suite struct FragmentsOnCompositeTypesRuleTests {
    @Test func objectInterfaceAndUnionConditions() throws {
        try expectValid(FragmentsOnCompositeTypesRule.self, """
            fragment a on User { login }
            fragment b on Actor { login }
            fragment c on SearchResult { ... on Issue { title } ... { __typename } }
            """)
    }

    @Test func scalarEnumAndInputConditions() throws {
        try expectErrors(FragmentsOnCompositeTypesRule.self, """
            fragment a on String { length }
            fragment b on Visibility { x }
            fragment c on User { ... on IssueFilter { since } }
            """, [
                ExpectedError("Fragment \"a\" cannot condition on non composite type \"String\".", [(1, 15)]),
                ExpectedError("Fragment \"b\" cannot condition on non composite type \"Visibility\".", [(2, 15)]),
                ExpectedError("Fragment cannot condition on non composite type \"IssueFilter\".", [(3, 29)]),
            ])
    }

    @Test func unknownTypesAreLeftToKnownTypeNames() throws {
        try expectValid(FragmentsOnCompositeTypesRule.self, "fragment a on Nope { x }")
    }
}
