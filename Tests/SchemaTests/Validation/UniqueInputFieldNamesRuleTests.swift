import Testing
@testable import Schema

@Suite struct UniqueInputFieldNamesRuleTests {
    @Test func distinctFieldsIncludingNestedObjectsWithTheSameNames() throws {
        try expectValid(UniqueInputFieldNamesRule.self, """
            mutation { openIssue(input: {repository: {id: "1"}, title: "t", labels: [], body: "b"}) { id } }
            query { resolve(ref: {id: "1"}) { issues(filter: {states: [OPEN], limit: 3}) { id } } }
            """)
    }

    @Test func repeatedFieldsPairedWithTheFirst() throws {
        try expectErrors(UniqueInputFieldNamesRule.self, """
            mutation {
              openIssue(input: {title: "a", repository: {id: "1", id: "2"}, title: "b", title: "c"}) { id }
            }
            """, [
                ExpectedError("There can be only one input field named \"id\".", [(2, 46), (2, 55)]),
                ExpectedError("There can be only one input field named \"title\".", [(2, 21), (2, 65)]),
                ExpectedError("There can be only one input field named \"title\".", [(2, 21), (2, 77)]),
            ])
    }

    @Test func sdlDefaultValues() throws {
        try expectSDLErrors(UniqueInputFieldNamesRule.self, """
            input In { x: Int }
            type Query { f(a: In = {x: 1, x: 2}): Int }
            """, [ExpectedError("There can be only one input field named \"x\".", [(2, 25), (2, 31)])])
    }
}
