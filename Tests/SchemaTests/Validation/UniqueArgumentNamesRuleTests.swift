import Testing
@testable import Schema

@Suite struct UniqueArgumentNamesRuleTests {
    @Test func distinctArguments() throws {
        try expectValid(UniqueArgumentNamesRule.self, """
            { repository(owner: "a", name: "b") @include(if: true) { issues(state: OPEN, labels: ["x"]) { id } } }
            """)
    }

    @Test func repeatedArgumentsReportEveryOccurrence() throws {
        try expectErrors(UniqueArgumentNamesRule.self, """
            { repository(owner: "a", name: "b", owner: "c", owner: "d") @skip(if: true, if: false) { id } }
            """, [
                ExpectedError("There can be only one argument named \"owner\".", [(1, 14), (1, 37), (1, 49)]),
                ExpectedError("There can be only one argument named \"if\".", [(1, 67), (1, 77)]),
            ])
    }

    @Test func sdlDirectiveArguments() throws {
        try expectSDLErrors(UniqueArgumentNamesRule.self, """
            type Query { f: String @deprecated(reason: "a", reason: "b") }
            """, [ExpectedError("There can be only one argument named \"reason\".", [(1, 36), (1, 49)])])
    }
}
