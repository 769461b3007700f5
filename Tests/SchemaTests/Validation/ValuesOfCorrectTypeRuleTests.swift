import Testing
@testable import Schema

@Suite struct ValuesOfCorrectTypeRuleTests {
    let rule = ValuesOfCorrectTypeRule.self

    @Test func validLiterals() throws {
        try expectValid(rule, """
            query ($id: ID!) {
              repository(owner: "a", name: \"\"\"b\"\"\") {
                issues(state: CLOSED, labels: "bug", filter: {states: [OPEN, CLOSED], limit: 3}) { id }
                pullRequest(number: 7) { id }
              }
              node(id: 42) { id }
              other: node(id: $id) { id }
              resolve(ref: {fullName: "a/b"}) { id }
            }
            """)
    }

    @Test func scalarMismatches() throws {
        try expectErrors(rule, """
            {
              repository(owner: 12, name: true) {
                pullRequest(number: 1.5) { id }
                other: pullRequest(number: 3000000000) { id }
              }
              node(id: 1.0) { id }
            }
            """, [
                ExpectedError("String cannot represent a non string value: 12", [(2, 21)]),
                ExpectedError("String cannot represent a non string value: true", [(2, 31)]),
                ExpectedError("Int cannot represent non-integer value: 1.5", [(3, 25)]),
                ExpectedError("Int cannot represent non 32-bit signed integer value: 3000000000", [(4, 32)]),
                ExpectedError("ID cannot represent a non-string and non-integer value: 1.0", [(6, 12)]),
            ])
    }

    @Test func enumLiterals() throws {
        try expectErrors(rule, """
            {
              repository(owner: "a", name: "b") {
                open: issues(state: OPENED) { id }
                quoted: issues(state: "OPEN") { id }
                listed: issues(state: [OPEN, 3]) { id }
              }
            }
            """, [
                ExpectedError("Value \"OPENED\" does not exist in \"IssueState\" enum. Did you mean the enum value \"OPEN\"?",
                              [(3, 25)]),
                ExpectedError("Enum \"IssueState\" cannot represent non-enum value: \"OPEN\". Did you mean the enum value \"OPEN\"?",
                              [(4, 27)]),
                ExpectedError("Enum \"IssueState\" cannot represent non-enum value: [OPEN, 3].", [(5, 27)]),
            ])
    }

    @Test func listItemsAreCheckedOneByOne() throws {
        try expectErrors(rule, """
            {
              repository(owner: "a", name: "b") {
                issues(labels: ["a", 1, null]) { id }
              }
            }
            """, [
                ExpectedError("String cannot represent a non string value: 1", [(3, 26)]),
                ExpectedError("Expected value of type \"String!\", found null.", [(3, 29)]),
            ])
    }

    @Test func objectWhereScalarExpectedIsOneError() throws {
        try expectErrors(rule, """
            { node(id: {a: 1, b: [2]}) { id } }
            """, [ExpectedError("ID cannot represent a non-string and non-integer value: {a: 1, b: [2]}", [(1, 12)])])
    }

    @Test func nullInNonNullPosition() throws {
        try expectErrors(rule, """
            { node(id: null) { id } }
            """, [ExpectedError("Expected value of type \"ID!\", found null.", [(1, 12)])])
    }

    @Test func inputObjectFields() throws {
        try expectErrors(rule, """
            mutation {
              openIssue(input: {title: "t", tittle: "x", body: 3}) { id }
            }
            """, [
                ExpectedError("Field \"NewIssue.repository\" of required type \"RepositoryRef!\" was not provided.",
                              [(2, 20)]),
                ExpectedError("Field \"tittle\" is not defined by type \"NewIssue\". Did you mean \"title\"?", [(2, 33)]),
                ExpectedError("String cannot represent a non string value: 3", [(2, 52)]),
            ])
    }

    @Test func oneOfInputObjects() throws {
        try expectErrors(rule, """
            query ($id: ID, $name: String!) {
              a: resolve(ref: {id: "1", fullName: "a/b"}) { id }
              b: resolve(ref: {}) { id }
              c: resolve(ref: {id: null}) { id }
              d: resolve(ref: {id: $id}) { id }
              e: resolve(ref: {fullName: $name}) { id }
            }
            """, [
                ExpectedError("OneOf Input Object \"RepositoryRef\" must specify exactly one key.", [(2, 19)]),
                ExpectedError("OneOf Input Object \"RepositoryRef\" must specify exactly one key.", [(3, 19)]),
                ExpectedError("Field \"RepositoryRef.id\" must be non-null.", [(4, 19)]),
                ExpectedError("Variable \"id\" must be non-nullable to be used for OneOf Input Object \"RepositoryRef\".",
                              [(5, 19)]),
            ])
    }

    @Test func defaultValuesOfVariablesAreChecked() throws {
        try expectErrors(rule, """
            query ($first: Int = "ten", $state: IssueState = OPEN) {
              search(query: "q", first: $first) { __typename }
            }
            """, [ExpectedError("Int cannot represent non-integer value: \"ten\"", [(1, 22)])])
    }

    @Test func customScalarErrorsAreWrapped() throws {
        let schema = try buildSchema("""
            scalar DateTime
            type Query { events(since: DateTime): [String] }
            """, options: BuildSchemaOptions(scalars: ["DateTime": .dateTime]))
        let errors = try expectErrors(rule, """
            {
              a: events(since: "2024-02-29T13:45:00Z")
              b: events(since: 12)
              c: events(since: "yesterday")
            }
            """, [(3, 20), (4, 20)], schema: schema)
        #expect(errors.map(\.message) == [
            "Expected value of type \"DateTime\", found 12; DateTime cannot represent a non string value: 12",
            "Expected value of type \"DateTime\", found \"yesterday\"; "
                + "DateTime cannot represent an invalid date-time string: \"yesterday\"",
        ])
    }
}
