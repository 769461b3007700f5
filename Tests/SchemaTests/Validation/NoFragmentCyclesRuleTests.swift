import Testing
@testable import Schema

@Suite struct NoFragmentCyclesRuleTests {
    let rule = NoFragmentCyclesRule.self

    @Test func acyclicSpreads() throws {
        try expectValid(rule, """
            { viewer { ...A ...B } }
            fragment A on User { ...B ...C }
            fragment B on User { ...C }
            fragment C on User { login ...Missing }
            """)
    }

    @Test func selfSpread() throws {
        try expectErrors(rule, """
            fragment Self on User { login ...Self }
            """, [ExpectedError("Cannot spread fragment \"Self\" within itself.", [(1, 31)])])
    }

    @Test func cycleThroughSeveralFragmentsIsReportedOnceWithItsPath() throws {
        try expectErrors(rule, """
            fragment A on User { ...B }
            fragment B on User { repositories { owner { ... on User { ...C } } } }
            fragment C on User { ...A ...B }
            """, [
                ExpectedError("Cannot spread fragment \"A\" within itself via \"B\", \"C\".", [(1, 22), (2, 59), (3, 22)]),
                ExpectedError("Cannot spread fragment \"B\" within itself via \"C\".", [(2, 59), (3, 27)]),
            ])
    }

    @Test func longChainDoesNotExhaustTheStack() throws {
        var document = ""
        let count = 1500
        for i in 0..<count { document += "fragment F\(i) on User { ...F\((i + 1) % count) }\n" }
        let errors = try validationErrors(rule, document)
        #expect(errors.count == 1)
        #expect(errors.first?.locations.count == count)
    }
}
