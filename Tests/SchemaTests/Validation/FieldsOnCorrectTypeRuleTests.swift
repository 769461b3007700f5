import Testing
@testable import Schema

@Suite struct FieldsOnCorrectTypeRuleTests {
    @Test func definedFieldsMetaFieldsAndAliases() throws {
        try expectValid(FieldsOnCorrectTypeRule.self, """
            {
              me: viewer { handle: login __typename }
              __schema { queryType { name } }
              __type(name: "User") { fields { name } }
              search(query: "q") { __typename ... on Issue { title } }
            }
            """)
    }

    @Test func typoSuggestsSimilarFields() throws {
        try expectErrors(FieldsOnCorrectTypeRule.self, """
            { viewer { logn emial repositoriez { nam } } }
            """, [
                ExpectedError("Cannot query field \"logn\" on type \"User\". Did you mean \"login\"?", [(1, 12)]),
                ExpectedError("Cannot query field \"emial\" on type \"User\". Did you mean \"email\"?", [(1, 17)]),
                ExpectedError("Cannot query field \"repositoriez\" on type \"User\". Did you mean \"repositories\"?", [(1, 23)]),
            ])
    }

    @Test func fieldOfSomePossibleTypesSuggestsInlineFragments() throws {
        try expectErrors(FieldsOnCorrectTypeRule.self, """
            { search(query: "q") { title id } node(id: "1") { login createdAt } }
            """, [
                ExpectedError("Cannot query field \"title\" on type \"SearchResult\". Did you mean to use an inline fragment on \"Issue\" or \"PullRequest\"?",
                              [(1, 24)]),
                ExpectedError("Cannot query field \"id\" on type \"SearchResult\". Did you mean to use an inline fragment on \"Node\", \"Actor\", \"Issue\", \"PullRequest\", or \"Repository\"?",
                              [(1, 30)]),
                ExpectedError("Cannot query field \"login\" on type \"Node\". Did you mean to use an inline fragment on \"Actor\", \"Bot\", or \"User\"?",
                              [(1, 51)]),
                ExpectedError("Cannot query field \"createdAt\" on type \"Node\". Did you mean to use an inline fragment on \"Timestamped\", \"Issue\", \"PullRequest\", or \"Repository\"?",
                              [(1, 57)]),
            ])
    }

    @Test func metaFieldsOnlyOnTheQueryRoot() throws {
        try expectErrors(FieldsOnCorrectTypeRule.self, """
            { viewer { __schema { types { name } } } }
            mutation { __type(name: "User") { name } }
            """, [
                ExpectedError("Cannot query field \"__schema\" on type \"User\".", [(1, 12)]),
                ExpectedError("Cannot query field \"__type\" on type \"Mutation\".", [(2, 12)]),
            ])
    }

    @Test func unknownParentReportsOnlyTheOutermostField() throws {
        try expectErrors(FieldsOnCorrectTypeRule.self, """
            { viewr { nope { deeper } } }
            fragment f on Unknown { anything }
            """, [ExpectedError("Cannot query field \"viewr\" on type \"Query\". Did you mean \"viewer\"?", [(1, 3)])])
    }
}
