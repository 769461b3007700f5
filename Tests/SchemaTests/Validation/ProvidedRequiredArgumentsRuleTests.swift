import Testing
@testable import Schema

@Suite struct ProvidedRequiredArgumentsRuleTests {
    let rule = ProvidedRequiredArgumentsRule.self

    @Test func requiredArgumentsGivenOrDefaulted() throws {
        try expectValid(rule, """
            {
              repository(name: "b", owner: "a") { pullRequest(number: 1) { id } }
              search(query: "q") { __typename }
              viewer @tag(name: "t") { login @include(if: true) @cached }
              unknownField
            }
            """)
    }

    @Test func missingFieldArguments() throws {
        try expectErrors(rule, """
            {
              repository(owner: "a") {
                pullRequest { id }
              }
              node { id }
            }
            """, [
                ExpectedError("Field \"pullRequest\" argument \"number\" of type \"Int!\" is required, but it was not provided.",
                              [(3, 5)]),
                ExpectedError("Field \"repository\" argument \"name\" of type \"String!\" is required, but it was not provided.",
                              [(2, 3)]),
                ExpectedError("Field \"node\" argument \"id\" of type \"ID!\" is required, but it was not provided.",
                              [(5, 3)]),
            ])
    }

    @Test func missingDirectiveArguments() throws {
        try expectErrors(rule, """
            {
              viewer @tag { login @skip @include(if: false) }
            }
            """, [
                ExpectedError("Directive \"@tag\" argument \"name\" of type \"String!\" is required, but it was not provided.",
                              [(2, 10)]),
                ExpectedError("Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.",
                              [(2, 23)]),
            ])
    }
}

@Suite struct ProvidedRequiredArgumentsOnDirectivesRuleTests {
    let rule = ProvidedRequiredArgumentsOnDirectivesRule.self

    @Test func directivesDefinedInTheDocument() throws {
        try expectSDLErrors(rule, """
            directive @owner(team: String!, since: Int = 2020, note: String) on OBJECT | FIELD_DEFINITION
            type Service @owner(team: "core") {
              name: String @owner
              legacy: String @deprecated
            }
            """, [ExpectedError(
                "Directive \"@owner\" argument \"team\" of type \"String!\" is required, but it was not provided.",
                [(3, 16)])])
    }

    @Test func builtInAndSchemaDirectives() throws {
        try expectSDLErrors(rule, """
            type Extra @tag { id: ID @include }
            """, [
                ExpectedError("Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.",
                              [(1, 26)]),
            ])
        try expectSDLErrors(rule, """
            extend type User @tag
            """, [ExpectedError("Directive \"@tag\" argument \"name\" of type \"String!\" is required, but it was not provided.",
                                [(1, 18)])], schema: validationTestSchema)
    }
}
