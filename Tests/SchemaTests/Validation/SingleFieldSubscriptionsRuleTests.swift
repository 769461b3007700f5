import Testing
@testable import Schema

@Suite struct SingleFieldSubscriptionsRuleTests {
    let rule = SingleFieldSubscriptionsRule.self

    @Test func oneRootField() throws {
        try expectValid(rule, """
            subscription Opened { issueOpened(repository: "r") { id } }
            subscription ViaFragment { ...Root }
            subscription Repeated { issueOpened(repository: "r") { id } ... on Subscription { issueOpened(repository: "r") { title } } }
            fragment Root on Subscription { issueClosed(repository: "r") { id } }
            query { viewer { login } repository(owner: "a", name: "b") { id } }
            """)
    }

    @Test func moreThanOneRootField() throws {
        try expectErrors(rule, """
            subscription Both {
              issueOpened(repository: "r") { id }
              ...Closed
              ... { again: issueOpened(repository: "s") { id } }
            }
            fragment Closed on Subscription { issueClosed(repository: "r") { id } }
            """, [ExpectedError("Subscription \"Both\" must select only one top level field.", [(6, 35), (4, 9)])])
    }

    @Test func introspectionRootField() throws {
        try expectErrors(rule, """
            subscription { __typename }
            """, [ExpectedError("Anonymous Subscription must not select an introspection top level field.", [(1, 16)])])
        try expectErrors(rule, """
            subscription Peek { ...Meta }
            fragment Meta on Subscription { kind: __typename }
            """, [ExpectedError("Subscription \"Peek\" must not select an introspection top level field.", [(2, 33)])])
    }

    @Test func skipAndIncludeAreForbiddenAtTheRoot() throws {
        try expectErrors(rule, """
            subscription ($off: Boolean!) {
              issueOpened(repository: "r") @skip(if: $off) { id @include(if: $off) }
              ...Closed @include(if: true)
            }
            fragment Closed on Subscription { issueClosed(repository: "r") { id } }
            """, [ExpectedError(
                "Anonymous Subscription must not use `@skip` or `@include` directives in the top level selection.",
                [(2, 32), (3, 13)])])
    }

    @Test func recursiveFragmentsTerminate() throws {
        try expectValid(rule, """
            subscription { ...Loop }
            fragment Loop on Subscription { issueOpened(repository: "r") { id } ...Loop }
            """)
    }
}
