import Testing
@testable import Schema

@Suite struct VariablesInAllowedPositionRuleTests {
    let rule = VariablesInAllowedPositionRule.self

    @Test func compatibleVariables() throws {
        try expectValid(rule, """
            query ($id: ID!, $size: Int!, $labels: [String!]!, $state: IssueState, $one: IssueState!, $ref: RepositoryRef!) {
              node(id: $id) { id }
              viewer { avatarUrl(size: $size) }
              repository(owner: "a", name: "b") {
                issues(labels: $labels, state: $state, filter: {states: [$one]}) { id }
              }
              resolve(ref: $ref) { id }
            }
            """)
    }

    @Test func nullableVariableInNonNullPosition() throws {
        try expectErrors(rule, """
            query Find($id: ID, $owner: String) {
              node(id: $id) { id }
              repository(owner: $owner, name: "x") { id }
            }
            """, [
                ExpectedError("Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\".", [(1, 12), (2, 12)]),
                ExpectedError("Variable \"$owner\" of type \"String\" used in position expecting type \"String!\".",
                              [(1, 21), (3, 21)]),
            ])
    }

    @Test func defaultsMakeNullableVariablesAcceptable() throws {
        // A non-null variable default, or a default on the argument itself, allows a nullable variable.
        try expectValid(rule, """
            query ($id: ID = "1", $first: Int) {
              node(id: $id) { id }
              search(query: "q", first: $first) { __typename }
            }
            """)
        try expectErrors(rule, """
            query ($id: ID = null) {
              node(id: $id) { id }
            }
            """, [ExpectedError("Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\".",
                                [(1, 8), (2, 12)])])
    }

    @Test func listAndTypeMismatches() throws {
        try expectErrors(rule, """
            query ($labels: [String], $label: String!, $count: Int) {
              repository(owner: "a", name: "b") {
                a: issues(labels: $labels) { id }
                b: issues(labels: [$label]) { id }
                c: pullRequest(number: $count) { id }
              }
              viewer { login }
              search(query: $label, first: $label) { __typename }
            }
            """, [
                ExpectedError("Variable \"$labels\" of type \"[String]\" used in position expecting type \"[String!]\".",
                              [(1, 8), (3, 23)]),
                ExpectedError("Variable \"$count\" of type \"Int\" used in position expecting type \"Int!\".",
                              [(1, 44), (5, 28)]),
                ExpectedError("Variable \"$label\" of type \"String!\" used in position expecting type \"Int\".",
                              [(1, 27), (8, 32)]),
            ])
    }

    @Test func usagesInsideFragmentsAreChecked() throws {
        try expectErrors(rule, """
            query ($size: String) { viewer { ...Avatar } }
            fragment Avatar on User { avatarUrl(size: $size) }
            """, [ExpectedError("Variable \"$size\" of type \"String\" used in position expecting type \"Int\".",
                                [(1, 8), (2, 43)])])
    }

    /// As in graphql-js, the check applies where the `@oneOf` type itself is expected (a nullable
    /// position); below a non-null `@oneOf` position `ValuesOfCorrectTypeRule` reports it instead.
    @Test func oneOfFieldsNeedNonNullVariables() throws {
        let schema = try buildSchema("""
            input Ref @oneOf { id: ID, name: String }
            type Query { find(ref: Ref): String, get(ref: Ref!): String }
            """)
        try expectErrors(rule, """
            query ($id: ID, $name: String!) {
              a: find(ref: {id: $id})
              b: find(ref: {name: $name})
              c: get(ref: {id: $id})
            }
            """, [ExpectedError(
                "Variable \"$id\" is of type \"ID\" but must be non-nullable to be used for OneOf Input Object \"Ref\".",
                [(1, 8), (2, 21)])], schema: schema)
    }
}
