import Testing
@testable import Schema

/// The one schema all validation rule tests run against: a small developer-tools domain with
/// interfaces (one implementing another), a union, enums, input objects (one `@oneOf`),
/// arguments with defaults, deprecated fields and values, and custom directives.
let validationTestSDL = """
    directive @audit(reason: String) on QUERY | MUTATION | FIELD
    directive @tag(name: String!) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | FIELD_DEFINITION | OBJECT
    directive @trace on QUERY | MUTATION | SUBSCRIPTION | FIELD | VARIABLE_DEFINITION | FRAGMENT_DEFINITION
    directive @cached(ttl: Int = 60) on FIELD | INLINE_FRAGMENT

    interface Node {
      id: ID!
    }

    interface Timestamped {
      createdAt: String
      updatedAt: String
    }

    interface Actor implements Node {
      id: ID!
      login: String!
      avatarUrl(size: Int = 64): String
    }

    type User implements Actor & Node {
      id: ID!
      login: String!
      avatarUrl(size: Int = 64): String
      email: String
      repositories(first: Int = 10, after: String, visibility: Visibility): [Repository!]!
    }

    type Bot implements Actor & Node {
      id: ID!
      login: String!
      avatarUrl(size: Int = 64): String
      owner: User
    }

    type Repository implements Node & Timestamped {
      id: ID!
      name: String!
      owner: Actor!
      visibility: Visibility!
      createdAt: String
      updatedAt: String
      issues(state: IssueState, labels: [String!], filter: IssueFilter): [Issue!]!
      pullRequest(number: Int!): PullRequest
      defaultBranch: String @deprecated(reason: "Use `mainBranch`.")
      mainBranch: String
      stars: Int
    }

    type Issue implements Node & Timestamped {
      id: ID!
      number: Int!
      title: String!
      state: IssueState!
      author: Actor
      assignees: [User!]
      labels: [String!]!
      createdAt: String
      updatedAt: String
    }

    type PullRequest implements Node & Timestamped {
      id: ID!
      number: Int!
      title: String!
      merged: Boolean!
      author: Actor
      createdAt: String
      updatedAt: String
    }

    union SearchResult = Repository | Issue | PullRequest | User

    enum Visibility {
      PUBLIC
      PRIVATE
      INTERNAL
    }

    enum IssueState {
      OPEN
      CLOSED
      DUPLICATE @deprecated(reason: "Use CLOSED.")
    }

    input IssueFilter {
      assignee: String
      states: [IssueState!]
      since: String
      limit: Int = 20
    }

    input RepositoryRef @oneOf {
      id: ID
      fullName: String
    }

    input NewIssue {
      repository: RepositoryRef!
      title: String!
      body: String
      labels: [String!] = []
    }

    type Query {
      viewer: User
      node(id: ID!): Node
      repository(owner: String!, name: String!): Repository
      search(query: String!, first: Int = 20): [SearchResult!]!
      resolve(ref: RepositoryRef!): Repository
    }

    type Mutation {
      openIssue(input: NewIssue!): Issue
      closeIssue(id: ID!, reason: String): Issue
    }

    type Subscription {
      issueOpened(repository: ID!): Issue
      issueClosed(repository: ID!): Issue
    }
    """

let validationTestSchema: GraphQLSchema = {
    do {
        return try buildSchema(validationTestSDL)
    } catch {
        Issue.record("validation test schema does not build: \(error)")
        return GraphQLSchema(query: nil, types: [], directives: [])
    }
}()

/// An expected error: its message and its (line, column) locations.
struct ExpectedError {
    let message: String
    let locations: [(line: Int, column: Int)]
    init(_ message: String, _ locations: [(line: Int, column: Int)]) {
        self.message = message
        self.locations = locations
    }
}

/// The errors `rule` alone finds in `document` against `schema` (the shared test schema by default).
func validationErrors(_ rule: any ValidationRule.Type, _ document: String,
                      schema: GraphQLSchema = validationTestSchema) throws -> [GraphQLError] {
    validate(schema: schema, document: try parse(Source(document)), rules: [rule])
}

/// The errors `rule` alone finds in an SDL document, optionally extending `schema`.
func sdlValidationErrors(_ rule: any ValidationRule.Type, _ sdl: String,
                         schema: GraphQLSchema? = nil) throws -> [GraphQLError] {
    validateSDL(try parse(Source(sdl)), schema: schema, rules: [rule])
}

/// Asserts that `rule` finds nothing wrong with `document`.
func expectValid(_ rule: any ValidationRule.Type, _ document: String, schema: GraphQLSchema = validationTestSchema,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let errors = try validationErrors(rule, document, schema: schema)
    #expect(errors.isEmpty, "unexpected: \(errors)", sourceLocation: sourceLocation)
}

/// Asserts that `rule` reports exactly one error per given location, in this order.
@discardableResult
func expectErrors(_ rule: any ValidationRule.Type, _ document: String, _ locations: [(Int, Int)],
                  schema: GraphQLSchema = validationTestSchema,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [GraphQLError] {
    let errors = try validationErrors(rule, document, schema: schema)
    checkLocations(errors, locations.map { [$0] }, rule: rule, sourceLocation: sourceLocation)
    return errors
}

/// Asserts that `rule` reports exactly these errors (messages and locations), in this order.
@discardableResult
func expectErrors(_ rule: any ValidationRule.Type, _ document: String, _ expected: [ExpectedError],
                  schema: GraphQLSchema = validationTestSchema,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [GraphQLError] {
    let errors = try validationErrors(rule, document, schema: schema)
    check(errors, expected, rule: rule, sourceLocation: sourceLocation)
    return errors
}

/// Asserts that `rule` finds nothing wrong with an SDL document.
func expectValidSDL(_ rule: any ValidationRule.Type, _ sdl: String, schema: GraphQLSchema? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let errors = try sdlValidationErrors(rule, sdl, schema: schema)
    #expect(errors.isEmpty, "unexpected: \(errors)", sourceLocation: sourceLocation)
}

/// Asserts that `rule` reports exactly these errors in an SDL document, in this order.
@discardableResult
func expectSDLErrors(_ rule: any ValidationRule.Type, _ sdl: String, _ expected: [ExpectedError],
                     schema: GraphQLSchema? = nil,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [GraphQLError] {
    let errors = try sdlValidationErrors(rule, sdl, schema: schema)
    check(errors, expected, rule: rule, sourceLocation: sourceLocation)
    return errors
}

private func checkLocations(_ errors: [GraphQLError], _ locations: [[(Int, Int)]], rule: any ValidationRule.Type,
                            sourceLocation: Testing.SourceLocation) {
    let got = errors.map { $0.locations.map { "\($0.line):\($0.column)" } }
    let want = locations.map { $0.map { "\($0.0):\($0.1)" } }
    #expect(got == want, "errors: \(errors)", sourceLocation: sourceLocation)
    for error in errors {
        #expect(error.code == "GRAPHQL_VALIDATION_FAILED", sourceLocation: sourceLocation)
        #expect(error.extensions.map(\.0) == ["code", "rule"], sourceLocation: sourceLocation)
        #expect(error.extensions.last.map { $0.1 == .string(rule.name) } == true, sourceLocation: sourceLocation)
    }
}

private func check(_ errors: [GraphQLError], _ expected: [ExpectedError], rule: any ValidationRule.Type,
                   sourceLocation: Testing.SourceLocation) {
    #expect(errors.map(\.message) == expected.map(\.message), sourceLocation: sourceLocation)
    checkLocations(errors, expected.map { $0.locations.map { ($0.line, $0.column) } }, rule: rule,
                   sourceLocation: sourceLocation)
}
