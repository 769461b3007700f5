import Testing
@testable import Schema

@Suite struct OverlappingFieldsCanBeMergedRuleTests {
    let rule = OverlappingFieldsCanBeMergedRule.self
    let advice = "Use different aliases on the fields to fetch both if this was intentional."

    @Test func identicalFieldsAndArgumentsMerge() throws {
        try expectValid(rule, """
            {
              viewer {
                login
                login
                avatarUrl(size: 32)
                avatarUrl(size: 32)
                small: avatarUrl(size: 16)
              }
            }
            """)
    }

    @Test func argumentAndInputFieldOrderDoNotMatter() throws {
        try expectValid(rule, """
            {
              repository(owner: "a", name: "b") {
                issues(state: OPEN, filter: {since: "2024", limit: 5}) { id }
                issues(filter: {limit: 5, since: "2024"}, state: OPEN) { id }
              }
            }
            """)
    }

    @Test func sameResponseNameForDifferentFields() throws {
        try expectErrors(rule, """
            {
              viewer {
                name: login
                name: email
              }
            }
            """, [ExpectedError("Fields \"name\" conflict because \"login\" and \"email\" are different fields. \(advice)",
                                [(3, 5), (4, 5)])])
    }

    @Test func differingArguments() throws {
        try expectErrors(rule, """
            {
              viewer {
                avatarUrl(size: 32)
                avatarUrl(size: 64)
                avatarUrl
              }
            }
            """, [
                ExpectedError("Fields \"avatarUrl\" conflict because they have differing arguments. \(advice)",
                              [(3, 5), (4, 5)]),
                ExpectedError("Fields \"avatarUrl\" conflict because they have differing arguments. \(advice)",
                              [(3, 5), (5, 5)]),
                ExpectedError("Fields \"avatarUrl\" conflict because they have differing arguments. \(advice)",
                              [(4, 5), (5, 5)]),
            ])
    }

    @Test func differentObjectTypesMayDivergeButNotInShape() throws {
        try expectValid(rule, """
            {
              search(query: "q") {
                ... on Issue { label: title }
                ... on PullRequest { label: title }
                ... on Repository { label: name }
              }
            }
            """)
        try expectErrors(rule, """
            {
              search(query: "q") {
                ... on Issue { value: number }
                ... on Repository { value: name }
                ... on Repository { count: stars }
                ... on PullRequest { count: number }
              }
            }
            """, [
                ExpectedError("Fields \"value\" conflict because they return conflicting types \"Int!\" and \"String!\". \(advice)",
                              [(3, 20), (4, 25)]),
                ExpectedError("Fields \"count\" conflict because they return conflicting types \"Int\" and \"Int!\". \(advice)",
                              [(5, 25), (6, 26)]),
            ])
    }

    @Test func listShapeMustMatch() throws {
        try expectErrors(rule, """
            {
              search(query: "q") {
                ... on Issue { tags: labels }
                ... on User { tags: login }
              }
            }
            """, [ExpectedError("Fields \"tags\" conflict because they return conflicting types \"[String!]!\" and \"String!\". \(advice)",
                                [(3, 20), (4, 19)])])
    }

    @Test func interfaceAndObjectParentsMayOverlap() throws {
        try expectErrors(rule, """
            {
              node(id: "1") {
                ... on User { handle: login }
                ... on Actor { handle: avatarUrl }
              }
            }
            """, [ExpectedError("Fields \"handle\" conflict because \"login\" and \"avatarUrl\" are different fields. \(advice)",
                                [(3, 19), (4, 20)])])
    }

    @Test func deepConflictIsReportedAtTheOutermostFields() throws {
        try expectErrors(rule, """
            {
              repository(owner: "a", name: "b") {
                owner { id: login }
              }
              repository(owner: "a", name: "b") {
                owner { id }
              }
            }
            """, [ExpectedError(
                "Fields \"repository\" conflict because subfields \"owner\" conflict because subfields \"id\" conflict "
                    + "because \"login\" and \"id\" are different fields. \(advice)",
                [(2, 3), (3, 5), (3, 13), (5, 3), (6, 5), (6, 13)])])
    }

    @Test func severalSubfieldConflictsJoinedWithAnd() throws {
        try expectErrors(rule, """
            {
              viewer { a: login b: email }
              viewer { a: email b: login }
            }
            """, [ExpectedError(
                "Fields \"viewer\" conflict because subfields \"a\" conflict because \"login\" and \"email\" are different "
                    + "fields and subfields \"b\" conflict because \"email\" and \"login\" are different fields. \(advice)",
                [(2, 3), (2, 12), (2, 21), (3, 3), (3, 12), (3, 21)])])
    }

