import Testing
@testable import Schema

@Suite struct KnownTypeNamesRuleTests {
    @Test func knownTypesInVariablesAndConditions() throws {
        try expectValid(KnownTypeNamesRule.self, """
            query Q($ref: RepositoryRef!, $states: [IssueState!]) {
              resolve(ref: $ref) { ... on Repository { issues(filter: {states: $states}) { id } } }
              viewer { ...u }
            }
            fragment u on User { login }
            """)
    }

    @Test func unknownTypesWithSuggestions() throws {
        try expectErrors(KnownTypeNamesRule.self, """
            query Q($ref: RepoRef, $state: [IssueStat!]!) {
              search(query: "x") { ... on Issues { id } }
            }
            fragment f on Usr { login }
            """, [
                ExpectedError("Unknown type \"RepoRef\".", [(1, 15)]),
                ExpectedError("Unknown type \"IssueStat\". Did you mean \"IssueState\" or \"Issue\"?", [(1, 33)]),
                ExpectedError("Unknown type \"Issues\". Did you mean \"Issue\"?", [(2, 31)]),
                ExpectedError("Unknown type \"Usr\". Did you mean \"User\"?", [(4, 15)]),
            ])
    }

    @Test func sdlMayReferenceStandardTypesAndItsOwnDefinitions() throws {
        try expectValidSDL(KnownTypeNamesRule.self, """
            type Query { team: Team count: Int meta: __Schema }
            type Team { name: String }
            """)
    }

    @Test func sdlUnknownTypesSuggestStandardNames() throws {
        try expectSDLErrors(KnownTypeNamesRule.self, """
            type Query { team: Teem count: Strin }
            type Team { name: String }
            """, [
                ExpectedError("Unknown type \"Teem\". Did you mean \"Team\"?", [(1, 20)]),
                ExpectedError("Unknown type \"Strin\". Did you mean \"String\"?", [(1, 32)]),
            ])
    }

    @Test func sdlExtendingASchemaKnowsItsTypes() throws {
        try expectSDLErrors(KnownTypeNamesRule.self, """
            extend type User { mentor: User team: Squad }
            """, [ExpectedError("Unknown type \"Squad\".", [(1, 39)])], schema: validationTestSchema)
    }
}
