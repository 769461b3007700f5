import Testing
@testable import Schema

@Suite struct MaxIntrospectionDepthRuleTests {
    let rule = MaxIntrospectionDepthRule.self

    @Test func shallowIntrospection() throws {
        try expectValid(rule, """
            {
              __schema {
                types { fields { type { fields { name } inputFields { name } } } interfaces { possibleTypes { name } } }
              }
              __type(name: "User") { fields { type { ofType { ofType { ofType { name } } } } } }
            }
            """)
    }

    @Test func threeNestedListFields() throws {
        try expectErrors(rule, """
            {
              __type(name: "User") {
                fields { type { interfaces { possibleTypes { name } } } }
              }
              deep: __schema { types { inputFields { type { inputFields { type { inputFields { name } } } } } } }
            }
            """, [
                ExpectedError("Maximum introspection depth exceeded", [(2, 3)]),
                ExpectedError("Maximum introspection depth exceeded", [(5, 3)]),
            ])
    }

    @Test func depthAddsUpThroughFragments() throws {
        try expectErrors(rule, """
            query {
              ... { __schema { types { ...Level1 } } }
            }
            fragment Level1 on __Type { fields { type { ...Level2 } } }
            fragment Level2 on __Type { ... on __Type { interfaces { ...Level3 } } }
            fragment Level3 on __Type { possibleTypes { name } }
            """, [ExpectedError("Maximum introspection depth exceeded", [(2, 9)])])
    }

    @Test func cyclesAndMissingFragmentsEndTheSearch() throws {
        try expectValid(rule, """
            { __schema { types { ...Cycle ...Missing } } }
            fragment Cycle on __Type { name ofType { ...Cycle } }
            """)
    }

    @Test func sharedFragmentsAreNotReexpanded() throws {
        // Every fragment spreads the next twice: without memoisation this would be 2^60 steps.
        var document = "{ __schema { types { ...T0 } } }\n"
        for i in 0..<60 { document += "fragment T\(i) on __Type { name ofType { ...T\(i + 1) ...T\(i + 1) } }\n" }
        document += "fragment T60 on __Type { fields { type { fields { name } } } }\n"
        try expectValid(rule, document)
        try expectErrors(rule, document + "{ again: __schema { types { ...T0 fields { ...T59 } } } }", [(63, 3)])
    }
}
