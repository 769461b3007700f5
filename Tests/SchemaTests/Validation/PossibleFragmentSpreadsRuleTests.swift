import Testing
@testable import Schema

@Suite struct PossibleFragmentSpreadsRuleTests {
    let rule = PossibleFragmentSpreadsRule.self

    @Test func overlappingTypes() throws {
        try expectValid(rule, """
            {
              viewer { ...OnUser ...OnActor ...OnNode ...OnResult ... on Actor { login } }
              search(query: "q") { ...OnUser ...OnNode ... on Timestamped { createdAt } ... on Issue { id } }
              node(id: "1") { ...OnActor ...OnResult ... on Timestamped { createdAt } }
            }
            fragment OnUser on User { id }
            fragment OnActor on Actor { id }
            fragment OnNode on Node { id }
            fragment OnResult on SearchResult { __typename }
            """)
    }

    @Test func impossibleSpreads() throws {
        try expectErrors(rule, """
            {
              viewer { ...OnBot ... on Issue { id } ...OnTimestamped }
              search(query: "q") { ...OnBot }
            }
            fragment OnBot on Bot { id }
            fragment OnTimestamped on Timestamped { createdAt }
            """, [
                ExpectedError("Fragment \"OnBot\" cannot be spread here as objects of type \"User\" can never be of type \"Bot\".",
                              [(2, 12)]),
                ExpectedError("Fragment cannot be spread here as objects of type \"User\" can never be of type \"Issue\".",
                              [(2, 21)]),
                ExpectedError("Fragment \"OnTimestamped\" cannot be spread here as objects of type \"User\" can never be of type \"Timestamped\".",
                              [(2, 41)]),
                ExpectedError("Fragment \"OnBot\" cannot be spread here as objects of type \"SearchResult\" can never be of type \"Bot\".",
                              [(3, 24)]),
            ])
    }

    @Test func unknownFragmentsAndTypesAreLeftToOtherRules() throws {
        try expectValid(rule, """
            { viewer { ...Missing ... on Unknown { id } ...OnUnknown } }
            fragment OnUnknown on Unknown { id }
            """)
    }
}