    @Test func fieldAgainstFragment() throws {
        try expectErrors(rule, """
            {
              viewer {
                ...userFields
                email: login
              }
            }

            fragment userFields on User {
              email
            }
            """, [ExpectedError("Fields \"email\" conflict because \"login\" and \"email\" are different fields. \(advice)",
                                [(4, 5), (9, 3)])])
    }

    @Test func conflictBetweenTwoFragmentsIsReportedOnce() throws {
        try expectErrors(rule, """
            {
              viewer { ...A ...B }
              node(id: "1") { ... on User { ...A ...B } }
            }
            fragment A on User { x: login }
            fragment B on User { x: email }
            """, [ExpectedError("Fields \"x\" conflict because \"login\" and \"email\" are different fields. \(advice)",
                                [(5, 22), (6, 22)])])
    }

    @Test func conflictThroughNestedFragments() throws {
        try expectErrors(rule, """
            {
              viewer { ...Outer email: login }
            }
            fragment Outer on User { ...Inner }
            fragment Inner on User { email }
            """, [ExpectedError("Fields \"email\" conflict because \"login\" and \"email\" are different fields. \(advice)",
                                [(2, 21), (5, 26)])])
    }

    @Test func recursiveFragmentsTerminate() throws {
        try expectValid(rule, """
            { viewer { ...Loop } }
            fragment Loop on User { login ...Loop }
            """)
        try expectValid(rule, """
            { repository(owner: "a", name: "b") { ...P ...Q } }
            fragment P on Repository { owner { ...on User { repositories { ...P } } } }
            fragment Q on Repository { owner { ...on User { repositories { ...Q } } } }
            """)
    }

    @Test func unknownFragmentsAndTypesAreIgnored() throws {
        try expectValid(rule, """
            {
              viewer { ...Missing login }
              node(id: "1") { ... on Nope { a: b } ... on Other { a: b } }
            }
            """)
    }

    /// Fragments spread along a Fibonacci-shaped graph (every fragment spreads the next two),
    /// each repeating the same fields: expanding it fully would take ~2^40 steps. The memoised
    /// comparisons finish quickly and still find the one conflict that is really there.
    @Test func fragmentHeavyDocumentStaysBounded() throws {
        let count = 40
        var document = """
            {
              repository(owner: "o", name: "n") {
                ...F0
                ...F1
                pick: name
                pick: stars
              }
            }

            """
        for i in 0..<count {
            let spreads = (i + 1 < count ? " ...F\(i + 1)" : "") + (i + 2 < count ? " ...F\(i + 2)" : "")
            document += "fragment F\(i) on Repository { name stars owner { login } issues { id title }\(spreads) }\n"
        }
        let errors = try validationErrors(rule, document)
        #expect(errors.count == 1)
        #expect(errors.first?.locations == [SourceLocation(line: 5, column: 5), SourceLocation(line: 6, column: 5)])

        var repeated = "{ viewer {"
        for _ in 0..<300 { repeated += " login avatarUrl(size: 1) repositories { id }" }
        repeated += " } }"
        try expectValid(rule, repeated)
    }

    /// Two chains of fragments, each nesting fields 40 deep per fragment, compared with each
    /// other: the comparison nests far deeper than the document does. It stops at the
    /// comparison depth limit instead of exhausting the stack; a conflict within the limit is
    /// still found.
    @Test func deepFragmentChainsDoNotExhaustTheStack() throws {
        func chains(fragments: Int, nesting: Int) -> String {
            var document = "{ viewer { ...A0 ...B0 } }\n"
            for prefix in ["A", "B"] {
                for i in 0..<fragments {
                    document += "fragment \(prefix)\(i) on User { " + String(repeating: "x { ", count: nesting)
                    document += i + 1 < fragments ? "...\(prefix)\(i + 1)" : (prefix == "A" ? "y: a" : "y: b")
                    document += String(repeating: " }", count: nesting) + " }\n"
                }
            }
            return document
        }
        let shallow = try validationErrors(rule, chains(fragments: 3, nesting: 40))
        #expect(shallow.count == 1)
        #expect(shallow.first?.locations.count == 242)
        let deep = try validationErrors(rule, chains(fragments: 50, nesting: 40))
        #expect(deep.isEmpty)
    }
}
