import Testing
@testable import Schema

private let librarySDL = """
    type Query {
      shelf: Shelf
      shelves: [Shelf!]
      book(id: ID!): Book
      count: Int
      favourite: Media
      media: [Media!]!
      strict: Book!
    }
    type Shelf { name: String!, books: [Book!]!, maybe: [Book] }
    interface Media { title: String! }
    type Book implements Media { id: ID!, title: String!, pages: Int, author: Author, tags: [String!] }
    type Film implements Media { title: String!, minutes: Int! }
    type Author { name: String!, born: Int }
    """

private let libraryData = """
    {
      "shelf": {
        "name": "Fiction",
        "books": [
          {"id": "b1", "title": "Dune", "pages": 412, "author": {"name": "Herbert", "born": 1920}, "tags": ["sf"]},
          {"id": 2, "title": "Emma", "pages": null, "author": null, "tags": []}
        ],
        "maybe": [{"id": "b3", "title": "Ulysses"}, null]
      },
      "count": 3,
      "favourite": {"__typename": "Film", "title": "Alien", "minutes": 117},
      "media": [
        {"__typename": "Book", "id": "b1", "title": "Dune"},
        {"__typename": "Film", "title": "Heat", "minutes": 170}
      ]
    }
    """

@Suite("Execution")
struct ExecuteTests {
    @Test func defaultResolverAliasesAndFragments() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, """
            query {
              n: count
              shelf {
                __typename
                name
                first: books { title ...Extra }
                books { id }
              }
            }
            fragment Extra on Book { pages author { name } }
            """, data: libraryData)
        try expectJSON(out, ("""
            {"data": {"n": 3, "shelf": {"__typename": "Shelf", "name": "Fiction",
              "first": [{"title": "Dune", "pages": 412, "author": {"name": "Herbert"}},
                        {"title": "Emma", "pages": null, "author": null}],
              "books": [{"id": "b1"}, {"id": "2"}]}}}
            """))
    }

    @Test func fieldsOfTheSameResponseKeyMerge() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, "{ shelf { books { title } } shelf { name books { id } } }", data: libraryData)
        try expectJSON(out, ("""
            {"data": {"shelf": {"books": [{"title": "Dune", "id": "b1"}, {"title": "Emma", "id": "2"}], "name": "Fiction"}}}
            """))
    }

    @Test func nonNullErrorPropagatesToNearestNullableField() async throws {
        let schema = try makeSchema(librarySDL)
        // `maybe` is [Book]: the null item stays; the missing non-null `id`... is present. Make `title` null instead.
        let data = #"{"shelf": {"name": "X", "books": [{"id": "1", "title": null}], "maybe": [{"id": "2", "title": null}]}}"#
        let out = try await run(schema, """
            {
              shelf {
                name
                maybe { id title }
              }
            }
            """, data: data)
        try expectJSON(out, ("""
            {"data": {"shelf": {"name": "X", "maybe": [null]}},
             "errors": [{"message": "Cannot return null for non-nullable field Book.title.",
                         "locations": [{"line": 4, "column": 16}], "path": ["shelf", "maybe", 0, "title"]}]}
            """))
    }

    @Test func nonNullListItemNullsTheWholeListAndBubblesFurther() async throws {
        let schema = try makeSchema(librarySDL)
        let data = #"{"shelf": {"name": "X", "books": [{"id": "1", "title": "A"}, null]}}"#
        let out = try await run(schema, "{ count shelf { books { title } } }", data: data)
        // books: [Book!]! — the null item nulls the list, which is non-null, so `shelf` becomes null.
        try expectJSON(out, ("""
            {"data": {"count": null, "shelf": null},
             "errors": [{"message": "Cannot return null for non-nullable field Shelf.books.",
                         "locations": [{"line": 1, "column": 17}], "path": ["shelf", "books", 1]}]}
            """))
    }

    @Test func nullAtTheRootMakesDataNull() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, "{ count strict { id } }", data: #"{"count": 1}"#)
        try expectJSON(out, ("""
            {"data": null,
             "errors": [{"message": "Cannot return null for non-nullable field Query.strict.",
                         "locations": [{"line": 1, "column": 9}], "path": ["strict"]}]}
            """))
    }

    @Test func leafSerialisationErrors() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, "{ count shelf { name } }", data: #"{"count": 1.5, "shelf": {"name": ["a"]}}"#)
        try expectJSON(out, ("""
            {"data": {"count": null, "shelf": null},
             "errors": [
               {"message": "Int cannot represent non-integer value: 1.5", "locations": [{"line": 1, "column": 3}], "path": ["count"]},
               {"message": "String cannot represent value: [\\"a\\"]", "locations": [{"line": 1, "column": 17}], "path": ["shelf", "name"]}]}
            """))
    }

    @Test func listCompletionRequiresALists() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, "{ shelf { name maybe { id } } }", data: #"{"shelf": {"name": "N", "maybe": {"id": "1"}}}"#)
        try expectJSON(out, ("""
            {"data": {"shelf": {"name": "N", "maybe": null}},
             "errors": [{"message": "Expected Iterable, but did not find one for field \\"Shelf.maybe\\".",
                         "locations": [{"line": 1, "column": 16}], "path": ["shelf", "maybe"]}]}
            """))
    }

    @Test func abstractTypesResolveThroughTypename() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, """
            {
              favourite { __typename title ... on Film { minutes } }
              media { title ... on Book { id } ... on Film { minutes } }
            }
            """, data: libraryData)
        try expectJSON(out, ("""
            {"data": {"favourite": {"__typename": "Film", "title": "Alien", "minutes": 117},
                      "media": [{"title": "Dune", "id": "b1"}, {"title": "Heat", "minutes": 170}]}}
            """))
    }

    @Test func abstractTypeWithoutATypeNameIsAFieldError() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, "{ favourite { title } }", data: #"{"favourite": {"title": "X"}}"#)
        try expectJSON(out, ("""
            {"data": {"favourite": null},
             "errors": [{"message": "Abstract type \\"Media\\" must resolve to an Object type at runtime for field \\"Query.favourite\\". Either the \\"Media\\" type should have a type resolver or the value should carry a \\"__typename\\".",
                         "locations": [{"line": 1, "column": 3}], "path": ["favourite"]}]}
            """))
        let wrong = try await run(schema, "{ favourite { title } }", data: #"{"favourite": {"__typename": "Author"}}"#)
        #expect(wrong.contains(#"Runtime Object type \"Author\" is not a possible type for \"Media\"."#))
    }

    @Test func abstractTypesResolveThroughTypeResolversAndTypedResults() async throws {
        struct Film: Sendable { let title: String }
        let schema = try makeSchema(librarySDL)
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Query", "favourite") { _ in .object(Film(title: "Ran")) }
        resolvers.resolve("Query", "media") { _ in .list([.typed("Film", Film(title: "Solaris"))]) }
        resolvers.resolve("Film", "title") { ctx in .value(.string((ctx.source as! Film).title)) }
        resolvers.resolve("Film", "minutes") { _ in 90 }
        resolvers.resolveType("Media") { source, _ in source is Film ? "Film" : nil }
        let out = try await run(schema, "{ favourite { ... on Film { title minutes } } media { title } }",
                                resolvers: resolvers)
        try expectJSON(out, (#"{"data": {"favourite": {"title": "Ran", "minutes": 90}, "media": [{"title": "Solaris"}]}}"#))
    }

    @Test func skipAndInclude() async throws {
        let schema = try makeSchema(librarySDL)
        let out = try await run(schema, """
            query ($yes: Boolean!, $no: Boolean = false) {
              count @skip(if: $yes)
              a: count @include(if: $yes)
              b: count @include(if: $no)
              shelf { ... @skip(if: $no) { name } ...Books @include(if: false) }
            }
            fragment Books on Shelf { books { id } }
            """, data: libraryData, variables: #"{"yes": true}"#)
        try expectJSON(out, (#"{"data": {"a": 3, "shelf": {"name": "Fiction"}}}"#))
    }

    @Test func resolverArgumentsAreCoercedWithDefaults() async throws {
        let schema = try makeSchema("""
            enum Order { ASC DESC }
            input Range { from: Int = 0, to: Int! }
            type Query { echo(limit: Int = 10, order: Order, range: Range, ids: [ID!]): String }
            """)
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Query", "echo") { ctx in .value(.string(JSONSerializer.string(.object(ctx.arguments)))) }
        let out = try await run(schema, """
            query ($to: Int!) { a: echo(order: DESC, range: {to: $to}, ids: 7) b: echo(limit: null) }
            """, variables: #"{"to": 5}"#, resolvers: resolvers)
        try expectJSON(out, ("""
            {"data": {"a": "{\\"limit\\":10,\\"order\\":\\"DESC\\",\\"range\\":{\\"from\\":0,\\"to\\":5},\\"ids\\":[\\"7\\"]}",
                      "b": "{\\"limit\\":null}"}}
            """))
    }

    @Test func variableCoercionErrorsAreRequestErrors() async throws {
        let schema = try makeSchema("""
            input Pick @oneOf { id: ID, name: String }
            input Filter { size: Int!, tags: [String!] }
            type Query { f(x: Int, p: Pick, filter: Filter): Int }
            """)
        let out = try await run(schema, """
            query Q($x: Int, $req: Int!, $nn: Int!, $p: Pick, $filter: Filter) {
              f(x: $x, p: $p, filter: $filter)
            }
            """, variables: #"{"x": 1.5, "nn": null, "p": {"id": "1", "name": "a"}, "filter": {"tags": ["a", 2]}}"#)
        try expectJSON(out, ("""
            {"errors": [
              {"message": "Variable \\"$x\\" got invalid value 1.5; Int cannot represent non-integer value: 1.5",
               "locations": [{"line": 1, "column": 9}], "extensions": {"code": "BAD_USER_INPUT"}},
              {"message": "Variable \\"$req\\" of required type \\"Int!\\" was not provided.",
               "locations": [{"line": 1, "column": 18}], "extensions": {"code": "BAD_USER_INPUT"}},
              {"message": "Variable \\"$nn\\" of non-null type \\"Int!\\" must not be null.",
               "locations": [{"line": 1, "column": 30}], "extensions": {"code": "BAD_USER_INPUT"}},
              {"message": "Variable \\"$p\\" got invalid value { id: \\"1\\", name: \\"a\\" }; Exactly one key must be specified for OneOf type \\"Pick\\".",
               "locations": [{"line": 1, "column": 41}], "extensions": {"code": "BAD_USER_INPUT"}},
              {"message": "Variable \\"$filter\\" got invalid value { tags: [\\"a\\", 2] }; Field \\"size\\" of required type \\"Int!\\" was not provided.",
               "locations": [{"line": 1, "column": 51}], "extensions": {"code": "BAD_USER_INPUT"}},
              {"message": "Variable \\"$filter\\" got invalid value 2 at \\"filter.tags[1]\\"; String cannot represent a non string value: 2",
               "locations": [{"line": 1, "column": 51}], "extensions": {"code": "BAD_USER_INPUT"}}
            ]}
            """))
    }

    @Test func oneOfNullFieldIsRejected() async throws {
        let schema = try makeSchema("""
            input Pick @oneOf { id: ID, name: String }
            type Query { f(p: Pick): Int }
            """)
        let out = try await run(schema, "query ($p: Pick) { f(p: $p) }", variables: #"{"p": {"id": null}}"#)
        try expectJSON(out, ("""
            {"errors": [{"message": "Variable \\"$p\\" got invalid value null at \\"p.id\\"; Field \\"id\\" must be non-null.",
                         "locations": [{"line": 1, "column": 8}], "extensions": {"code": "BAD_USER_INPUT"}}]}
            """))
    }

    @Test func argumentErrorsAreFieldErrors() async throws {
        let schema = try makeSchema("type Query { f(n: Int!): Int, g: Int }")
        let out = try await run(schema, "query ($v: Int) { f(n: $v) g }", data: #"{"f": 1, "g": 2}"#)
        try expectJSON(out, ("""
            {"data": {"f": null, "g": 2},
             "errors": [{"message": "Argument \\"n\\" of required type \\"Int!\\" was provided the variable \\"$v\\" which was not provided a runtime value.",
                         "locations": [{"line": 1, "column": 24}], "path": ["f"], "extensions": {"code": "BAD_USER_INPUT"}}]}
            """))
    }

    @Test func operationSelection() async throws {
        let schema = try makeSchema("type Query { a: Int } type Mutation { m: Int }")
        let data = #"{"a": 1, "m": 2}"#
        #expect(try await run(schema, "query A { a } mutation B { m }", data: data, operationName: "B")
                == (try json(#"{"data": {"m": 2}}"#)))
        #expect(try await run(schema, "query A { a } query B { a }", data: data) == (try json("""
            {"errors": [{"message": "Must provide operation name if query contains multiple operations.",
                         "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}]}
            """)))
        #expect(try await run(schema, "query A { a }", data: data, operationName: "C") == (try json("""
            {"errors": [{"message": "Unknown operation named \\"C\\".", "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}]}
            """)))
        #expect(try await run(schema, "fragment F on Query { a }", data: data) == (try json("""
            {"errors": [{"message": "Must provide an operation.", "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}]}
            """)))
    }

    @Test func subscriptionsAreARequestErrorNotACrash() async throws {
        let schema = try makeSchema("type Query { a: Int } type Subscription { s: Int }")
        let out = try await run(schema, "subscription { s }")
        try expectJSON(out, ("""
            {"errors": [{"message": "Subscription operations are not supported.", "locations": [{"line": 1, "column": 1}],
                         "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}]}
            """))
        let noMutation = try await run(schema, "mutation { a }")
        #expect(noMutation.contains("Schema is not configured to execute mutation operation."))
    }

    @Test func resolverErrorsCarryCodesAndHideInternalDetails() async throws {
        struct DatabaseDown: Error { let dsn = "postgres://user:secret@db" }
        let schema = try makeSchema("type Query { a: Int, b: Int!, c: String }")
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Query", "a") { _ in throw GraphQLFieldError("GitHub rate limit", code: "RATE_LIMITED", extensions: [("tool", .string("github"))]) }
        resolvers.resolve("Query", "b") { _ in throw DatabaseDown() }
        resolvers.resolve("Query", "c") { _ in "ok" }
        let out = try await run(schema, "{ a c }", resolvers: resolvers)
        try expectJSON(out, ("""
            {"data": {"a": null, "c": "ok"},
             "errors": [{"message": "GitHub rate limit", "locations": [{"line": 1, "column": 3}], "path": ["a"],
                         "extensions": {"code": "RATE_LIMITED", "tool": "github"}}]}
            """))
        let hidden = try await run(schema, "{ c b }", resolvers: resolvers)
        try expectJSON(hidden, ("""
            {"data": null,
             "errors": [{"message": "Internal error", "locations": [{"line": 1, "column": 5}], "path": ["b"],
                         "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
            """))
        #expect(!hidden.contains("secret"))
    }

    @Test func typedContextAndResolveInfo() async throws {
        struct RequestContext: Sendable { let user: String }
        let schema = try makeSchema("type Query { me: User } type User { name: String, path: String }")
        var resolvers = ResolverMap<RequestContext>()
        resolvers.resolve("Query", "me") { _ in .value(.object(ObjectValue())) }
        resolvers.resolveAsync("User", "name") { ctx in .value(.string(ctx.context.user)) }
        resolvers.resolve("User", "path") { ctx in
            .value(.string(ctx.info.path.map(\.description).joined(separator: "/") + " " + ctx.info.parentType.name))
        }
        let out = try await run(schema, "{ me { name where: path } }", context: RequestContext(user: "ada"),
                                resolvers: resolvers)
        try expectJSON(out, (#"{"data": {"me": {"name": "ada", "where": "me/where User"}}}"#))
    }
}
