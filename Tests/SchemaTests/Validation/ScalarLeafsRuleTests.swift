import Testing
@testable import Schema

@Suite struct ScalarLeafsRuleTests {
    @Test func leavesWithoutAndCompositesWithSelections() throws {
        try expectValid(ScalarLeafsRule.self, """
            { viewer { login repositories { visibility owner { id } } } search(query: "q") { __typename } }
            """)
    }

    @Test func compositeFieldWithoutSelection() throws {
        try expectErrors(ScalarLeafsRule.self, """
            { viewer
              search(query: "q") }
            """, [
                ExpectedError("Field \"viewer\" of type \"User\" must have a selection of subfields. Did you mean \"viewer { ... }\"?",
                              [(1, 3)]),
                ExpectedError("Field \"search\" of type \"[SearchResult!]!\" must have a selection of subfields. Did you mean \"search { ... }\"?",
                              [(2, 3)]),
            ])
    }

    @Test func leafFieldWithSelection() throws {
        try expectErrors(ScalarLeafsRule.self, """
            { viewer { login { length } repositories { visibility { name } } } }
            """, [
                ExpectedError("Field \"login\" must not have a selection since type \"String!\" has no subfields.", [(1, 18)]),
                ExpectedError("Field \"visibility\" must not have a selection since type \"Visibility!\" has no subfields.",
                              [(1, 55)]),
            ])
    }
}
