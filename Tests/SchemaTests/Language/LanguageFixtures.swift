/// Documents shared by the language tests.
enum LanguageFixtures {
    /// A document using every part of the grammar: all operation kinds, variables with defaults
    /// and directives, fragments, every value kind, block strings, descriptions, every type-system
    /// definition and extension.
    static let kitchenSink = #"""
        # A document exercising every part of the grammar.
        query Dashboard($login: String! = "octocat", $first: Int = 10, $filter: IssueFilter = {state: OPEN, labels: ["bug", "p1"]}, $after: [[ID!]] @tracked) @cached(ttl: 60) {
          viewer: user(login: $login) {
            id,
            ... on Person @include(if: true) { name }
            ...UserFields @skip(if: $hidden)
            ... @defer { slowField }
            issues(first: $first, after: null, filter: {nested: {deep: [1, -2.5e3, 0.0, "tab\there \u00e9 \"q\""]}}, orderBy: {field: CREATED_AT, direction: DESC}) {
              totalCount
            }
          }
        }

        mutation { like(id: 4, note: """
          multi-line
            block string with \""" quotes
        """) }

        subscription OnEvent { event { kind } }

        query ($v: Boolean) { a }

        fragment UserFields on User @lazy { login email }

        """
        Schema description
        """
        schema @entry { query: Query mutation: Mutation }

        "A scalar" scalar DateTime @specifiedBy(url: "https://example.com/dt")

        type Query implements & Node & Entity @key(fields: "id") {
          "The node with this id"
          node(id: ID!, "args can have descriptions" includeDeleted: Boolean = false @deprecated): Node
          search(query: String = "", kinds: [Kind!]! = [ISSUE, PULL]): [SearchResult!]!
        }

        interface Node { id: ID! }
        interface Entity implements Node { id: ID! name: String }

        union SearchResult = | Issue | PullRequest
        union Empty @flag

        enum Kind { "issues" ISSUE PULL @deprecated(reason: "use PR") PR }

        input IssueFilter { state: State = OPEN labels: [String!] @constraint(max: 10) since: DateTime }

        directive @cached(ttl: Int = 0) repeatable on QUERY | FIELD
        directive @key(
          "field set"
          fields: String!
        ) on | OBJECT | INTERFACE

        extend schema @extra
        extend schema { subscription: Subscription }
        extend scalar DateTime @format(pattern: "iso")
        extend type Query implements Other { more: Int }
        extend interface Node @tagged
        extend union SearchResult = Discussion
        extend enum Kind { DISCUSSION }
        extend input IssueFilter { author: String }
        """#

    /// `kitchenSink` in the printer's canonical layout.
    static let kitchenSinkPrinted = #"""
        query Dashboard($login: String! = "octocat", $first: Int = 10, $filter: IssueFilter = {state: OPEN, labels: ["bug", "p1"]}, $after: [[ID!]] @tracked) @cached(ttl: 60) {
          viewer: user(login: $login) {
            id
            ... on Person @include(if: true) {
              name
            }
            ...UserFields @skip(if: $hidden)
            ... @defer {
              slowField
            }
            issues(
              first: $first
              after: null
              filter: {nested: {deep: [1, -2.5e3, 0.0, "tab\there é \"q\""]}}
              orderBy: {field: CREATED_AT, direction: DESC}
            ) {
              totalCount
            }
          }
        }

        mutation {
          like(id: 4, note: """
          multi-line
            block string with \""" quotes
          """)
        }

        subscription OnEvent {
          event {
            kind
          }
        }

        query ($v: Boolean) {
          a
        }

        fragment UserFields on User @lazy {
          login
          email
        }

        """Schema description"""
        schema @entry {
          query: Query
          mutation: Mutation
        }

        "A scalar"
        scalar DateTime @specifiedBy(url: "https://example.com/dt")

        type Query implements Node & Entity @key(fields: "id") {
          "The node with this id"
          node(
            id: ID!
            "args can have descriptions"
            includeDeleted: Boolean = false @deprecated
          ): Node
          search(query: String = "", kinds: [Kind!]! = [ISSUE, PULL]): [SearchResult!]!
        }

        interface Node {
          id: ID!
        }

        interface Entity implements Node {
          id: ID!
          name: String
        }

        union SearchResult = Issue | PullRequest

        union Empty @flag

        enum Kind {
          "issues"
          ISSUE
          PULL @deprecated(reason: "use PR")
          PR
        }

        input IssueFilter {
          state: State = OPEN
          labels: [String!] @constraint(max: 10)
          since: DateTime
        }

        directive @cached(ttl: Int = 0) repeatable on QUERY | FIELD

        directive @key(
          "field set"
          fields: String!
        ) on OBJECT | INTERFACE

        extend schema @extra

        extend schema {
          subscription: Subscription
        }

        extend scalar DateTime @format(pattern: "iso")

        extend type Query implements Other {
          more: Int
        }

        extend interface Node @tagged

        extend union SearchResult = Discussion

        extend enum Kind {
          DISCUSSION
        }

        extend input IssueFilter {
          author: String
        }
        """#
}
